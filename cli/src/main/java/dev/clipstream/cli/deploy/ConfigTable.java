package dev.clipstream.cli.deploy;

import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.EnvironmentNames;
import dev.clipstream.runtime.config.SecretMasking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration keys of every program as Markdown tables (key | environment variable | default | meaning),
 * rendered from the programs' own definitions; docs/configuration.md carries the output, and a test keeps the two
 * equal.
 */
public final class ConfigTable {

    private static final Map<String, String> PASS_THROUGH_MEANING = Map.of(
            ConfigDefinition.KAFKA_PRODUCER, "Any Kafka producer setting (`ProducerConfig` name), handed to the "
                    + "producer without the prefix",
            ConfigDefinition.KAFKA_CONSUMER, "Any Kafka consumer setting (`ConsumerConfig` name), handed to the "
                    + "consumer without the prefix",
            ConfigDefinition.KAFKA_STREAMS, "Any Kafka Streams setting (`StreamsConfig` name), handed to Kafka "
                    + "Streams without the prefix",
            ConfigDefinition.KAFKA_ADMIN, "Any Kafka admin client setting (`AdminClientConfig` name), handed to the "
                    + "admin client without the prefix");

    private ConfigTable() {
    }

    /** One {@code ### name} section per program, separated by blank lines, ending with a newline. */
    public static String markdown(List<ServiceConfig> services) {
        return services.stream().map(ConfigTable::markdown).collect(Collectors.joining("\n"));
    }

    public static String markdown(ServiceConfig service) {
        StringBuilder text = new StringBuilder();
        text.append("### ").append(service.name()).append("\n\n");
        text.append("`clipstream ").append(service.command()).append("`: ").append(service.summary()).append('.');
        if (service.hasVariants()) {
            text.append(" Where the defaults differ, each is named after its variant.");
        }
        text.append("\n\n");
        text.append("| key | environment variable | default | meaning |\n");
        text.append("|-----|----------------------|---------|---------|\n");
        ConfigDefinition definition = service.definition();
        for (ConfigKey key : definition.keys()) {
            text.append("| `").append(key.name()).append("` | `").append(key.environmentVariable()).append("` | ")
                    .append(defaultCell(service, key)).append(" | ").append(prose(meaning(key))).append(" |\n");
        }
        for (String prefix : definition.passThroughPrefixes()) {
            text.append("| `").append(prefix).append("*` | `").append(EnvironmentNames.toVariable(prefix))
                    .append("*` | | ")
                    .append(prose(PASS_THROUGH_MEANING.getOrDefault(prefix, "Handed to the client without the prefix")
                            + "; values of names with password, secret, token, credentials or sasl.jaas.config are "
                            + "masked in the log"))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static String meaning(ConfigKey key) {
        String doc = key.doc().endsWith(".") ? key.doc() : key.doc() + ".";
        boolean secret = key.secret() || SecretMasking.looksSecret(key.name());
        return secret ? doc + " Secret: masked in the logged configuration." : doc;
    }

    private static String defaultCell(ServiceConfig service, ConfigKey key) {
        Map<String, String> byVariant = new LinkedHashMap<>();
        for (String variant : service.variantNames()) {
            byVariant.put(variant, service.effectiveDefault(key, variant).map(ConfigTable::shown).orElse("*required*"));
        }
        if (byVariant.values().stream().distinct().count() == 1) {
            return byVariant.values().iterator().next();
        }
        return byVariant.entrySet().stream().map(e -> e.getValue() + " (" + e.getKey() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String shown(String value) {
        return value.isEmpty() ? "*empty*" : "`" + escape(value) + "`";
    }

    /** Text outside code spans: angle brackets would be read as HTML tags and vanish. */
    private static String prose(String text) {
        return escape(text).replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
