package dev.clipstream.cli.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own ProducerPerformance (kafka-tools), run in this JVM through its {@code main}: raw byte[] values of a
 * fixed size, no serialization cost. In-process rather than a child JVM on purpose: both sides of the benchmark
 * then share the JVM, its heap settings and its JIT warm-up, so the ratio compares the producer code paths and not
 * two JVMs; a child JVM would run the reference cold every round while ours warms up, flattering ours.
 *
 * <p>ProducerPerformance reports on System.out and stops the JVM through Kafka's Exit on a usage error, so a run
 * captures System.out and turns an exit into an exception. Runs are therefore one at a time (synchronized).
 */
public final class ReferenceProducer {

    /** Key range for ProducerPerformance's random keys: one key per vehicle, like ours. */
    static final int KEY_RANGE = ClipUploadedGenerator.FLEET_SIZE;

    private ReferenceProducer() {
    }

    public static synchronized RunResult run(String bootstrapServers, String topic, long records, int recordSize,
                                             ProducerSettings settings) {
        String[] args = arguments(bootstrapServers, topic, records, recordSize, settings);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ProducerPerformance exited with status " + status
                    + (message != null ? ": " + message : "") + "; arguments: " + String.join(" ", args));
        });
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            ProducerPerformance.main(args);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("ProducerPerformance failed on topic " + topic + ": " + e.getMessage(), e);
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        RunResult result = ProducerPerformanceSummary.parse(captured.toString(StandardCharsets.UTF_8));
        if (result.records() != records) {
            throw new IllegalStateException("ProducerPerformance sent " + result.records() + " of " + records
                    + " records to " + topic + "; output:\n" + captured.toString(StandardCharsets.UTF_8));
        }
        return result;
    }

    static String[] arguments(String bootstrapServers, String topic, long records, int recordSize,
                              ProducerSettings settings) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1",
                "--key-distribution", "random",
                "--record-key-range", Integer.toString(KEY_RANGE),
                // Only the final summary line: one report per run, like ours.
                "--reporting-interval", Long.toString(Long.MAX_VALUE / 2)));
        args.add("--command-property");
        for (Map.Entry<String, String> config : settings.asConfigs().entrySet()) {
            args.add(config.getKey() + "=" + config.getValue());
        }
        return args.toArray(String[]::new);
    }
}
