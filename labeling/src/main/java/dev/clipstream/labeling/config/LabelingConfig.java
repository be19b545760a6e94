package dev.clipstream.labeling.config;

import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The configuration keys of the labeling app (docs/labeling.md lists them) and how they become settings.
 * Precedence is runtime's ConfigLoader's: declared default, {@value #DEFAULTS_RESOURCE}, {@code --config FILE},
 * {@code CLIPSTREAM_*} environment variables. Any Kafka Streams setting passes through as
 * {@code kafka.streams.<name>}; processing.guarantee stays exactly_once_v2 unless set explicitly (fault tests'
 * at-least-once control only; a warning is logged).
 */
public final class LabelingConfig {

    public static final String DEFAULTS_RESOURCE = "/labeling-defaults.properties";
    public static final String SERVICE_NAME = "labeling";
    public static final int DEFAULT_MANAGEMENT_PORT = 9082;

    public static final String APPLICATION_ID = "labeling.application.id";
    public static final String CREATE_TOPICS = "labeling.topics.create";
    public static final String SHUTDOWN_TIMEOUT = "labeling.shutdown.timeout";
    public static final String DUPLICATE_WINDOW = "labeling.duplicates.window";
    public static final String PURGE_INTERVAL = "labeling.purge.interval";
    public static final String FPS_MIN = "labeling.plausibility.fps.min";
    public static final String FPS_MAX = "labeling.plausibility.fps.max";
    public static final String WIDTH_MIN = "labeling.plausibility.width.min";
    public static final String WIDTH_MAX = "labeling.plausibility.width.max";
    public static final String HEIGHT_MIN = "labeling.plausibility.height.min";
    public static final String HEIGHT_MAX = "labeling.plausibility.height.max";
    public static final String DURATION_MAX = "labeling.plausibility.duration.max";
    public static final String BITRATE_MIN = "labeling.plausibility.bitrate.min";
    public static final String BITRATE_MAX = "labeling.plausibility.bitrate.max";
    public static final String BLUR_MODELS = "labeling.privacy.blur.models";
    public static final String REVIEW_CONFIDENCE = "labeling.review.confidence";
    public static final String BATCH_MAX_CLIPS = "labeling.batch.max.clips";
    public static final String BATCH_MAX_BYTES = "labeling.batch.max.bytes";
    public static final String BATCH_MAX_AGE = "labeling.batch.max.age";
    public static final String BATCH_CHECK_INTERVAL = "labeling.batch.check.interval";
    public static final String MEMBERSHIP_RETENTION = "labeling.batch.membership.retention";
    public static final String DATASET_VERSION = "labeling.dataset.version";

    private LabelingConfig() {
    }

    public static ConfigDefinition definition() {
        LabelingSettings d = LabelingSettings.defaults();
        PlausibilityLimits p = d.plausibility();
        BatchLimits b = d.batch();
        return ConfigDefinition.builder()
                .defineAll(PlatformSettings.configKeys())
                .defineAll(ManagementSettings.configKeys(DEFAULT_MANAGEMENT_PORT))
                .define(ConfigKey.of(APPLICATION_ID, ConfigType.STRING, "clipstream-labeling",
                        "Kafka Streams application.id: consumer group, prefix of internal topics; instances with "
                                + "the same id share the work").validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(CREATE_TOPICS, ConfigType.BOOLEAN, "true",
                        "Create missing catalog topics and register their schemas at start"))
                .define(ConfigKey.of(SHUTDOWN_TIMEOUT, ConfigType.DURATION, "30s",
                        "How long a graceful shutdown may take to commit and close"))
                .define(ConfigKey.of(DUPLICATE_WINDOW, ConfigType.DURATION, text(d.duplicateWindow()),
                        "A clip whose sha256 or clip id was seen less than this long before is a duplicate"))
                .define(ConfigKey.of(PURGE_INTERVAL, ConfigType.DURATION, text(d.purgeInterval()),
                        "How often expired duplicate, decline and batch-membership entries are removed"))
                .define(ConfigKey.of(FPS_MIN, ConfigType.DOUBLE, Double.toString(p.minFramesPerSecond()),
                        "Lowest plausible frame rate"))
                .define(ConfigKey.of(FPS_MAX, ConfigType.DOUBLE, Double.toString(p.maxFramesPerSecond()),
                        "Highest plausible frame rate"))
                .define(ConfigKey.of(WIDTH_MIN, ConfigType.INT, Integer.toString(p.minWidth()),
                        "Smallest plausible frame width in pixels"))
                .define(ConfigKey.of(WIDTH_MAX, ConfigType.INT, Integer.toString(p.maxWidth()),
                        "Largest plausible frame width in pixels"))
                .define(ConfigKey.of(HEIGHT_MIN, ConfigType.INT, Integer.toString(p.minHeight()),
                        "Smallest plausible frame height in pixels"))
                .define(ConfigKey.of(HEIGHT_MAX, ConfigType.INT, Integer.toString(p.maxHeight()),
                        "Largest plausible frame height in pixels"))
                .define(ConfigKey.of(DURATION_MAX, ConfigType.DURATION, text(p.maxDuration()),
                        "Longest plausible clip"))
                .define(ConfigKey.of(BITRATE_MIN, ConfigType.LONG, Long.toString(p.minBitsPerSecond()),
                        "Lowest plausible mean bitrate (byteSize * 8 / duration) in bit/s"))
                .define(ConfigKey.of(BITRATE_MAX, ConfigType.LONG, Long.toString(p.maxBitsPerSecond()),
                        "Highest plausible mean bitrate in bit/s"))
                .define(ConfigKey.of(BLUR_MODELS, ConfigType.LIST,
                        String.join(",", d.allowedBlurModels().stream().sorted().toList()),
                        "Blur model versions whose privacy attestation clears a clip"))
                .define(ConfigKey.of(REVIEW_CONFIDENCE, ConfigType.DOUBLE, Double.toString(d.reviewConfidence()),
                        "A labeled clip with any label below this confidence also goes to clips.review"))
                .define(ConfigKey.of(BATCH_MAX_CLIPS, ConfigType.INT, Integer.toString(b.maxClips()),
                        "A batch closes when it has this many clips (1-1000: a batch record lists every clip)"))
                .define(ConfigKey.of(BATCH_MAX_BYTES, ConfigType.LONG, Long.toString(b.maxBytes()),
                        "A batch closes when its clips add up to this many bytes"))
                .define(ConfigKey.of(BATCH_MAX_AGE, ConfigType.DURATION, text(b.maxAge()),
                        "A batch closes this long (wall clock) after its first clip"))
                .define(ConfigKey.of(BATCH_CHECK_INTERVAL, ConfigType.DURATION, text(b.checkInterval()),
                        "How often open batches are checked for age and for closed campaigns"))
                .define(ConfigKey.of(MEMBERSHIP_RETENTION, ConfigType.DURATION, text(d.membershipRetention()),
                        "How long the batcher remembers which clips a campaign's batches hold"))
                .define(ConfigKey.of(DATASET_VERSION, ConfigType.INT, Integer.toString(d.datasetVersion()),
                        "Dataset version written on every batch (the dataset id is the campaign id)"))
                .passThrough(ConfigDefinition.KAFKA_STREAMS, streamsKeys())
                .build();
    }

    /**
     * Streams' own keys plus the client keys under Streams' client prefixes (e.g. consumer.session.timeout.ms,
     * producer.linger.ms), which Kafka Streams hands to its consumers, producer and admin client.
     */
    private static Set<String> streamsKeys() {
        Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        for (String name : ConsumerConfig.configNames()) {
            for (String prefix : List.of(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX,
                    StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX)) {
                keys.add(prefix + name);
            }
        }
        ProducerConfig.configNames().forEach(name -> keys.add(StreamsConfig.PRODUCER_PREFIX + name));
        AdminClientConfig.configNames().forEach(name -> keys.add(StreamsConfig.ADMIN_CLIENT_PREFIX + name));
        return keys;
    }

    public static LabelingSettings settings(EffectiveConfig config) {
        return new LabelingSettings(
                config.getDuration(DUPLICATE_WINDOW),
                config.getDuration(PURGE_INTERVAL),
                new PlausibilityLimits(config.getDouble(FPS_MIN), config.getDouble(FPS_MAX),
                        config.getInt(WIDTH_MIN), config.getInt(WIDTH_MAX), config.getInt(HEIGHT_MIN),
                        config.getInt(HEIGHT_MAX), config.getDuration(DURATION_MAX), config.getLong(BITRATE_MIN),
                        config.getLong(BITRATE_MAX)),
                new HashSet<>(config.getList(BLUR_MODELS)),
                config.getDouble(REVIEW_CONFIDENCE),
                new BatchLimits(config.getInt(BATCH_MAX_CLIPS), config.getLong(BATCH_MAX_BYTES),
                        config.getDuration(BATCH_MAX_AGE), config.getDuration(BATCH_CHECK_INTERVAL)),
                config.getDuration(MEMBERSHIP_RETENTION),
                config.getInt(DATASET_VERSION));
    }

    private static String text(Duration duration) {
        return duration.toString();
    }
}
