package dev.clipstream.schemas.serde;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde configuration, with Confluent's key names so existing client configs carry over unchanged.
 *
 * @param registryUrl   base URL of the Confluent-compatible registry API ({@value #SCHEMA_REGISTRY_URL})
 * @param autoRegister  register schemas on first use ({@value #AUTO_REGISTER_SCHEMAS}, default true)
 * @param specificReader decode into generated classes ({@value #SPECIFIC_AVRO_READER}, default false)
 * @param specificType  class name to decode into ({@value #SPECIFIC_AVRO_VALUE_TYPE} or the key variant), or null
 *                      to pick the generated class named by the writer schema
 * @param requestTimeout timeout of one registry request ({@value #REQUEST_TIMEOUT_MS}, default 10 s)
 */
public record AvroSerdeConfig(String registryUrl, boolean autoRegister, boolean specificReader, String specificType,
                              Duration requestTimeout) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("Missing required configuration '" + SCHEMA_REGISTRY_URL
                    + "' (base URL of the Confluent-compatible schema registry API)");
        }
        Object type = configs.get(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
        return new AvroSerdeConfig(url.toString(),
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, SPECIFIC_AVRO_READER, false),
                type == null ? null : (type instanceof Class<?> c ? c.getName() : type.toString()),
                Duration.ofMillis(positiveLong(configs, REQUEST_TIMEOUT_MS, 10_000)));
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private static long positiveLong(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, value, "expected a positive number of milliseconds");
    }
}
