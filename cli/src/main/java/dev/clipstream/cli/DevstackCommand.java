package dev.clipstream.cli;

import dev.clipstream.cli.security.SecureProvisioning;
import dev.clipstream.cli.security.ServiceCredentials;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.kafka.KafkaSecurity;
import dev.clipstream.schemas.acl.ServiceRole;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.DevStackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream devstack}: a local Kafka broker and schema registry until Ctrl-C. */
@Command(
        name = "devstack",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = {
                "Run a local Kafka broker and a schema registry (Apicurio, Confluent-compatible API) until Ctrl-C.",
                "Prints their addresses, also as `export CLIPSTREAM_...` lines to paste into the shell of a service.",
                "If the broker or the registry dies, stops the other, shows its last log lines and exits with 1."})
public final class DevstackCommand implements Callable<Integer> {

    static final String BOOTSTRAP_VARIABLE = "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS";
    static final String REGISTRY_VARIABLE = "CLIPSTREAM_SCHEMA_REGISTRY_URL";

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Kafka port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "0",
            description = "Schema registry HTTP port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--secure",
            description = "Kafka with SASL/SCRAM-SHA-512 and ACLs: one user per service with least-privilege ACLs, "
                    + "super user admin. Prints each service's login and writes it to <data dir>/credentials/"
                    + "<service>.properties (docs/security.md).")
    boolean secure;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory for broker and registry data; must be absent or empty. "
                    + "Default: a fresh temp dir. Removed on exit either way.")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        DevStackOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting the Clipstream devstack (Kafka, then the schema registry)...");
        out.flush();

        DevStack stack = start(options);
        Thread stopOnSignal = new Thread(() -> stopAndExit(stack, out), "clipstream-devstack-stop");
        try {
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
            // A signal came during the start: DevStack's own hook stops the stack and the JVM exits.
            awaitJvmExit();
        }
        Path credentials = null;
        try {
            CatalogProvisioning.createCatalogTopicsAndRegisterSchemas(stack, out);
            if (secure) {
                credentials = SecureProvisioning.apply(stack, TopicCatalog.create(
                        new SerdeSettings(stack.schemaRegistryUrl(), false)), out);
            }
        } catch (RuntimeException e) {
            CompletableFuture<String> exit = stack.unexpectedExit();
            stopWithoutSignal(stack, stopOnSignal, out);
            // A child that died explains a failed provisioning better than the client error it caused.
            String why = exit.isDone() ? exit.getNow("") : e.getMessage();
            throw new CommandFailedException("Creating the catalog topics and schemas failed: " + why, e);
        }

        printAddresses(stack, out);
        if (credentials != null) {
            printCredentials(stack, credentials, out);
        }
        // A signal ends this command through its shutdown hook; otherwise only a child that dies does.
        String unexpectedExit = awaitUnexpectedExit(stack);
        stopWithoutSignal(stack, stopOnSignal, out);
        throw new CommandFailedException(unexpectedExit, null);
    }

    private static String awaitUnexpectedExit(DevStack stack) throws InterruptedException {
        try {
            return stack.unexpectedExit().get();
        } catch (ExecutionException e) {
            return "The devstack failed: " + e.getCause();
        }
    }

    /**
     * Closes the stack from this thread, for a failure that is not a signal. If a signal is already shutting the
     * JVM down (Ctrl-C also reaches the children, which may be why one of them exited), removing the hook throws
     * and {@link #stopAndExit} is closing the stack and will end the JVM with 0: then this only waits for that.
     */
    private static void stopWithoutSignal(DevStack stack, Thread stopOnSignal, PrintWriter out)
            throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
            awaitJvmExit();
        }
        stack.close();
        out.println("Clipstream devstack stopped and its data dir removed.");
        out.flush();
    }

    /** Blocks until the shutdown in progress ends the JVM. */
    private static void awaitJvmExit() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    private DevStackOptions options() {
        try {
            DevStackOptions options = new DevStackOptions(kafkaPort, registryPort,
                    dataDir == null ? null : dataDir.toAbsolutePath());
            return secure ? options.withSecurity(SecureProvisioning.generatedSecurity()) : options;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid devstack options: " + e.getMessage());
        }
    }

    /** Starts a devstack, turning a failure into the one-line error every command reports. */
    public static DevStack start(DevStackOptions options) {
        try {
            return DevStack.start(options);
        } catch (DevStackException e) {
            throw new CommandFailedException("The devstack failed to start: " + e.getMessage(), e);
        }
    }

    private static void printAddresses(DevStack stack, PrintWriter out) {
        out.println();
        out.println("Clipstream devstack is running.");
        out.println("  Kafka bootstrap servers: " + stack.bootstrapServers());
        out.println("  Schema registry URL:     " + stack.schemaRegistryUrl());
        out.println("  Data dir:                " + stack.workDir() + " (removed on exit)");
        out.println();
        out.println("Point services at it (paste into their shell):");
        out.println("  export " + BOOTSTRAP_VARIABLE + "=" + stack.bootstrapServers());
        out.println("  export " + REGISTRY_VARIABLE + "=" + stack.schemaRegistryUrl());
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** The secured stack: where each service's login is, and the lines for one service's shell. */
    private static void printCredentials(DevStack stack, Path dir, PrintWriter out) {
        KafkaSecurity security = stack.security().orElseThrow();
        out.println("Kafka is secured (SASL_PLAINTEXT, SCRAM-SHA-512, ACLs; docs/security.md). Each service logs in");
        out.println("as its own user; its keys are in " + dir + "/<service>.properties (add them to its --config");
        out.println("file), or paste its lines into its shell, e.g. for labeling:");
        out.print(new ServiceCredentials(security, stack.bootstrapServers()).exportLines(ServiceRole.LABELING)
                .indent(2));
        out.println("Super user (topics, ACLs, users): " + dir.resolve("admin.properties")
                + ". The schema registry is not secured.");
        out.println();
        out.flush();
    }

    /**
     * Runs as a shutdown hook on SIGINT/SIGTERM. Halting with 0 afterwards is deliberate: the JVM would otherwise
     * exit with 128+signal (130/143), yet Ctrl-C is the normal way to end this command. DevStack.close() is
     * synchronized and idempotent, so when it returns the stack is down even if DevStack's own hook ran first.
     */
    private static void stopAndExit(DevStack stack, PrintWriter out) {
        int status = CommandLine.ExitCode.OK;
        try {
            stack.close();
            out.println("Clipstream devstack stopped and its data dir removed. Bye.");
        } catch (RuntimeException e) {
            out.println("Clipstream devstack did not stop cleanly: " + e.getMessage());
            status = CommandLine.ExitCode.SOFTWARE;
        }
        out.flush();
        Runtime.getRuntime().halt(status);
    }
}
