package dev.clipstream.cli.bench;

/** What a result depends on besides the code: printed with every result so figures are never read without it. */
public record BenchEnvironment(
        int cores,
        String jvm,
        String os,
        String broker,
        long recordsPerRun,
        int rounds,
        int partitions,
        EncodedSizes recordSize,
        ProducerSettings producer) {

    /** Cores, JVM and OS of this process. */
    static BenchEnvironment ofThisMachine(String broker, long recordsPerRun, int rounds, int partitions,
                                          EncodedSizes recordSize, ProducerSettings producer) {
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new BenchEnvironment(Runtime.getRuntime().availableProcessors(), jvm, os, broker, recordsPerRun,
                rounds, partitions, recordSize, producer);
    }
}
