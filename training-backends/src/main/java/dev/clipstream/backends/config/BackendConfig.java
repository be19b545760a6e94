package dev.clipstream.backends.config;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.sim.MaintenancePlan;
import dev.clipstream.backends.sim.OutageModel;
import dev.clipstream.backends.sim.SimulatedBackendSettings;
import dev.clipstream.backends.sim.SupplyWalk;
import dev.clipstream.backends.sim.ThroughputModel;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.config.PlatformSettings;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of a simulated backend process. Every key's default lives in the kind's classpath resource
 * ({@code /backend-dojo-defaults.properties} or {@code /backend-nvidia-defaults.properties}); the usual layers
 * apply on top (--config FILE, then CLIPSTREAM_BACKEND_* environment variables).
 */
public final class BackendConfig {

    public static final String NAME = "backend.name";
    public static final String HOST = "backend.host";
    public static final String PORT = "backend.port";
    public static final String TIME_SCALE = "backend.time.scale";
    public static final String SEED = "backend.seed";
    public static final String SIMULATED_START = "backend.simulated.start";
    public static final String CAPACITY_UNITS = "backend.capacity.units";
    public static final String UNITS_PER_JOB = "backend.units.per.job";
    public static final String UNIT_PEAK_FLOPS = "backend.unit.peak.flops";
    public static final String UTILISATION = "backend.utilisation";
    public static final String WORK_PER_FRAME_FLOP = "backend.work.per.frame.flop";
    public static final String COST_PER_UNIT_HOUR_USD = "backend.cost.per.unit.hour.usd";
    public static final String MAINTENANCE_PERIOD = "backend.maintenance.period";
    public static final String MAINTENANCE_LENGTH = "backend.maintenance.length";
    public static final String MAINTENANCE_OFFSET = "backend.maintenance.offset";
    public static final String OUTAGE_RATE_PER_DAY = "backend.outage.rate.per.day";
    public static final String OUTAGE_MEAN_DURATION = "backend.outage.mean.duration";
    public static final String PREEMPTION_RATE_PER_HOUR = "backend.preemption.rate.per.hour";
    public static final String SUPPLY_INTERVAL = "backend.supply.interval";
    public static final String SUPPLY_STEP = "backend.supply.step";
    public static final String SUPPLY_MIN_UNITS = "backend.supply.min.units";
    public static final String SUPPLY_MAX_UNITS = "backend.supply.max.units";
    public static final String TICK_INTERVAL = "backend.tick.interval";
    /** Optional: with a bootstrap server the backend also publishes BackendStatus records. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = PlatformSettings.BOOTSTRAP_SERVERS;
    public static final String SCHEMA_REGISTRY_URL = PlatformSettings.SCHEMA_REGISTRY_URL;
    public static final String SCHEMA_REGISTRY_AUTO_REGISTER = PlatformSettings.AUTO_REGISTER_SCHEMAS;
    public static final String STATUS_TOPIC = "backend.status.topic";
    public static final String STATUS_INTERVAL = "backend.status.interval";

    private BackendConfig() {
    }

    public static ConfigDefinition definition() {
        return ConfigDefinition.builder().defineAll(keys()).defineAll(KafkaClientSecurity.configKeys()).build();
    }

    /** The classpath defaults of a kind, e.g. /backend-dojo-defaults.properties. */
    public static String defaultsResource(BackendKindName kind) {
        return "/backend-" + kind.name().toLowerCase(Locale.ROOT) + "-defaults.properties";
    }

    /** Loads the effective configuration of one backend process. */
    public static EffectiveConfig load(BackendKindName kind, Path configFile, Map<String, String> environment) {
        return new ConfigLoader(definition(), environment).load(defaultsResource(kind), configFile);
    }

