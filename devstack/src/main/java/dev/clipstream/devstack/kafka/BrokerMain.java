package dev.clipstream.devstack.kafka;

import dev.clipstream.devstack.process.StdinWatchdog;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Main class of the child JVM that runs one combined broker+controller: formats storage, starts the KRaft
 * server, stops it cleanly on SIGTERM or when the parent goes away (stdin EOF), and removes its data dir.
 * Usage: {@code BrokerMain <server.properties>}. A data dir that is already formatted is used as it is (a
 * restart), and a file {@value #KEEP_DATA_MARKER} next to server.properties makes a SIGTERM keep the data.
 */
public final class BrokerMain {

    /** Written by the parent before it stops the broker for a restart on the same data. */
    static final String KEEP_DATA_MARKER = "keep-data-on-stop";

    private static final int EXIT_BAD_USAGE = 2;
    private static final int EXIT_START_FAILED = 1;

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BrokerMain <server.properties>");
            System.exit(EXIT_BAD_USAGE);
        }
        StdinWatchdog.start();
        Path propertiesFile = Path.of(args[0]);
        try {
            Properties properties = load(propertiesFile);
            if (Files.exists(Path.of(properties.getProperty("log.dirs"), "meta.properties"))) {
                System.out.println("BrokerMain: restarting on the data formatted before");
            } else {
                format(propertiesFile);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
            Path dataDir = Path.of(properties.getProperty("log.dirs"));
            Path ownDir = propertiesFile.toAbsolutePath().getParent();
            Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> stop(server, dataDir, ownDir), "broker-shutdown"));
            server.startup();
            System.out.println("BrokerMain: broker started");
            server.awaitShutdown();
        } catch (Throwable e) {
            System.err.println("BrokerMain: broker failed to start: " + e);
            e.printStackTrace(System.err);
            System.exit(EXIT_START_FAILED);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void format(Path propertiesFile) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile.toString(),
                "--standalone"));
        // A secured broker's admin SCRAM credential (BrokerFiles.writeFormatArgs).
        Path extraArgs = propertiesFile.resolveSibling(BrokerFiles.FORMAT_ARGS_FILE);
        if (Files.exists(extraArgs)) {
            Files.readAllLines(extraArgs).stream().filter(line -> !line.isBlank()).forEach(args::add);
        }
        int status = StorageTool.execute(args.toArray(String[]::new), System.out);
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format exited with status " + status);
        }
    }

    /**
     * Deletes the data dir; when the parent is gone (maybe killed, so unable to clean up) or stopping us, the whole
     * dir the broker was started in, log included. A broker that exits on its own keeps its log: the parent shows
     * its tail.
     */
    private static void stop(KafkaRaftServer server, Path dataDir, Path ownDir) {
        System.out.println("BrokerMain: stopping broker");
        server.shutdown();
        server.awaitShutdown();
        System.out.println("BrokerMain: broker stopped");
        // The marker first: a parent that stops us also closes our stdin, which looks like "parent gone".
        if (Files.exists(ownDir.resolve(KEEP_DATA_MARKER))) {
            System.out.println("BrokerMain: data kept for a restart in " + dataDir);
        } else if (StdinWatchdog.parentGone()) {
            StdinWatchdog.deleteWithRetries(ownDir);
        } else {
            StdinWatchdog.deleteWithRetries(dataDir);
        }
    }
}
