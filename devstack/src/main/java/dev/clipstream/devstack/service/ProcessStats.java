package dev.clipstream.devstack.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time and resident memory of one process, read from /proc (Linux only; elsewhere both are unknown, -1).
 *
 * @param residentBytes VmRSS, or -1 if unknown
 * @param cpuTime       user + system CPU time since the process started, or {@link Duration#ZERO} if unknown
 */
public record ProcessStats(long pid, long residentBytes, Duration cpuTime) {

    public static ProcessStats of(long pid) {
        Duration cpu = ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .orElse(Duration.ZERO);
        return new ProcessStats(pid, residentBytes(pid), cpu);
    }

    private static long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:   123456 kB"
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone.
        }
        return -1;
    }

    public double residentMegabytes() {
        return residentBytes < 0 ? -1 : residentBytes / (1024.0 * 1024.0);
    }
}
