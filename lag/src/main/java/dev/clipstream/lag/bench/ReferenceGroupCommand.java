package dev.clipstream.lag.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/**
 * Kafka's own {@code kafka-consumer-groups --describe} (ConsumerGroupCommand in kafka-tools), run in this JVM with
 * its standard output captured: the reference the tests cross-check record lag against and the benchmark times.
 * Kafka's Exit is redirected so a usage error throws instead of ending the JVM; runs are one at a time because
 * System.out is process-wide.
 */
public final class ReferenceGroupCommand {

    /** One row of its describe table; {@code lag} and {@code currentOffset} are null where it prints "-". */
    public record Row(String group, String topic, int partition, Long currentOffset, Long logEndOffset, Long lag,
                      String consumerId) {
    }

    private static final class ExitCalled extends RuntimeException {
        final int status;

        ExitCalled(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private ReferenceGroupCommand() {
    }

    /** Runs {@code --describe} for the groups and returns its rows (offsets tables only). */
    public static synchronized List<Row> describe(String bootstrapServers, List<String> groups) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--describe"));
        for (String group : groups) {
            args.add("--group");
            args.add(group);
        }
        return parse(run(args.toArray(String[]::new)));
    }

    /** Runs {@code --describe --all-groups}. */
    public static synchronized List<Row> describeAll(String bootstrapServers) {
        return parse(run(new String[]{"--bootstrap-server", bootstrapServers, "--describe", "--all-groups"}));
    }

    private static String run(String[] args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        Exit.setExitProcedure((status, message) -> {
            throw new ExitCalled(status, message);
        });
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
             PrintStream captureErr = new PrintStream(capturedErr, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            // It reports "has no active members" per group on stderr; not ours to print.
            System.setErr(captureErr);
            ConsumerGroupCommand.main(args);
        } catch (ExitCalled exit) {
            if (exit.status != 0) {
                throw new IllegalStateException("ConsumerGroupCommand exited with status " + exit.status
                        + (exit.getMessage() != null ? ": " + exit.getMessage() : "") + "; output:\n"
                        + captured.toString(StandardCharsets.UTF_8) + capturedErr.toString(StandardCharsets.UTF_8));
            }
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
            Exit.resetExitProcedure();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static List<Row> parse(String output) {
        List<Row> rows = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length < 6 || cells[0].equals("GROUP") || !cells[2].matches("\\d+")) {
                continue;
            }
            rows.add(new Row(cells[0], cells[1], Integer.parseInt(cells[2]), number(cells[3]), number(cells[4]),
                    number(cells[5]), cells.length > 6 ? cells[6] : "-"));
        }
        return rows;
    }

    private static Long number(String cell) {
        return cell.matches("-?\\d+") ? Long.valueOf(cell) : null;
    }
}
