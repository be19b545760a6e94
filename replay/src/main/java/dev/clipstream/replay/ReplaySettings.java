package dev.clipstream.replay;

import dev.clipstream.replay.estimate.BackendThroughput;
import dev.clipstream.replay.estimate.TrainingEstimator;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.config.PlatformSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Configuration of replay: where Kafka and the registry are, the transaction size and the training-time estimate.
 * Order: declared defaults < {@value #DEFAULTS} < {@code --config FILE} < CLIPSTREAM_* environment; the command's
 * own options win over all of them.
 */
public record ReplaySettings(PlatformSettings platform, int transactionSize, Duration stallTimeout,
                             TrainingEstimator estimator, Map<String, String> kafkaLogin) {

    public static final String DEFAULTS = "/replay-defaults.properties";
    public static final String TRANSACTION_SIZE = "replay.transaction.size";
    public static final String STALL_TIMEOUT = "replay.stall.timeout";
    public static final String FPS = "replay.estimate.fps";
    public static final String TFLOP_PER_FRAME = "replay.estimate.tflop.per.frame";
    public static final String UTILIZATION = "replay.estimate.utilization";
    public static final String BACKENDS = "replay.estimate.backends";

    public static ConfigDefinition definition() {
        return ConfigDefinition.builder()
                .defineAll(PlatformSettings.configKeys())
                .define(ConfigKey.of(TRANSACTION_SIZE, ConfigType.INT, "100",
                        "Batches per producer transaction when republishing").validatedBy(
                        ConfigValidator.between(1, 100_000)))
                .define(ConfigKey.of(STALL_TIMEOUT, ConfigType.DURATION, "30s",
                        "A read that makes no progress this long fails"))
                .define(ConfigKey.of(FPS, ConfigType.DOUBLE, "36", "Estimate: frames per second of video"))
                .define(ConfigKey.of(TFLOP_PER_FRAME, ConfigType.DOUBLE, "1000",
                        "Estimate: training work per frame in TFLOP"))
                .define(ConfigKey.of(UTILIZATION, ConfigType.DOUBLE, "0.4",
                        "Estimate: sustained fraction of peak throughput"))
                .define(ConfigKey.of(BACKENDS, ConfigType.LIST, "dojo=1086,nvidia=253.3",
                        "Estimate: backends as name=PFLOPS"))
                .build();
    }

    /**
     * Loads the settings. Only the environment variables of replay's own keys are read, so variables meant for
     * other services in the same shell are not "unknown keys" here.
     */
    public static ReplaySettings load(Path configFile, Map<String, String> environment) {
        ConfigDefinition definition = definition();
        Map<String, String> own = definition.keys().stream()
                .map(ConfigKey::environmentVariable)
                .filter(environment::containsKey)
                .collect(Collectors.toMap(variable -> variable, environment::get));
        return from(new ConfigLoader(definition, own).load(DEFAULTS, configFile));
    }

    public static ReplaySettings from(EffectiveConfig config) {
        List<BackendThroughput> backends = config.getList(BACKENDS).stream().map(BackendThroughput::parse).toList();
        return new ReplaySettings(PlatformSettings.from(config), config.getInt(TRANSACTION_SIZE),
                config.getDuration(STALL_TIMEOUT), new TrainingEstimator(config.getDouble(FPS),
                config.getDouble(TFLOP_PER_FRAME), config.getDouble(UTILIZATION), backends),
                // kafka.security.protocol / kafka.sasl.*: every replay client logs in as clipstream-replay.
                KafkaClientSecurity.from(config).clientConfig());
    }
}
