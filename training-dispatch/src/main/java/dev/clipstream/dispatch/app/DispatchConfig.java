package dev.clipstream.dispatch.app;

import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.dispatch.policy.PolicySettings;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The dispatcher's configuration keys (defaults in /dispatch-defaults.properties) and their parsing. */
public final class DispatchConfig {

    public static final String DEFAULTS_RESOURCE = "/dispatch-defaults.properties";
    public static final int DEFAULT_MANAGEMENT_PORT = 9083;

    public static final String BACKENDS = "dispatch.backends";
    public static final String CALL_TIMEOUT = "dispatch.backends.call-timeout";
    public static final String BACKEND_POLL_INTERVAL = "dispatch.backends.poll-interval";
    public static final String UNRESPONSIVE_AFTER = "dispatch.backends.unresponsive-after";
    public static final String ORDER = "dispatch.policy.order";
    public static final String LIVE_ORDER = "dispatch.policy.live.order";
    public static final String REPLAY_ORDER = "dispatch.policy.replay.order";
    public static final String PRIORITY_ORDER = "dispatch.policy.priority-order";
    public static final String LIVE_MAX_WAIT = "dispatch.policy.live.max-wait";
    public static final String REPLAY_MAX_WAIT = "dispatch.policy.replay.max-wait";
    public static final String INITIAL_BACKOFF = "dispatch.retry.initial-backoff";
    public static final String MAX_BACKOFF = "dispatch.retry.max-backoff";
    public static final String POLL_INTERVAL = "dispatch.consumer.poll-interval";
    public static final String GROUP_ID = "dispatch.group-id";
    public static final String TRANSACTIONAL_ID = "dispatch.transactional-id";
    public static final String BATCHES_TOPIC = "dispatch.topic.batches";
    public static final String EVENTS_TOPIC = "dispatch.topic.events";
    public static final String FRAMES_PER_SECOND = "dispatch.job.frames-per-second";
    public static final String SHUTDOWN_TIMEOUT = "dispatch.shutdown.timeout";
    public static final String HOLD_AHEAD = "dispatch.policy.hold-ahead";

    private DispatchConfig() {
    }

    public static ConfigDefinition definition() {
        return ConfigDefinition.builder()
                .defineAll(PlatformSettings.configKeys())
                .defineAll(ManagementSettings.configKeys(DEFAULT_MANAGEMENT_PORT))
                .define(ConfigKey.of(BACKENDS, ConfigType.LIST, "dojo=http://127.0.0.1:8091,nvidia=http://127.0.0.1:8092",
                        "Backends as name=baseUrl pairs, e.g. dojo=http://host:8091,nvidia=http://host:8092"))
                .define(ConfigKey.of(CALL_TIMEOUT, ConfigType.DURATION, "2s", "Timeout of every HTTP call to a backend"))
                .define(ConfigKey.of(BACKEND_POLL_INTERVAL, ConfigType.DURATION, "250ms",
                        "Pause between two polls (status + jobs) of one backend"))
                .define(ConfigKey.of(UNRESPONSIVE_AFTER, ConfigType.DURATION, "10s",
                        "A backend silent this long gets cancel requests for its jobs; they move only once it "
                                + "confirms the cancel"))
                .define(ConfigKey.of(ORDER, ConfigType.LIST, "dojo,nvidia",
                        "Backends in preference order: the first with a free slot gets a batch, later ones are "
                                + "fallbacks"))
                .define(ConfigKey.of(LIVE_ORDER, ConfigType.LIST, "", "Preference order for LIVE batches; empty = "
                        + ORDER))
                .define(ConfigKey.of(REPLAY_ORDER, ConfigType.LIST, "", "Preference order for REPLAY batches; empty = "
                        + ORDER))
                .define(ConfigKey.of(PRIORITY_ORDER, ConfigType.LIST, "LIVE,REPLAY",
                        "Priority classes, highest first"))
                .define(ConfigKey.of(LIVE_MAX_WAIT, ConfigType.DURATION, "30s",
                        "How long a LIVE batch waits for a full preferred backend before it may fall back"))
                .define(ConfigKey.of(REPLAY_MAX_WAIT, ConfigType.DURATION, "5m",
                        "How long a REPLAY batch waits for a full preferred backend before it may fall back"))
                .define(ConfigKey.of(INITIAL_BACKOFF, ConfigType.DURATION, "1s",
                        "Retry delay after a failed or preempted attempt, doubled per attempt"))
                .define(ConfigKey.of(MAX_BACKOFF, ConfigType.DURATION, "1m", "Cap of the retry delay"))
                .define(ConfigKey.of(POLL_INTERVAL, ConfigType.DURATION, "100ms",
                        "Longest one poll of training.batches blocks the dispatch loop"))
                .define(ConfigKey.of(GROUP_ID, ConfigType.STRING, "clipstream-dispatch",
                        "Consumer group whose committed offsets mark the batches already recorded")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(TRANSACTIONAL_ID, ConfigType.STRING, "clipstream-dispatch",
                        "Transactional id; one per deployment (a new instance fences the old one)")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(BATCHES_TOPIC, ConfigType.STRING, "training.batches", "Topic of the batches")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(EVENTS_TOPIC, ConfigType.STRING, "dispatch.events",
                        "Topic of the dispatch events (the dispatcher's event-sourced state)")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(FRAMES_PER_SECOND, ConfigType.DOUBLE, "36",
                        "Frame rate a job trains at (the batch carries seconds of video)"))
                .define(ConfigKey.of(SHUTDOWN_TIMEOUT, ConfigType.DURATION, "10s",
                        "How long a graceful stop waits for submits in flight to be answered and recorded"))
                .define(ConfigKey.of(HOLD_AHEAD, ConfigType.INT, "0",
                        "Batches per backend the policy may assign ahead of a free slot; they are recorded, held by "
                                + "the dispatcher and submitted the moment a slot frees (never beyond free capacity)")
                        .validatedBy(ConfigValidator.between(0, 1000)))
                .passThrough(ConfigDefinition.KAFKA_PRODUCER, ProducerConfig.configNames())
                .passThrough(ConfigDefinition.KAFKA_CONSUMER, ConsumerConfig.configNames())
                .build();
    }

