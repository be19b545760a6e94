package dev.clipstream.schemas.serde;

import java.util.HashMap;
import java.util.Map;

/**
 * What every Avro serde of a service needs to know: where the registry is and whether serializers may register
 * schemas. Services usually run with auto-registration off (schemas are registered by topic bootstrap) so an
 * accidental schema change fails at the producer instead of landing in the registry.
 */
public record SerdeSettings(String registryUrl, boolean autoRegister) {

    public SerdeSettings {
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("Schema registry URL is missing (" + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ")");
        }
    }

    /** The same settings as Kafka client properties, for serdes Kafka instantiates by class name. */
    public Map<String, Object> asConfigs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        configs.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
        return configs;
    }
}
