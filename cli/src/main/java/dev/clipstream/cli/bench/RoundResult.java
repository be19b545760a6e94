package dev.clipstream.cli.bench;

/** One round: Kafka's ProducerPerformance, then Clipstream's producer, back to back on the same broker. */
public record RoundResult(int round, RunResult reference, RunResult ours) {

    /** Ours over the reference in records per second: 1.0 = as fast as Kafka with raw bytes. */
    public double ratio() {
        return ours.recordsPerSecond() / reference.recordsPerSecond();
    }
}
