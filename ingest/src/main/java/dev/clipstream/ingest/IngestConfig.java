package dev.clipstream.ingest;

import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The configuration keys of {@code clipstream ingest}, and how they become {@link IngestSettings}. */
public final class IngestConfig {

    public static final String SERVICE_NAME = "ingest";
    /** Classpath defaults (layer 2 of the precedence in ConfigLoader). */
    public static final String DEFAULTS_RESOURCE = "/clipstream-ingest-defaults.properties";

    public static final String HTTP_HOST = "ingest.http.host";
    public static final String HTTP_PORT = "ingest.http.port";
    public static final String HTTP_MAX_THREADS = "ingest.http.max.threads";
    public static final String BLOB_DIR = "ingest.blob.dir";
    public static final String MAX_CLIP_BYTES = "ingest.max.clip.bytes";
    public static final String MAX_METADATA_CHARS = "ingest.max.metadata.chars";
    public static final String TOKENS_FILE = "ingest.auth.tokens.file";
    public static final String TOKENS = "ingest.auth.tokens";
    public static final String RATE_PER_SECOND = "ingest.rate.limit.per.second";
    public static final String RATE_BURST = "ingest.rate.limit.burst";
    public static final String PUBLISH_TIMEOUT = "ingest.publish.timeout";
    public static final String CLIP_LOCK_WAIT = "ingest.clip.lock.wait";
    public static final String RETRY_AFTER = "ingest.retry.after";
    public static final String SHUTDOWN_TIMEOUT = "ingest.shutdown.timeout";
    public static final String IDLE_TIMEOUT = "ingest.http.idle.timeout";
    public static final String REQUEST_HEAD_TIMEOUT = "ingest.http.request.head.timeout";
    public static final String MIN_UPLOAD_RATE = "ingest.http.min.upload.bytes.per.second";
    public static final String TLS_KEYSTORE_FILE = "ingest.tls.keystore.file";
    public static final String TLS_KEYSTORE_PASSWORD = "ingest.tls.keystore.password";
    public static final String TLS_KEYSTORE_TYPE = "ingest.tls.keystore.type";
    public static final String TLS_KEY_PASSWORD = "ingest.tls.key.password";

    public static final int DEFAULT_MANAGEMENT_PORT = 9081;

    private IngestConfig() {
    }