    public static SimulatedBackendSettings settings(BackendKindName kind, EffectiveConfig config) {
        String start = config.getString(SIMULATED_START).trim();
        return new SimulatedBackendSettings(config.getString(NAME), kind, config.getString(HOST),
                config.getInt(PORT), config.getDouble(TIME_SCALE), config.getLong(SEED),
                start.isEmpty() ? null : Instant.parse(start), config.getInt(CAPACITY_UNITS),
                config.getInt(UNITS_PER_JOB),
                new ThroughputModel(config.getDouble(UNIT_PEAK_FLOPS), config.getDouble(UTILISATION),
                        config.getDouble(WORK_PER_FRAME_FLOP)),
                config.getDouble(COST_PER_UNIT_HOUR_USD),
                new MaintenancePlan(config.getDuration(MAINTENANCE_PERIOD), config.getDuration(MAINTENANCE_LENGTH),
                        config.getDuration(MAINTENANCE_OFFSET)),
                new OutageModel(config.getDouble(OUTAGE_RATE_PER_DAY), config.getDuration(OUTAGE_MEAN_DURATION)),
                config.getDouble(PREEMPTION_RATE_PER_HOUR),
                new SupplyWalk(config.getDuration(SUPPLY_INTERVAL), config.getInt(SUPPLY_STEP),
                        config.getInt(SUPPLY_MIN_UNITS), config.getInt(SUPPLY_MAX_UNITS)),
                config.getDuration(TICK_INTERVAL));
    }

    /** Where to publish status records; empty when no bootstrap server is configured. */
    public static Optional<StatusPublishing> statusPublishing(EffectiveConfig config) {
        String bootstrap = config.getString(KAFKA_BOOTSTRAP_SERVERS).trim();
        if (bootstrap.isEmpty()) {
            return Optional.empty();
        }
        String registry = config.getString(SCHEMA_REGISTRY_URL).trim();
        if (registry.isEmpty()) {
            throw new ConfigException("Key '" + SCHEMA_REGISTRY_URL + "' must be set"
                    + " when '" + KAFKA_BOOTSTRAP_SERVERS + "' is (the status records are Avro); or unset "
                    + KAFKA_BOOTSTRAP_SERVERS + " to not publish");
        }
        return Optional.of(new StatusPublishing(bootstrap, registry,
                config.getBoolean(SCHEMA_REGISTRY_AUTO_REGISTER), config.getString(STATUS_TOPIC),
                config.getDuration(STATUS_INTERVAL), KafkaClientSecurity.from(config).clientConfig()));
    }

    /**
     * Settings of the optional status publisher.
     *
     * @param clientSecurity the producer's login from kafka.security.protocol / kafka.sasl.* (empty: PLAINTEXT)
     */
    public record StatusPublishing(String bootstrapServers, String schemaRegistryUrl, boolean autoRegister,
                                   String topic, Duration interval, Map<String, String> clientSecurity) {

        public StatusPublishing {
            clientSecurity = Map.copyOf(clientSecurity);
        }
    }

