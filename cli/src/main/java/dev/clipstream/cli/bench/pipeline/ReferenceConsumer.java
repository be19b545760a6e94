package dev.clipstream.cli.bench.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * Kafka's own ConsumerPerformance (kafka-tools), in this JVM through its {@code main}, reading the topic Kafka's
 * ProducerPerformance just filled: the reading half of the ceiling. In-process for the same reason as the producer
 * reference (same JVM, same JIT warm-up as our side); it prints to System.out and exits through Kafka's Exit, so a
 * run captures the one and turns the other into an exception. One run at a time.
 */
final class ReferenceConsumer {

    private ReferenceConsumer() {
    }

    static synchronized ConsumerPerformanceSummary run(String bootstrapServers, String topic, long records) {
        String[] args = {
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--group", "bench-pipeline-reference-" + UUID.randomUUID(),
                "--timeout", "60000",
                // read_committed like the pipeline's consumers; the topic has no transactions, so it costs nothing.
                "--command-property", "isolation.level=read_committed"};
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ConsumerPerformance exited with status " + status
                    + (message != null ? ": " + message : "") + "; arguments: " + String.join(" ", args));
        });
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            ConsumerPerformance.main(args);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("ConsumerPerformance failed on topic " + topic + ": " + e.getMessage(), e);
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        ConsumerPerformanceSummary summary = ConsumerPerformanceSummary.parse(output);
        if (summary.records() < records) {
            throw new IllegalStateException("ConsumerPerformance read " + summary.records() + " of " + records
                    + " records from " + topic + "; output:\n" + output);
        }
        return summary;
    }
}
