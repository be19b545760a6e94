package dev.clipstream.cli.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clipstream.cli.ClipstreamCommand;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.EnvironmentNames;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;

/**
 * Static checks of docker/compose.yaml, for a machine without a Docker engine. Each check adds a sentence naming
 * the service and what is wrong; an empty list means the file passed. The services' own configuration code decides
 * what is valid (each one's {@link ConfigDefinition} and runtime's ConfigLoader), so the checks cannot drift from
 * what the services accept.
 */
final class ComposeChecks {

    /** The image the Clipstream services run; built by the compose file itself from docker/Dockerfile. */
    static final String CLIPSTREAM_IMAGE = "clipstream:local";
    static final int REQUIRED_REPLICATION_FACTOR = 3;
    static final String REQUIRED_MIN_INSYNC_REPLICAS = "2";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern HEALTH_URL = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1):(\\d+)/(healthz|readyz)");
    private static final Set<String> FLOATING_TAGS = Set.of("latest", "main", "master", "edge", "nightly", "stable");

    /** Only parses, never executes; building the whole command tree once keeps the checks fast. */
    private static final CommandLine COMMAND_LINE = ClipstreamCommand.commandLine();
    private static final TopicCatalog REFERENCE_CATALOG =
            TopicCatalog.create(new SerdeSettings("http://registry.invalid", false));

    private final JsonNode root;
    private final Path composeDir;
    private final List<String> problems = new ArrayList<>();

    private ComposeChecks(JsonNode root, Path composeDir) {
        this.root = root;
        this.composeDir = composeDir;
    }

    /** The parsed file; a YAML syntax error is an exception naming the line. */
    static JsonNode parse(String yaml) throws JsonProcessingException {
        return YAML.readTree(yaml);
    }

    /** Every problem of a compose file given as text: a parse error is the only problem then. */
    static List<String> check(String yaml, Path composeDir) {
        try {
            return check(parse(yaml), composeDir);
        } catch (JsonProcessingException e) {
            return List.of("compose file does not parse as YAML: " + e.getOriginalMessage());
        }
    }

    /** Every problem of a parsed compose file; {@code composeDir} resolves its relative paths. */
    static List<String> check(JsonNode root, Path composeDir) {
        ComposeChecks checks = new ComposeChecks(root, composeDir);
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() {
        JsonNode services = root.path("services");
        if (!services.isObject() || services.isEmpty()) {
            problems.add("compose file has no services");
            return;
        }
        services.fields().forEachRemaining(e -> checkCommon(e.getKey(), e.getValue()));
        checkHostPorts(services);
        checkClipstreamImageIsBuilt(services);
        List<String> topicInits = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (isClipstream(e.getValue())) {
                checkClipstreamService(e.getKey(), e.getValue()).ifPresent(topicInits::add);
            }
        });
        if (topicInits.size() != 1) {
            problems.add("exactly one service must run `topics create` (the init step), found " + topicInits);
        }
    }

    // ---- every service

    private void checkCommon(String name, JsonNode service) {
        JsonNode image = service.path("image");
        if (!image.isTextual()) {
            problems.add("service " + name + " names no image");
        } else if (!image.asText().equals(CLIPSTREAM_IMAGE)) {
            checkPinned(name, image.asText());
        }
        if (isOneShot(name)) {
            if (!"no".equals(service.path("restart").asText("no"))) {
                problems.add("service " + name + " is a one-shot init step; it must not be restarted (restart: \"no\")");
            }
        } else {
            if (!service.path("healthcheck").path("test").isArray() || service.path("healthcheck").path("test").isEmpty()) {
                problems.add("service " + name + " has no healthcheck (healthcheck.test as a list)");
            }
            String restart = service.path("restart").asText("");
            if (!Set.of("unless-stopped", "always", "on-failure").contains(restart)) {
                problems.add("service " + name + " has no restart policy (unless-stopped, always or on-failure), has '"
                        + restart + "'");
            }
        }
        service.path("depends_on").fieldNames().forEachRemaining(dependency -> {
            if (!root.path("services").has(dependency)) {
                problems.add("service " + name + " depends on '" + dependency + "', which is not a service");
            }
        });
    }

    private void checkPinned(String service, String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        String repository = colon < 0 ? image : image.substring(0, colon);
        String tag = colon < 0 ? "" : image.substring(colon + 1);
        if (image.contains("@sha256:")) {
            return;
        }
        if (tag.isEmpty() || FLOATING_TAGS.contains(tag) || tag.contains("$")) {
            problems.add("service " + service + ": image " + image + " is not pinned to a version tag");
            return;
        }
        if (repository.equals("apache/kafka") && !tag.equals(kafkaClientVersion())) {
            problems.add("service " + service + ": image " + image + " differs from the Kafka client version of the "
                    + "build (" + kafkaClientVersion() + ")");
        }
    }

    /** The kafka-clients version on the class path: the one the services are built with. */
    static String kafkaClientVersion() {
        // kafka-clients ships its version as this resource (read by its internal AppInfoParser).
        try (java.io.InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(java.util.Objects.requireNonNull(in, "kafka-version.properties not in kafka-clients"));
            return properties.getProperty("version");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A service others wait for with service_completed_successfully: a job that runs once, not a server. */
    private boolean isOneShot(String name) {
        Iterator<JsonNode> services = root.path("services").elements();
        while (services.hasNext()) {
            JsonNode condition = services.next().path("depends_on").path(name).path("condition");
            if ("service_completed_successfully".equals(condition.asText())) {
                return true;
            }
        }
        return false;
    }

    private void checkHostPorts(JsonNode services) {
        Map<Integer, String> owners = new TreeMap<>();
        services.fields().forEachRemaining(e -> {
            for (PortMapping mapping : portMappings(e.getKey(), e.getValue())) {
                if (mapping.hostPort() == null) {
                    continue;
                }
                String previous = owners.putIfAbsent(mapping.hostPort(), e.getKey());
                if (previous != null) {
                    problems.add("host port " + mapping.hostPort() + " is published twice: by " + previous + " and "
                            + e.getKey());
                }
            }
        });
    }

    private void checkClipstreamImageIsBuilt(JsonNode services) {
        List<String> builders = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (CLIPSTREAM_IMAGE.equals(e.getValue().path("image").asText()) && e.getValue().has("build")) {
                builders.add(e.getKey());
                checkBuild(e.getKey(), e.getValue().path("build"));
            } else if (e.getValue().has("build")) {
                problems.add("service " + e.getKey() + " builds an image other than " + CLIPSTREAM_IMAGE);
            }
        });
        if (builders.isEmpty()) {
            problems.add("no service builds " + CLIPSTREAM_IMAGE + " (build: with docker/Dockerfile)");
        }
    }

    private void checkBuild(String service, JsonNode build) {
        Path context = composeDir.resolve(build.path("context").asText(".")).normalize();
        Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize();
        if (!context.endsWith(Path.of("cli", "target"))) {
            problems.add("service " + service + ": the build context must be cli/target (the packaged jars), is "
                    + context);
        }
        if (!Files.isRegularFile(dockerfile)) {
            problems.add("service " + service + ": Dockerfile " + dockerfile + " does not exist");
            return;
        }
        try {
            checkDockerfile(service, Files.readAllLines(dockerfile));
        } catch (java.io.IOException e) {
            problems.add("service " + service + ": cannot read " + dockerfile + ": " + e.getMessage());
        }
    }

    private void checkDockerfile(String service, List<String> lines) {
        List<String> from = lines.stream().map(String::strip).filter(l -> l.startsWith("FROM ")).toList();
        if (from.isEmpty()) {
            problems.add("Dockerfile of " + service + " has no FROM line");
        }
        for (String line : from) {
            String image = line.substring("FROM ".length()).strip().split("\\s+")[0];
            checkPinned(service + " (Dockerfile)", image);
            if (!image.startsWith("eclipse-temurin:17")) {
                problems.add("Dockerfile of " + service + " must build on an eclipse-temurin 17 JRE, builds on "
                        + image);
            }
        }
        boolean copiesJar = lines.stream().anyMatch(l -> l.strip().matches("COPY\\s+clipstream-cli\\.jar\\s+.*"));
        boolean copiesLib = lines.stream().anyMatch(l -> l.strip().matches("COPY\\s+lib/?\\s+.*"));
        if (!copiesJar || !copiesLib) {
            problems.add("Dockerfile of " + service + " must COPY clipstream-cli.jar and lib/ (what ./mvnw package "
                    + "leaves in cli/target)");
        }
    }

    // ---- Clipstream services

    private boolean isClipstream(JsonNode service) {
        return CLIPSTREAM_IMAGE.equals(service.path("image").asText());
    }

    /** @return the service name when it is the topics init step */
    private Optional<String> checkClipstreamService(String name, JsonNode service) {
        List<String> command = strings(service.path("command"));
        try {
            COMMAND_LINE.parseArgs(command.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            problems.add("service " + name + ": command " + command + " is not a valid clipstream command line: "
                    + e.getMessage());
            return Optional.empty();
        }
        Optional<Target> target = Target.of(command);
        if (target.isEmpty()) {
            problems.add("service " + name + ": command " + command + " is not a Clipstream service this check knows");
            return Optional.empty();
        }
        ServiceConfig config = target.get().config();
        String variant = target.get().variant();
        ConfigDefinition definition = config.definition();
        Map<String, String> environment = environment(service.path("environment"));
        Map<String, String> clipstreamVariables = new TreeMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(EnvironmentNames.PREFIX)) {
                clipstreamVariables.put(variable, value);
            }
        });
        clipstreamVariables.keySet().forEach(variable -> {
            if (definition.isIgnoredVariable(variable)) {
                return;
            }
            String key = EnvironmentNames.toKey(variable).orElseThrow();
            if (definition.key(key).isEmpty() && !definition.isPassThrough(key)) {
                problems.add("service " + name + ": " + variable + " sets '" + key + "', which `clipstream "
                        + config.command() + "` does not declare");
            }
        });
        EffectiveConfig effective;
        try {
            effective = config.load(variant, clipstreamVariables, null);
        } catch (ConfigException e) {
            problems.add("service " + name + ": its environment is not a valid configuration of `clipstream "
                    + config.command() + "`: " + e.getMessage());
            return Optional.empty();
        }
        Map<String, Integer> ports = listeningPorts(definition, effective);
        checkPorts(name, service, ports);
        checkHealthcheckPort(name, service, ports);
        checkFilesAndDirectories(name, service, effective);
        if (config.name().equals("topics")) {
            checkTopicInit(name, effective);
            return Optional.of(name);
        }
        if (config.name().equals("labeling")) {
            checkStreamsReplication(name, effective);
        }
        return Optional.empty();
    }

    /** Every declared {@code *.port} key and its effective value: what the process listens on. */
    private static Map<String, Integer> listeningPorts(ConfigDefinition definition, EffectiveConfig config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ConfigKey key : definition.keys()) {
            if (key.name().endsWith(".port") && key.type() == ConfigType.INT) {
                ports.put(key.name(), config.getInt(key.name()));
            }
        }
        return ports;
    }

    private void checkPorts(String name, JsonNode service, Map<String, Integer> ports) {
        Map<Integer, String> byPort = new TreeMap<>();
        ports.forEach((key, port) -> {
            String previous = byPort.putIfAbsent(port, key);
            if (previous != null && port != 0) {
                problems.add("service " + name + ": " + previous + " and " + key + " are both port " + port);
            }
        });
        for (PortMapping mapping : portMappings(name, service)) {
            if (!ports.containsValue(mapping.containerPort())) {
                problems.add("service " + name + " publishes container port " + mapping.containerPort()
                        + ", but it listens on " + ports);
            }
        }
    }

    private void checkHealthcheckPort(String name, JsonNode service, Map<String, Integer> ports) {
        if (isOneShot(name) || !service.has("healthcheck")) {
            return;
        }
        Integer healthPort = ports.containsKey("management.port") ? ports.get("management.port")
                : ports.size() == 1 ? ports.values().iterator().next() : null;
        String test = String.join(" ", strings(service.path("healthcheck").path("test")));
        Matcher url = HEALTH_URL.matcher(test);
        if (!url.find()) {
            problems.add("service " + name + ": the healthcheck must call /healthz or /readyz on localhost, is '"
                    + test + "'");
        } else if (healthPort == null || Integer.parseInt(url.group(2)) != healthPort) {
            problems.add("service " + name + ": the healthcheck calls port " + url.group(2) + ", but the service's "
                    + "health endpoint is on " + healthPort);
        }
    }

    /** Files the config points at must be mounted secrets; data directories must lie on volumes. */
    private void checkFilesAndDirectories(String name, JsonNode service, EffectiveConfig config) {
        config.entries().forEach((key, entry) -> {
            String value = entry.text().strip();
            if (key.endsWith(".tokens.file") && !value.isEmpty()) {
                Set<String> mounted = new LinkedHashSet<>(strings(service.path("secrets")));
                boolean isMountedSecret = value.startsWith("/run/secrets/")
                        && mounted.contains(value.substring("/run/secrets/".length()))
                        && root.path("secrets").path(value.substring("/run/secrets/".length())).has("file");
                if (!isMountedSecret) {
                    problems.add("service " + name + ": " + key + " is " + value + ", which is not a secret the "
                            + "service mounts (/run/secrets/<name>, listed under its secrets: and the top-level "
                            + "secrets:)");
                }
            }
            if ((key.equals("ingest.blob.dir") || key.equals("kafka.streams.state.dir")) && !onVolume(service, value)) {
                problems.add("service " + name + ": " + key + " is " + value + ", which is on no volume of the "
                        + "service; the data would be lost with the container");
            }
        });
    }

    private static boolean onVolume(JsonNode service, String path) {
        for (String volume : strings(service.path("volumes"))) {
            String[] parts = volume.split(":");
            String target = parts.length == 1 ? parts[0] : parts[1];
            if (path.equals(target) || path.startsWith(target.endsWith("/") ? target : target + "/")) {
                return true;
            }
        }
        return false;
    }

    private void checkTopicInit(String name, EffectiveConfig config) {
        TopicsSettings settings;
        try {
            settings = TopicsSettings.from(config);
        } catch (IllegalArgumentException e) {
            problems.add("service " + name + ": " + e.getMessage());
            return;
        }
        long brokers = brokerCount();
        if (settings.replicationFactor() > brokers) {
            problems.add("service " + name + ": replication factor " + settings.replicationFactor() + " needs as "
                    + "many brokers, the file runs " + brokers);
        }
        problems.addAll(comparePlan(name, settings.plan(), REFERENCE_CATALOG));
    }

    /**
     * The init step's topics against the catalog: same names, partitions and cleanup policy, replication factor
     * {@value #REQUIRED_REPLICATION_FACTOR} and min.insync.replicas {@value #REQUIRED_MIN_INSYNC_REPLICAS}.
     */
    static List<String> comparePlan(String service, List<TopicSpec<?, ?>> plan, TopicCatalog catalog) {
        List<String> found = new ArrayList<>();
        List<String> planned = plan.stream().map(TopicSpec::name).toList();
        List<String> cataloged = catalog.all().stream().map(TopicSpec::name).toList();
        if (!new LinkedHashSet<>(planned).equals(new LinkedHashSet<>(cataloged))) {
            found.add("service " + service + " creates topics " + planned + ", the catalog has " + cataloged);
        }
        for (TopicSpec<?, ?> topic : plan) {
            catalog.byName(topic.name()).ifPresent(expected -> {
                if (topic.partitions() != expected.partitions()) {
                    found.add("service " + service + ": topic " + topic.name() + " gets " + topic.partitions()
                            + " partitions, the catalog has " + expected.partitions());
                }
                if (!topic.cleanupPolicy().equals(expected.cleanupPolicy())) {
                    found.add("service " + service + ": topic " + topic.name() + " gets cleanup.policy "
                            + topic.cleanupPolicy() + ", the catalog has " + expected.cleanupPolicy());
                }
            });
            if (topic.replicationFactor() != REQUIRED_REPLICATION_FACTOR) {
                found.add("service " + service + ": topic " + topic.name() + " gets replication factor "
                        + topic.replicationFactor() + ", a deployment needs " + REQUIRED_REPLICATION_FACTOR);
            }
            if (!REQUIRED_MIN_INSYNC_REPLICAS.equals(TopicPlan.minInsyncReplicas(topic))) {
                found.add("service " + service + ": topic " + topic.name() + " gets min.insync.replicas "
                        + TopicPlan.minInsyncReplicas(topic) + ", a deployment needs " + REQUIRED_MIN_INSYNC_REPLICAS);
            }
        }
        return found;
    }

    /** Kafka Streams creates its changelog and repartition topics itself: they need the same durability. */
    private void checkStreamsReplication(String name, EffectiveConfig config) {
        String replication = config.passThrough(ConfigDefinition.KAFKA_STREAMS).get("replication.factor");
        if (!Integer.toString(REQUIRED_REPLICATION_FACTOR).equals(replication)) {
            problems.add("service " + name + ": kafka.streams.replication.factor is " + replication + "; its internal "
                    + "topics need " + REQUIRED_REPLICATION_FACTOR + " (CLIPSTREAM_KAFKA_STREAMS_REPLICATION_FACTOR)");
        }
    }

    private long brokerCount() {
        List<String> brokers = new ArrayList<>();
        root.path("services").fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().startsWith("apache/kafka:")
                    && environment(e.getValue().path("environment")).getOrDefault("KAFKA_PROCESS_ROLES", "")
                    .contains("broker")) {
                brokers.add(e.getKey());
            }
        });
        return brokers.size();
    }

    // ---- YAML shapes

    private record PortMapping(Integer hostPort, int containerPort) {
    }

    /** "8080", "8080:8080", "127.0.0.1:8080:8080" (long syntax: published/target). */
    private List<PortMapping> portMappings(String service, JsonNode node) {
        List<PortMapping> mappings = new ArrayList<>();
        for (JsonNode port : node.path("ports")) {
            try {
                if (port.isObject()) {
                    JsonNode published = port.path("published");
                    mappings.add(new PortMapping(published.isMissingNode() ? null : published.asInt(),
                            port.path("target").asInt()));
                    continue;
                }
                String[] parts = port.asText().split("/")[0].split(":");
                int container = Integer.parseInt(parts[parts.length - 1]);
                Integer host = parts.length >= 2 ? Integer.valueOf(parts[parts.length - 2]) : null;
                mappings.add(new PortMapping(host, container));
            } catch (NumberFormatException e) {
                problems.add("service " + service + ": port mapping '" + port.asText() + "' is not host:container");
            }
        }
        return mappings;
    }

    /** environment as a map or as a list of NAME=value. */
    static Map<String, String> environment(JsonNode node) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String text = item.asText();
                int equals = text.indexOf('=');
                variables.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return variables;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.isObject() ? item.path("source").asText() : item.asText()));
        } else if (node.isTextual()) {
            values.addAll(List.of(node.asText().strip().split("\\s+")));
        }
        return values;
    }

    /** Which configuration a command line loads: the program and, for the backend, the --kind. */
    record Target(ServiceConfig config, String variant) {

        static Optional<Target> of(List<String> command) {
            if (command.isEmpty()) {
                return Optional.empty();
            }
            String first = command.get(0);
            String second = command.size() > 1 ? command.get(1) : "";
            String name = switch (first) {
                case "ingest", "labeling", "dispatch", "replay", "backend" -> first;
                case "lag" -> second.equals("serve") ? "lag" : null;
                case "topics" -> second.equals("create") ? "topics" : null;
                default -> null;
            };
            if (name == null) {
                return Optional.empty();
            }
            ServiceConfig config = ServiceConfig.byName(name).orElseThrow();
            if (!config.hasVariants()) {
                return Optional.of(new Target(config, ServiceConfig.ONLY_VARIANT));
            }
            int kind = command.indexOf("--kind");
            String variant = kind >= 0 && kind + 1 < command.size() ? command.get(kind + 1) : "";
            return config.variantNames().contains(variant) ? Optional.of(new Target(config, variant)) : Optional.empty();
        }
    }
}
