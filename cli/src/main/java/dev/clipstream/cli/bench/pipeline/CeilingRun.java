package dev.clipstream.cli.bench.pipeline;

/**
 * Kafka's own tools on the pipeline's broker for one stage's record size: ProducerPerformance writing raw records of
 * that size to a fresh topic with the stage topic's partition count, then ConsumerPerformance reading them back.
 *
 * @param recordSize               bytes per value: the median encoded size measured on the stage's topic
 * @param records                  records written and read
 * @param producerRecordsPerSecond ProducerPerformance's result
 * @param consumerRecordsPerSecond ConsumerPerformance's fetch rate (without its group join)
 */
public record CeilingRun(Stage stage, int recordSize, long records, double producerRecordsPerSecond,
                         double producerMegabytesPerSecond, double consumerRecordsPerSecond) {
}
