package dev.clipstream.cli.demo;

import dev.clipstream.devstack.service.ProcessStats;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Resident memory of this JVM and every process it started (the broker, the registry), from /proc. */
final class MemoryUsage {

    /** @param byProcess label ("demo JVM", "Kafka broker", "schema registry", "pid N") -> resident bytes */
    record Sample(long totalBytes, Map<String, Long> byProcess) {
    }

    private MemoryUsage() {
    }

    static Sample sample() {
        Map<String, Long> byProcess = new LinkedHashMap<>();
        ProcessHandle self = ProcessHandle.current();
        add(byProcess, "demo JVM", self.pid());
        self.descendants().forEach(child -> add(byProcess, label(child), child.pid()));
        long total = byProcess.values().stream().mapToLong(Long::longValue).sum();
        return new Sample(total, byProcess);
    }

    private static void add(Map<String, Long> byProcess, String label, long pid) {
        long bytes = ProcessStats.of(pid).residentBytes();
        if (bytes > 0) {
            byProcess.merge(label, bytes, Long::sum);
        }
    }

    private static String label(ProcessHandle process) {
        String command = process.info().commandLine().orElse("").toLowerCase(Locale.ROOT);
        if (command.contains("apicurio")) {
            return "schema registry";
        }
        if (command.contains("kafka")) {
            return "Kafka broker";
        }
        return "pid " + process.pid();
    }
}
