package dev.clipstream.cli.security;

import dev.clipstream.devstack.kafka.KafkaSecurity;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.acl.ServiceRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka login of each service on a secured devstack, as the shared platform keys a service reads
 * ({@code kafka.security.protocol}, {@code kafka.sasl.mechanism}, {@code kafka.sasl.username},
 * {@code kafka.sasl.password}): one properties file per service to merge into its {@code --config} file, or the
 * matching {@code export CLIPSTREAM_KAFKA_...} lines.
 */
public final class ServiceCredentials {

    private final KafkaSecurity security;
    private final String bootstrapServers;

    public ServiceCredentials(KafkaSecurity security, String bootstrapServers) {
        this.security = security;
        this.bootstrapServers = bootstrapServers;
    }

    /** The service's keys, bootstrap servers included, in file order. */
    public Map<String, String> keys(ServiceRole role) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(PlatformSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        keys.put(KafkaClientSecurity.SECURITY_PROTOCOL, KafkaSecurity.SECURITY_PROTOCOL);
        keys.put(KafkaClientSecurity.SASL_MECHANISM, KafkaSecurity.MECHANISM);
        keys.put(KafkaClientSecurity.SASL_USERNAME, role.userName());
        keys.put(KafkaClientSecurity.SASL_PASSWORD, security.passwordOf(role.userName()));
        return keys;
    }

    /** {@code export CLIPSTREAM_KAFKA_SASL_USERNAME=...} lines for the shell of one service. */
    public String exportLines(ServiceRole role) {
        StringBuilder lines = new StringBuilder();
        keys(role).forEach((key, value) -> lines.append("export ")
                .append("CLIPSTREAM_").append(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))
                .append('=').append(value).append('\n'));
        return lines.toString();
    }

    /** Writes {@code <dir>/<service>.properties} (owner-only where the file system allows) for every role. */
    public Map<ServiceRole, Path> writeFiles(Path dir) {
        Map<ServiceRole, Path> files = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (ServiceRole role : ServiceRole.values()) {
                Path file = dir.resolve(fileName(role));
                StringBuilder text = new StringBuilder("# Kafka login of " + role.principal()
                        + " on the secured Clipstream devstack; merge into the service's --config file.\n");
                keys(role).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
                Files.writeString(file, text);
                ownerOnly(file);
                files.put(role, file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the service credentials to " + dir, e);
        }
    }

    /** {@code <dir>/admin.properties}: the super user's login, for {@code clipstream acls apply --config}. */
    public Path writeAdminFile(Path dir) {
        Path file = dir.resolve("admin.properties");
        String text = "# Super user of the secured Clipstream devstack (topics, ACLs, SCRAM users).\n"
                + PlatformSettings.BOOTSTRAP_SERVERS + "=" + bootstrapServers + "\n"
                + KafkaClientSecurity.SECURITY_PROTOCOL + "=" + KafkaSecurity.SECURITY_PROTOCOL + "\n"
                + KafkaClientSecurity.SASL_MECHANISM + "=" + KafkaSecurity.MECHANISM + "\n"
                + KafkaClientSecurity.SASL_USERNAME + "=" + KafkaSecurity.ADMIN_USER + "\n"
                + KafkaClientSecurity.SASL_PASSWORD + "=" + security.adminPassword() + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text);
            ownerOnly(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public static String fileName(ServiceRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT) + ".properties";
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the temp dir is the user's own anyway.
        }
    }
}
