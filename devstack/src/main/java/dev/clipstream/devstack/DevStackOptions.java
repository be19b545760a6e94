package dev.clipstream.devstack;

import dev.clipstream.devstack.kafka.KafkaSecurity;

import java.nio.file.Path;
import java.util.Collection;

/**
 * How to start a {@link DevStack}.
 *
 * @param kafkaPort    port of the broker's PLAINTEXT listener on 127.0.0.1; 0 picks a free port
 * @param registryPort HTTP port of the schema registry on 127.0.0.1; 0 picks a free port
 * @param workDir      directory for data and logs; null creates a fresh temp dir. It must be absent or empty,
 *                     because {@link DevStack#close()} deletes it.
 * @param security     null for a PLAINTEXT broker; else its listener is SASL_PLAINTEXT with SCRAM-SHA-512 and
 *                     ACLs, with these users (see {@link KafkaSecurity})
 */
public record DevStackOptions(int kafkaPort, int registryPort, Path workDir, KafkaSecurity security) {

    public DevStackOptions(int kafkaPort, int registryPort, Path workDir) {
        this(kafkaPort, registryPort, workDir, null);
    }

    public DevStackOptions {
        requireValidPort("kafkaPort", kafkaPort);
        requireValidPort("registryPort", registryPort);
        if (kafkaPort != 0 && kafkaPort == registryPort) {
            throw new IllegalArgumentException("kafkaPort and registryPort must differ, both are " + kafkaPort);
        }
    }

    public static DevStackOptions defaults() {
        return new DevStackOptions(0, 0, null);
    }

    /** The same options with a secured broker (SASL/SCRAM-SHA-512 + ACLs) knowing these users. */
    public DevStackOptions withSecurity(KafkaSecurity kafkaSecurity) {
        return new DevStackOptions(kafkaPort, registryPort, workDir, kafkaSecurity);
    }

    /** The same options with a secured broker and a generated password for the admin and each user. */
    public DevStackOptions withSecurity(Collection<String> userNames) {
        return withSecurity(KafkaSecurity.generated(userNames));
    }

    private static void requireValidPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (pick a free port) or 1-65535, got " + port);
        }
    }
}