    public static ConfigDefinition definition() {
        return ConfigDefinition.builder()
                .defineAll(PlatformSettings.configKeys())
                .defineAll(ManagementSettings.configKeys(DEFAULT_MANAGEMENT_PORT))
                .define(ConfigKey.of(HTTP_HOST, ConfigType.STRING, "0.0.0.0", "Bind address of the upload API")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(HTTP_PORT, ConfigType.INT, "8080", "Port of the upload API; 0 = any free port")
                        .validatedBy(ConfigValidator.between(0, 65535)))
                .define(ConfigKey.of(HTTP_MAX_THREADS, ConfigType.INT, "200",
                                "Most requests served at once; each streaming upload holds one thread")
                        .validatedBy(ConfigValidator.between(8, 10_000)))
                .define(ConfigKey.of(BLOB_DIR, ConfigType.STRING, "clipstream-data/blobs",
                                "Directory of the local content-addressed blob store (created if missing)")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(MAX_CLIP_BYTES, ConfigType.LONG, Long.toString(IngestSettings.DEFAULT_MAX_CLIP_BYTES),
                                "Largest clip accepted, in bytes; larger uploads get 413")
                        .validatedBy(ConfigValidator.between(1, Long.MAX_VALUE)))
                .define(ConfigKey.of(MAX_METADATA_CHARS, ConfigType.INT, "16384",
                                "Longest Clip-Metadata header accepted (base64url characters)")
                        .validatedBy(ConfigValidator.between(256, 60_000)))
                .define(ConfigKey.of(TOKENS_FILE, ConfigType.STRING, "",
                        "Vehicle tokens file: one line per vehicle, <vehicleId>=sha256:<hex of SHA-256(token)>"))
                .define(ConfigKey.of(TOKENS, ConfigType.LIST, "",
                        "More vehicle tokens, comma-separated <vehicleId>=sha256:<hex> entries (e.g. from the "
                                + "environment); added to the file's").asSecret())
                .define(ConfigKey.of(RATE_PER_SECOND, ConfigType.DOUBLE, "10",
                                "Uploads per second each vehicle may make (token bucket refill); 0 = unlimited")
                        .validatedBy(value -> {
                            if ((Double) value < 0) {
                                throw new IllegalArgumentException("must be >= 0");
                            }
                        }))
                .define(ConfigKey.of(RATE_BURST, ConfigType.INT, "50", "Uploads a vehicle may make at once (bucket size)")
                        .validatedBy(ConfigValidator.between(1, 1_000_000)))
                .define(ConfigKey.of(PUBLISH_TIMEOUT, ConfigType.DURATION, "10s",
                        "Longest wait for Kafka to acknowledge a ClipUploaded event; then 503 (at least 2s)"))
                .define(ConfigKey.of(CLIP_LOCK_WAIT, ConfigType.DURATION, "30s",
                        "Longest wait behind a concurrent upload of the same clip id; then 503"))
                .define(ConfigKey.of(RETRY_AFTER, ConfigType.DURATION, "5s", "Retry-After sent with 503 answers"))
                .define(ConfigKey.of(SHUTDOWN_TIMEOUT, ConfigType.DURATION, "30s",
                        "How long a shutdown waits for uploads in flight"))
                .define(ConfigKey.of(IDLE_TIMEOUT, ConfigType.DURATION, "30s",
                        "An upload connection on which no byte moves for this long is closed (slow clients)"))
                .define(ConfigKey.of(REQUEST_HEAD_TIMEOUT, ConfigType.DURATION, "20s",
                        "The request line and headers must arrive within this from their first byte, else the "
                                + "connection is closed (slow-loris defence)"))
                .define(ConfigKey.of(MIN_UPLOAD_RATE, ConfigType.LONG, "1024",
                                "Slowest average body rate accepted, after a grace of ingest.http.idle.timeout; "
                                        + "slower uploads get 408 and the connection is closed; 0 = no check")
                        .validatedBy(ConfigValidator.between(0, Long.MAX_VALUE)))
                .define(ConfigKey.of(TLS_KEYSTORE_FILE, ConfigType.STRING, "",
                        "Key store (PKCS12 or JKS) with the upload API's certificate and key; set = HTTPS only"))
                .define(ConfigKey.of(TLS_KEYSTORE_PASSWORD, ConfigType.STRING, "",
                        "Password of ingest.tls.keystore.file").asSecret())
                .define(ConfigKey.of(TLS_KEYSTORE_TYPE, ConfigType.STRING, "PKCS12", "PKCS12 or JKS")
                        .validatedBy(ConfigValidator.notBlank()))
                .define(ConfigKey.of(TLS_KEY_PASSWORD, ConfigType.STRING, "",
                        "Password of the key entry; empty = the key store's password").asSecret())
                .passThrough(ConfigDefinition.KAFKA_PRODUCER, ProducerConfig.configNames())
                .passThrough(ConfigDefinition.KAFKA_CONSUMER, ConsumerConfig.configNames())
                .build();
    }

    public static IngestSettings settings(EffectiveConfig config) {
        VehicleTokens tokens = VehicleTokens.empty();
        String file = config.getString(TOKENS_FILE).trim();
        if (!file.isEmpty()) {
            tokens = VehicleTokens.readFile(Path.of(file));
        }
        if (!config.getList(TOKENS).isEmpty()) {
            tokens = tokens.merge(VehicleTokens.parseEntries(config.getList(TOKENS), TOKENS));
        }
        return new IngestSettings(config.getString(HTTP_HOST), config.getInt(HTTP_PORT),
                config.getInt(HTTP_MAX_THREADS), Path.of(config.getString(BLOB_DIR)), config.getLong(MAX_CLIP_BYTES),
                config.getInt(MAX_METADATA_CHARS), tokens, config.getDouble(RATE_PER_SECOND),
                config.getInt(RATE_BURST), config.getDuration(PUBLISH_TIMEOUT), config.getDuration(CLIP_LOCK_WAIT),
                config.getDuration(RETRY_AFTER), config.getDuration(SHUTDOWN_TIMEOUT),
                config.getString(PlatformSettings.BOOTSTRAP_SERVERS), null,
                config.passThrough(ConfigDefinition.KAFKA_PRODUCER), config.passThrough(ConfigDefinition.KAFKA_CONSUMER),
                ManagementSettings.from(config, SERVICE_NAME),
                new IngestSettings.ConnectionLimits(config.getDuration(IDLE_TIMEOUT),
                        config.getDuration(REQUEST_HEAD_TIMEOUT), config.getLong(MIN_UPLOAD_RATE)),
                tls(config));
    }

    private static IngestSettings.TlsSettings tls(EffectiveConfig config) {
        String file = config.getString(TLS_KEYSTORE_FILE).trim();
        if (file.isEmpty()) {
            return null;
        }
        String keyPassword = config.getString(TLS_KEY_PASSWORD);
        return new IngestSettings.TlsSettings(Path.of(file), config.getString(TLS_KEYSTORE_PASSWORD),
                config.getString(TLS_KEYSTORE_TYPE).trim(), keyPassword.isEmpty() ? null : keyPassword);
    }
}