    private static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.required(NAME, ConfigType.STRING, "Backend name, as clients and metrics call it")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.required(HOST, ConfigType.STRING, "Bind address of the job API (and /healthz, /metrics)")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.required(PORT, ConfigType.INT, "Port of the job API; 0 = any free port")
                        .validatedBy(ConfigValidator.between(0, 65535)),
                ConfigKey.required(TIME_SCALE, ConfigType.DOUBLE, "Simulated seconds per real second")
                        .validatedBy(positive()),
                ConfigKey.required(SEED, ConfigType.LONG, "Seed of outages, preemptions and supply changes"),
                ConfigKey.required(SIMULATED_START, ConfigType.STRING,
                                "Simulated time at start, ISO-8601 (e.g. 2026-11-01T00:00:00Z); empty = real time")
                        .validatedBy(BackendConfig::emptyOrInstant),
                ConfigKey.required(CAPACITY_UNITS, ConfigType.INT, "Units (tiles, GPUs) at start")
                        .validatedBy(ConfigValidator.between(0, 1_000_000)),
                ConfigKey.required(UNITS_PER_JOB, ConfigType.INT, "Units each job occupies while running")
                        .validatedBy(ConfigValidator.between(1, 1_000_000)),
                ConfigKey.required(UNIT_PEAK_FLOPS, ConfigType.DOUBLE, "Peak BF16 FLOP/s of one unit")
                        .validatedBy(positive()),
                ConfigKey.required(UTILISATION, ConfigType.DOUBLE, "Fraction of peak a job sustains, (0, 1]")
                        .validatedBy(value -> {
                            double v = (Double) value;
                            if (!(v > 0 && v <= 1)) {
                                throw new IllegalArgumentException("must be in (0, 1]");
                            }
                        }),
                ConfigKey.required(WORK_PER_FRAME_FLOP, ConfigType.DOUBLE, "Training work per video frame, FLOP")
                        .validatedBy(positive()),
                ConfigKey.required(COST_PER_UNIT_HOUR_USD, ConfigType.DOUBLE, "Cost of one unit for one simulated hour")
                        .validatedBy(notNegative()),
                ConfigKey.required(MAINTENANCE_PERIOD, ConfigType.DURATION,
                        "Time between maintenance window starts (simulated); 0s = no maintenance"),
                ConfigKey.required(MAINTENANCE_LENGTH, ConfigType.DURATION, "Length of a maintenance window"),
                ConfigKey.required(MAINTENANCE_OFFSET, ConfigType.DURATION, "Start of the first window after start"),
                ConfigKey.required(OUTAGE_RATE_PER_DAY, ConfigType.DOUBLE,
                                "Random whole-backend outages per simulated day; 0 = none")
                        .validatedBy(notNegative()),
                ConfigKey.required(OUTAGE_MEAN_DURATION, ConfigType.DURATION, "Mean length of a random outage"),
                ConfigKey.required(PREEMPTION_RATE_PER_HOUR, ConfigType.DOUBLE,
                                "Spot-like preemptions per simulated hour, each of one running job; 0 = none")
                        .validatedBy(notNegative()),
                ConfigKey.required(SUPPLY_INTERVAL, ConfigType.DURATION,
                        "Time between supply changes (simulated); 0s = fixed capacity"),
                ConfigKey.required(SUPPLY_STEP, ConfigType.INT, "Units a supply change adds or removes")
                        .validatedBy(ConfigValidator.between(0, 1_000_000)),
                ConfigKey.required(SUPPLY_MIN_UNITS, ConfigType.INT, "Lowest capacity the supply walk reaches")
                        .validatedBy(ConfigValidator.between(0, 1_000_000)),
                ConfigKey.required(SUPPLY_MAX_UNITS, ConfigType.INT, "Highest capacity the supply walk reaches")
                        .validatedBy(ConfigValidator.between(0, 1_000_000)),
                ConfigKey.required(TICK_INTERVAL, ConfigType.DURATION,
                        "Real time between the scheduler's advances of the model"),
                ConfigKey.of(KAFKA_BOOTSTRAP_SERVERS, ConfigType.STRING, "",
                        "Kafka bootstrap servers; when set, the backend publishes its status to "
                                + STATUS_TOPIC + "; empty = do not publish"),
                ConfigKey.of(SCHEMA_REGISTRY_URL, ConfigType.STRING, "",
                        "Schema registry URL; required when " + KAFKA_BOOTSTRAP_SERVERS + " is set"),
                ConfigKey.of(SCHEMA_REGISTRY_AUTO_REGISTER, ConfigType.BOOLEAN, "false",
                        "Let the status serializer register its schema on first use"),
                ConfigKey.of(STATUS_TOPIC, ConfigType.STRING, "backend.status",
                                "Compacted topic of BackendStatus records (key = backend name)")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.of(STATUS_INTERVAL, ConfigType.DURATION, "10s",
                        "Real time between status heartbeats; changes are published at once"));
    }

    private static ConfigValidator positive() {
        return value -> {
            double v = ((Number) value).doubleValue();
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("must be a positive number");
            }
        };
    }

    private static ConfigValidator notNegative() {
        return value -> {
            double v = ((Number) value).doubleValue();
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("must be zero or positive");
            }
        };
    }

    private static void emptyOrInstant(Object value) {
        String text = value.toString().trim();
        if (!text.isEmpty()) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be empty or an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            }
        }
    }
}