    public static DispatchSettings settings(EffectiveConfig config) {
        List<String> problems = new ArrayList<>();
        List<String> order = config.getList(ORDER);
        Map<BatchPriority, List<String>> orders = new EnumMap<>(BatchPriority.class);
        orders.put(BatchPriority.LIVE, config.getList(LIVE_ORDER).isEmpty() ? order : config.getList(LIVE_ORDER));
        orders.put(BatchPriority.REPLAY, config.getList(REPLAY_ORDER).isEmpty() ? order : config.getList(REPLAY_ORDER));
        List<BatchPriority> priorities = new ArrayList<>();
        for (String name : config.getList(PRIORITY_ORDER)) {
            try {
                priorities.add(BatchPriority.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add("Key '" + PRIORITY_ORDER + "' names '" + name + "', which is not one of "
                        + List.of(BatchPriority.values()));
            }
        }
        Map<String, URI> backends = backends(config, problems);
        orders.values().forEach(list -> list.stream().filter(name -> !backends.containsKey(name)).forEach(name ->
                problems.add("The policy order names backend '" + name + "', which " + BACKENDS
                        + " does not define (defined: " + backends.keySet() + ")")));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().distinct().toList());
        }
        PolicySettings policy;
        try {
            policy = new PolicySettings(priorities, orders, Map.of(BatchPriority.LIVE, config.getDuration(LIVE_MAX_WAIT),
                    BatchPriority.REPLAY, config.getDuration(REPLAY_MAX_WAIT)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid dispatch policy: " + e.getMessage());
        }
        return new DispatchSettings(policy, config.getDuration(POLL_INTERVAL), config.getDuration(BACKEND_POLL_INTERVAL),
                config.getDuration(UNRESPONSIVE_AFTER), config.getDuration(INITIAL_BACKOFF),
                config.getDuration(MAX_BACKOFF), config.getString(GROUP_ID), config.getString(TRANSACTIONAL_ID),
                config.getString(BATCHES_TOPIC), config.getString(EVENTS_TOPIC), config.getDouble(FRAMES_PER_SECOND),
                config.getDuration(SHUTDOWN_TIMEOUT), config.getInt(HOLD_AHEAD), ManagementSettings.from(config, DispatchSettings.SERVICE_NAME),
                config.passThrough(ConfigDefinition.KAFKA_PRODUCER), config.passThrough(ConfigDefinition.KAFKA_CONSUMER));
    }

    /** The backends of {@value #BACKENDS}, by name, in the order written. */
    public static Map<String, URI> backends(EffectiveConfig config) {
        List<String> problems = new ArrayList<>();
        Map<String, URI> backends = backends(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return backends;
    }

    private static Map<String, URI> backends(EffectiveConfig config, List<String> problems) {
        Map<String, URI> backends = new LinkedHashMap<>();
        for (String entry : config.getList(BACKENDS)) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                problems.add("Key '" + BACKENDS + "' has entry '" + entry + "', which is not name=http://host:port");
                continue;
            }
            String name = entry.substring(0, equals).trim();
            String url = entry.substring(equals + 1).trim();
            try {
                URI uri = new URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("Key '" + BACKENDS + "': backend '" + name + "' has URL '" + url
                            + "', which is not an http(s)://host:port URL");
                    continue;
                }
                if (backends.put(name, uri) != null) {
                    problems.add("Key '" + BACKENDS + "' defines backend '" + name + "' twice");
                }
            } catch (URISyntaxException e) {
                problems.add("Key '" + BACKENDS + "': backend '" + name + "' has URL '" + url + "', which is not a URL: "
                        + e.getReason());
            }
        }
        if (backends.isEmpty() && problems.isEmpty()) {
            problems.add("Key '" + BACKENDS + "' defines no backend; set e.g. dojo=http://127.0.0.1:8091");
        }
        return backends;
    }
}
