package dev.clipstream.cli.security;

import dev.clipstream.cli.CommandFailedException;
import dev.clipstream.devstack.kafka.ScramUsers;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.acl.KafkaAcls;
import dev.clipstream.schemas.serde.HttpSchemaRegistryClient;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream acls}: the services' least-privilege Kafka ACLs (docs/security.md). */
@Command(
        name = "acls",
        header = "Show or apply the least-privilege Kafka ACLs of every service principal.",
        mixinStandardHelpOptions = true,
        description = "Show or apply the Kafka ACLs of every Clipstream service principal (derived from the topic "
                + "catalog, see docs/security.md).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {AclsCommand.Show.class, AclsCommand.Apply.class, CommandLine.HelpCommand.class})
public final class AclsCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The catalog's topic names; its serdes are never used here, so the registry URL is a placeholder. */
    static KafkaAcls acls() {
        return KafkaAcls.of(TopicCatalog.create(new HttpSchemaRegistryClient("http://127.0.0.1:1"), false,
                TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR));
    }

    /** {@code clipstream acls show}: the table, without connecting. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the ACL table (principal | resource | operations) as Markdown; connects to nothing.")
    public static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(acls().toMarkdownTable());
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }

    /** {@code clipstream acls apply}: idempotent, and removes stale bindings of the service principals. */
    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {
                    "Make the ACLs of the service principals (User:clipstream-*) exactly those of the code: create the "
                            + "missing bindings, delete any other binding of these principals. Other principals' ACLs "
                            + "are untouched. Run it as a super user.",
                    "Configuration: --config FILE, then CLIPSTREAM_* variables: kafka.bootstrap.servers and the "
                            + "admin's login kafka.security.protocol, kafka.sasl.mechanism, kafka.sasl.username, "
                            + "kafka.sasl.password (and kafka.admin.* client keys)."},
            footerHeading = "%nExample:%n",
            footer = {"  CLIPSTREAM_KAFKA_SASL_PASSWORD=... clipstream acls apply --config admin.properties "
                    + "--users users.properties"})
    public static final class Apply implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the keys above.")
        Path configFile;

        @Option(names = "--users", paramLabel = "FILE", description = "Also create or update SCRAM-SHA-512 "
                + "credentials: a properties file of <user>=<password> lines (e.g. clipstream-ingest=...).")
        Path usersFile;

        /** The environment the configuration reads; tests replace it. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            EffectiveConfig config;
            try {
                config = new ConfigLoader(definition(), environment).load(null, configFile);
            } catch (ConfigException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
            Map<String, Object> adminConfig = new HashMap<>(config.passThrough(ConfigDefinition.KAFKA_ADMIN));
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    config.getString(PlatformSettings.BOOTSTRAP_SERVERS));
            adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "clipstream-acls");
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = Admin.create(adminConfig)) {
                if (usersFile != null) {
                    Map<String, String> users = readUsers(usersFile);
                    ScramUsers.upsert(admin, users, TIMEOUT);
                    out.printf("SCRAM-SHA-512 credentials set for %s%n", users.keySet());
                }
                KafkaAcls.ApplyResult result = acls().apply(admin, TIMEOUT);
                out.printf("ACLs applied: %d created, %d stale removed.%n", result.created().size(),
                        result.deleted().size());
                result.deleted().forEach(binding -> out.println("  removed " + binding));
            } catch (RuntimeException e) {
                throw new CommandFailedException("Applying the ACLs failed: " + e.getMessage(), e);
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        static ConfigDefinition definition() {
            return ConfigDefinition.builder()
                    .define(ConfigKey.required(PlatformSettings.BOOTSTRAP_SERVERS, ConfigType.STRING,
                            "Kafka bootstrap servers").validatedBy(ConfigValidator.notBlank()))
                    .defineAll(KafkaClientSecurity.configKeys())
                    .passThrough(ConfigDefinition.KAFKA_ADMIN, AdminClientConfig.configNames())
                    .build();
        }

        private static Map<String, String> readUsers(Path file) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CommandFailedException("Cannot read the users file " + file + ": " + e.getMessage(), e);
            }
            Map<String, String> users = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted().forEach(user -> users.put(user,
                    properties.getProperty(user)));
            if (users.isEmpty()) {
                throw new CommandFailedException("The users file " + file + " lists no <user>=<password> line", null);
            }
            return users;
        }
    }
}
