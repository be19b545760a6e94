package dev.clipstream.cli.deploy;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.config.BackendConfig;
import dev.clipstream.dispatch.app.DispatchConfig;
import dev.clipstream.ingest.IngestConfig;
import dev.clipstream.labeling.config.LabelingConfig;
import dev.clipstream.lag.cli.LagConfig;
import dev.clipstream.replay.ReplaySettings;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * One configurable Clipstream program as the configuration sees it: the command that runs it, its key definition
 * (the service's own, e.g. {@link IngestConfig#definition()}) and its classpath defaults. The backend has one
 * defaults resource per kind, so it has two variants; every other program has one, named {@link #ONLY_VARIANT}.
 *
 * @param name     what users call it: {@code ingest}, {@code backend}, ...
 * @param command  the subcommand that runs it, e.g. {@code lag serve}
 * @param summary  one line for the docs
 * @param variants defaults resource by variant (null resource = declared defaults only), in display order
 */
public record ServiceConfig(String name, String command, String summary, Supplier<ConfigDefinition> definitionSupplier,
                            Map<String, String> variants) {

    /** The variant name of programs that have only one. */
    public static final String ONLY_VARIANT = "";

    public ServiceConfig {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /** Every configurable program, in pipeline order (the order of docs/configuration.md). */
    public static List<ServiceConfig> all() {
        return Registry.ALL;
    }

    /** Built once: the definitions are immutable, and building Kafka's config name sets is not free. */
    private static final class Registry {
        private static final List<ServiceConfig> ALL = create();
    }

    private static List<ServiceConfig> create() {
        Map<String, String> backendVariants = new LinkedHashMap<>();
        for (BackendKindName kind : BackendKindName.values()) {
            backendVariants.put(kind.name().toLowerCase(java.util.Locale.ROOT), BackendConfig.defaultsResource(kind));
        }
        return List.of(
                single("ingest", "ingest", "the clip upload service (HTTP API + blob store -> clips.uploaded)",
                        IngestConfig::definition, IngestConfig.DEFAULTS_RESOURCE),
                single("labeling", "labeling", "the Kafka Streams app that filters, labels and batches clips",
                        LabelingConfig::definition, LabelingConfig.DEFAULTS_RESOURCE),
                single("dispatch", "dispatch", "places training batches on the training backends",
                        DispatchConfig::definition, DispatchConfig.DEFAULTS_RESOURCE),
                new ServiceConfig("backend", "backend --kind dojo|nvidia",
                        "a simulated training backend; defaults differ per --kind", once(BackendConfig::definition),
                        backendVariants),
                single("lag", "lag serve", "the consumer-lag monitor (also read by the one-shot `clipstream lag`)",
                        LagConfig::definition, LagConfig.DEFAULTS),
                single("replay", "replay", "dataset manifests and replays of training batches",
                        ReplaySettings::definition, ReplaySettings.DEFAULTS),
                single("topics", "topics create", "creates the catalog's topics and registers their schemas "
                        + "(the init step of docker/compose.yaml)", TopicsConfig::definition, null));
    }

    public static Optional<ServiceConfig> byName(String name) {
        return all().stream().filter(service -> service.name().equals(name)).findFirst();
    }

    private static ServiceConfig single(String name, String command, String summary,
                                        Supplier<ConfigDefinition> definition, String resource) {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put(ONLY_VARIANT, resource);
        return new ServiceConfig(name, command, summary, once(definition), variants);
    }

    public ConfigDefinition definition() {
        return definitionSupplier.get();
    }

    /** A supplier that builds the definition once, on first use. */
    private static Supplier<ConfigDefinition> once(Supplier<ConfigDefinition> builder) {
        return new Supplier<>() {
            private volatile ConfigDefinition definition;

            @Override
            public ConfigDefinition get() {
                ConfigDefinition built = definition;
                if (built == null) {
                    built = builder.get();
                    definition = built;
                }
                return built;
            }
        };
    }

    /** The variant names; {@link #ONLY_VARIANT} alone for programs without variants. */
    public List<String> variantNames() {
        return List.copyOf(variants.keySet());
    }

    public boolean hasVariants() {
        return variants.size() > 1;
    }

    /**
     * Loads the configuration exactly as the program does: runtime's {@link ConfigLoader} over the declared
     * defaults, the variant's classpath resource, {@code configFile} (may be null) and {@code environment}.
     *
     * @throws dev.clipstream.runtime.config.ConfigException listing every problem
     */
    public EffectiveConfig load(String variant, Map<String, String> environment, Path configFile) {
        return new ConfigLoader(definition(), environment).load(resource(variant), configFile);
    }

    /** A key's default as the program sees it: its classpath resource's value, else the declared default. */
    public Optional<String> effectiveDefault(ConfigKey key, String variant) {
        String fromResource = resourceValues(variant).get(key.name());
        return Optional.ofNullable(fromResource != null ? fromResource : key.defaultValue());
    }

    private String resource(String variant) {
        if (!variants.containsKey(variant)) {
            throw new IllegalArgumentException("'" + name + "' has no variant '" + variant + "'; it has "
                    + variants.keySet());
        }
        return variants.get(variant);
    }

    private Map<String, String> resourceValues(String variant) {
        String resource = resource(variant);
        Map<String, String> values = new LinkedHashMap<>();
        if (resource == null) {
            return values;
        }
        try (InputStream in = ServiceConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Defaults resource " + resource + " of '" + name
                        + "' is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
