package dev.clipstream.cli.bench;

/** One timed run of one producer: how many records went out and how fast. */
public record RunResult(long records, double recordsPerSecond, double megabytesPerSecond) {

    public RunResult {
        if (records < 1) {
            throw new IllegalArgumentException("A run must send at least one record, sent " + records);
        }
        if (!(recordsPerSecond > 0) || !(megabytesPerSecond >= 0)) {
            throw new IllegalArgumentException("Throughput must be positive, was " + recordsPerSecond + " records/s, "
                    + megabytesPerSecond + " MB/s");
        }
    }

    /** MB are MiB (2^20 bytes), as Kafka's ProducerPerformance counts them. */
    static RunResult of(long records, long bytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        return new RunResult(records, records / seconds, bytes / (1024.0 * 1024.0) / seconds);
    }
}
