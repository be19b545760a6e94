package dev.clipstream.devstack;

import java.nio.file.Path;

/**
 * How to start a {@link DevStack}.
 *
 * @param kafkaPort    port of the broker's PLAINTEXT listener on 127.0.0.1; 0 picks a free port
 * @param registryPort HTTP port of the schema registry on 127.0.0.1; 0 picks a free port
 * @param workDir      directory for data and logs; null creates a fresh temp dir. It must be absent or empty,
 *                     because {@link DevStack#close()} deletes it.
 */
public record DevStackOptions(int kafkaPort, int registryPort, Path workDir) {

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

    private static void requireValidPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (pick a free port) or 1-65535, got " + port);
        }
    }
}
