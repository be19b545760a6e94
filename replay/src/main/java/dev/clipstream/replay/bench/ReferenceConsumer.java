package dev.clipstream.replay.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * Kafka's own ConsumerPerformance (kafka-tools) run in this JVM through its {@code main}, capturing System.out:
 * same JVM, heap and JIT as our side, so the ratio compares consumer code paths, not two JVMs. It reports on
 * System.out and ends the JVM through Kafka's Exit on a usage error, so runs are one at a time and an exit becomes
 * an exception.
 */
final class ReferenceConsumer {

    /** One run's figures: messages, and messages/s over the fetch time (after the group join, like our scan). */
    record Result(long messages, double messagesPerSecond, double fetchMessagesPerSecond, double megabytes) {
    }

    private ReferenceConsumer() {
    }

    static synchronized Result run(String bootstrapServers, String topic, long messages, String group) {
        String[] args = {
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--messages", Long.toString(messages),
                "--group", group,
                "--timeout", "60000"};
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
        return parse(captured.toString(StandardCharsets.UTF_8));
    }

    /** Reads the header line and the result line by column name, so a column added later does not shift us. */
    static Result parse(String output) {
        List<String> lines = output.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                header = i;
            }
        }
        if (header < 0 || header + 1 >= lines.size()) {
            throw new IllegalStateException("ConsumerPerformance printed no result; output:\n" + output);
        }
        List<String> names = Arrays.stream(lines.get(header).split(",")).map(String::trim).toList();
        List<String> values = Arrays.stream(lines.get(header + 1).split(",")).map(String::trim).toList();
        return new Result((long) value(names, values, "data.consumed.in.nMsg", output),
                value(names, values, "nMsg.sec", output), value(names, values, "fetch.nMsg.sec", output),
                value(names, values, "data.consumed.in.MB", output));
    }

    private static double value(List<String> names, List<String> values, String name, String output) {
        int index = names.indexOf(name);
        if (index < 0 || index >= values.size()) {
            throw new IllegalStateException("ConsumerPerformance output has no column " + name + ":\n" + output);
        }
        return Double.parseDouble(values.get(index));
    }
}
