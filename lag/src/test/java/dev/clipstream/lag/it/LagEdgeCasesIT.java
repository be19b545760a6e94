package dev.clipstream.lag.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clipstream.lag.bench.ReferenceGroupCommand;
import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.model.PartitionCondition;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.monitor.LagEngine;
import dev.clipstream.lag.monitor.LagSettings;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Each edge case of lag on the real broker, and record lag against Kafka's own ConsumerGroupCommand. */
class LagEdgeCasesIT {

    private final KafkaFixture kafka = new KafkaFixture();

    private LagEngine engine(String... groups) {
        LagSettings settings = LagSettings.defaults().withPipelineGroups(false).withGroups(List.of(groups))
                .withWindow(3, 3);
        return LagEngine.create(settings, kafka.stack.bootstrapServers(), Map.of(), PipelineUnits.none());
    }

    private static PartitionLag partition(GroupLag group, int partition) {
        return group.partitions().stream().filter(p -> p.partition() == partition).findFirst().orElseThrow();
    }

    @Test
    void recordLagAndTimeLagAgreeWithConsumerGroupCommandAndAnEmptyGroupWithLagIsStopped() {
        String topic = kafka.topic("lag-xcheck", 3);
        String group = KafkaFixture.group("xcheck");
        long base = System.currentTimeMillis() - 600_000;
        for (int p = 0; p < 3; p++) {
            kafka.produce(topic, p, 10, base, 1000);
        }
        kafka.commit(group, Map.of(new TopicPartition(topic, 0), 3L, new TopicPartition(topic, 1), 10L,
                new TopicPartition(topic, 2), 7L));

        try (LagEngine engine = engine(group)) {
            GroupLag ours = engine.evaluate().group(group).orElseThrow();
            List<ReferenceGroupCommand.Row> theirs = ReferenceGroupCommand.describe(kafka.stack.bootstrapServers(),
                    List.of(group));
            long now = System.currentTimeMillis();

            assertThat(theirs).hasSize(3);
            for (ReferenceGroupCommand.Row row : theirs) {
                PartitionLag p = partition(ours, row.partition());
                assertThat(p.recordLag()).as("record lag of partition %d", row.partition()).isEqualTo(row.lag());
                assertThat(p.committedOffset()).isEqualTo(row.currentOffset());
                assertThat(p.endOffset()).isEqualTo(row.logEndOffset());
            }
            assertThat(ours.recordLag()).isEqualTo(7 + 0 + 3);
            // Oldest unconsumed record of partition 0 is offset 3, stamped base + 3 s.
            assertThat(partition(ours, 0).oldestUnconsumedTimestamp()).isEqualTo(base + 3000);
            assertThat((double) partition(ours, 0).timeLagMillis()).isCloseTo(now - (base + 3000), within(5000.0));
            assertThat(partition(ours, 1).timeLagMillis()).isZero();
            assertThat(ours.maxTimeLagMillis()).isEqualTo(partition(ours, 0).timeLagMillis());
            assertThat(ours.members()).isZero();
            assertThat(ours.status()).isEqualTo(LagStatus.STOPPED);
        }
    }

    @Test
    void idleTopicWithCaughtUpGroupHasNoPhantomLagAndStaysOkWhileNothingIsCommitted() {
        String topic = kafka.topic("lag-idle", 2);
        String group = KafkaFixture.group("idle");
        kafka.produce(topic, 0, 5, System.currentTimeMillis() - 3_600_000, 0);
        kafka.produce(topic, 1, 5, System.currentTimeMillis() - 3_600_000, 0);
        kafka.commit(group, Map.of(new TopicPartition(topic, 0), 5L, new TopicPartition(topic, 1), 5L));

        try (KafkaConsumer<byte[], byte[]> member = kafka.member(group, topic); LagEngine engine = engine(group)) {
            LagSnapshot last = null;
            for (int i = 0; i < 4; i++) {
                last = engine.evaluate();
            }
            GroupLag idle = last.group(group).orElseThrow();
            assertThat(idle.recordLag()).isZero();
            assertThat(idle.maxTimeLagMillis()).as("an hour-old last record is no time lag").isZero();
            assertThat(idle.members()).isEqualTo(1);
            assertThat(idle.status()).isEqualTo(LagStatus.OK);
            assertThat(engine.recordsRead()).as("nothing to read when caught up").isZero();
        }
    }

    @Test
    void commitMarkerAndOpenTransactionAreNotLag() {
        String topic = kafka.topic("lag-txn", 1);
        String group = KafkaFixture.group("txn");
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer("lag-it-" + group)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, ("t" + i).getBytes()));
            }
            producer.commitTransaction();
            // Offsets 0-4 are data, 5 is the commit marker. A consumer that commits "last record + 1" stops at 5.
            kafka.commit(group, Map.of(tp, 5L));

            try (LagEngine engine = engine(group)) {
                PartitionLag afterCommit = partition(engine.evaluate().group(group).orElseThrow(), 0);
                ReferenceGroupCommand.Row reference = ReferenceGroupCommand.describe(kafka.stack.bootstrapServers(),
                        List.of(group)).get(0);

                assertThat(afterCommit.endOffset()).isEqualTo(6);
                assertThat(afterCommit.recordLag()).as("a commit marker is not a record to consume").isZero();
                assertThat(afterCommit.timeLagMillis()).isZero();
                assertThat(afterCommit.note()).contains("transaction markers");
                assertThat(reference.lag()).as("kafka-consumer-groups counts the marker").isEqualTo(1);

                // An open transaction: its records are past the last stable offset, so not (yet) lag either.
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, ("open" + i).getBytes()));
                }
                producer.flush();
                PartitionLag open = partition(engine.evaluate().group(group).orElseThrow(), 0);
                ReferenceGroupCommand.Row referenceOpen = ReferenceGroupCommand.describe(
                        kafka.stack.bootstrapServers(), List.of(group)).get(0);
                assertThat(open.endOffset()).as("last stable offset").isEqualTo(6);
                assertThat(open.recordLag()).isZero();
                assertThat(referenceOpen.lag()).as("high watermark based").isEqualTo(4);
                producer.abortTransaction();

                // After the abort: 3 aborted records + 1 abort marker, still nothing a read_committed consumer gets.
                PartitionLag aborted = partition(engine.evaluate().group(group).orElseThrow(), 0);
                assertThat(aborted.endOffset()).isEqualTo(10);
                assertThat(aborted.recordLag()).isZero();
            }
        }
    }

    @Test
    void committedOffsetBehindLogStartIsReportedNotInvented() {
        String topic = kafka.topic("lag-retention", 1);
        String group = KafkaFixture.group("retention");
        TopicPartition tp = new TopicPartition(topic, 0);
        long base = System.currentTimeMillis() - 100_000;
        kafka.produce(topic, 0, 20, base, 1000);
        kafka.commit(group, Map.of(tp, 5L));
        KafkaFixture.await(kafka.stack.admin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(12))).all());

        try (LagEngine engine = engine(group)) {
            PartitionLag p = partition(engine.evaluate().group(group).orElseThrow(), 0);
            assertThat(p.condition()).isEqualTo(PartitionCondition.BEHIND_LOG_START);
            assertThat(p.logStartOffset()).isEqualTo(12);
            assertThat(p.committedOffset()).isEqualTo(5);
            assertThat(p.recordLag()).as("what the group can still read: end 20 - log start 12").isEqualTo(8);
            assertThat(p.lostRecords()).isEqualTo(7);
            assertThat(p.oldestUnconsumedTimestamp()).isEqualTo(base + 12_000);
            assertThat(p.note()).contains("behind log start").contains("offset out of range");
            ReferenceGroupCommand.Row reference = ReferenceGroupCommand.describe(kafka.stack.bootstrapServers(),
                    List.of(group)).get(0);
            assertThat(reference.lag()).as("kafka-consumer-groups: end - committed, deleted records included")
                    .isEqualTo(15);
        }
    }

    @Test
    void assignedPartitionWithoutCommitHasUndefinedLagNotZero() {
        String topic = kafka.topic("lag-nocommit", 1);
        String group = KafkaFixture.group("nocommit");
        kafka.produce(topic, 0, 4);
        try (KafkaConsumer<byte[], byte[]> member = kafka.member(group, topic); LagEngine engine = engine(group)) {
            GroupLag lag = engine.evaluate().group(group).orElseThrow();
            PartitionLag p = partition(lag, 0);
            assertThat(p.condition()).isEqualTo(PartitionCondition.NO_COMMITTED_OFFSET);
            assertThat(p.committedOffset()).isNull();
            assertThat(p.recordLag()).isNull();
            assertThat(p.timeLagMillis()).isNull();
            assertThat(p.owner()).startsWith(group + "-member@");
            assertThat(p.endOffset()).isEqualTo(4);
            assertThat(lag.status()).isEqualTo(LagStatus.OK);
        }
    }

    @Test
    void memberThatStopsCommittingWhileLagStaysIsStalled() {
        String topic = kafka.topic("lag-stalled", 1);
        String group = KafkaFixture.group("stalled");
        TopicPartition tp = new TopicPartition(topic, 0);
        kafka.produce(topic, 0, 10);
        kafka.commit(group, Map.of(tp, 2L));
        try (KafkaConsumer<byte[], byte[]> member = kafka.member(group, topic); LagEngine engine = engine(group)) {
            List<LagStatus> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(engine.evaluate().group(group).orElseThrow().status());
            }
            assertThat(statuses).containsExactly(LagStatus.OK, LagStatus.OK, LagStatus.STALLED);
            assertThat(engine.recordsRead()).as("the stalled partition's oldest record is read once, then cached")
                    .isLessThanOrEqualTo(10);
        }
    }

    @Test
    void lagGrowingWhileTheMemberCommitsIsWarning() {
        String topic = kafka.topic("lag-growing", 1);
        String group = KafkaFixture.group("growing");
        TopicPartition tp = new TopicPartition(topic, 0);
        kafka.produce(topic, 0, 10);
        kafka.commit(group, Map.of(tp, 2L));
        try (KafkaConsumer<byte[], byte[]> member = kafka.member(group, topic); LagEngine engine = engine(group)) {
            GroupLag last = null;
            for (int i = 0; i < 3; i++) {
                member.commitSync(Map.of(tp, new OffsetAndMetadata(3L + i)));
                kafka.produce(topic, 0, 5);
                last = engine.evaluate().group(group).orElseThrow();
            }
            assertThat(last.status()).isEqualTo(LagStatus.WARNING);
            assertThat(last.statusReason()).contains(topic + "-0");
            assertThat(last.recordLag()).isEqualTo(25 - 5);
        }
    }

    @Test
    void groupsOnOnePartitionShareTheReadAndEachGetsItsOwnOldestRecord() {
        String topic = kafka.topic("lag-shared", 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        long base = System.currentTimeMillis() - 100_000;
        kafka.produce(topic, 0, 80, base, 1000);
        long[] committed = {3, 10, 36, 79};
        String[] groups = new String[committed.length];
        for (int i = 0; i < committed.length; i++) {
            groups[i] = KafkaFixture.group("shared" + i);
            kafka.commit(groups[i], Map.of(tp, committed[i]));
        }
        try (LagEngine engine = engine(groups)) {
            LagSnapshot first = engine.evaluate();
            for (int i = 0; i < committed.length; i++) {
                PartitionLag p = partition(first.group(groups[i]).orElseThrow(), 0);
                assertThat(p.oldestUnconsumedTimestamp()).as(groups[i]).isEqualTo(base + committed[i] * 1000);
                assertThat(p.recordLag()).isEqualTo(80 - committed[i]);
            }
            assertThat(engine.recordsRead()).as("one read from offset 3 serves all four groups").isLessThan(160);

            kafka.commit(groups[0], Map.of(tp, 20L));
            kafka.commit(groups[3], Map.of(tp, 80L));
            LagSnapshot second = engine.evaluate();
            assertThat(partition(second.group(groups[0]).orElseThrow(), 0).oldestUnconsumedTimestamp())
                    .isEqualTo(base + 20_000);
            assertThat(partition(second.group(groups[3]).orElseThrow(), 0).recordLag()).isZero();
            assertThat(partition(second.group(groups[2]).orElseThrow(), 0).oldestUnconsumedTimestamp())
                    .isEqualTo(base + 36_000);
        }
    }

    @Test
    void groupOnTheNewConsumerProtocolIsDescribedWithItsMembersAndOwners() {
        String topic = kafka.topic("lag-kip848", 2);
        String group = KafkaFixture.group("kip848");
        kafka.produce(topic, 0, 6);
        kafka.commit(group, Map.of(new TopicPartition(topic, 0), 2L));
        try (KafkaConsumer<byte[], byte[]> member = kafka.member(group, topic, "consumer");
             LagEngine engine = engine(group)) {
            GroupLag lag = engine.evaluate().group(group).orElseThrow();
            assertThat(lag.groupType()).isEqualTo("CONSUMER");
            assertThat(lag.members()).isEqualTo(1);
            assertThat(partition(lag, 0).recordLag()).isEqualTo(4);
            assertThat(partition(lag, 0).owner()).startsWith(group + "-member@");
            assertThat(partition(lag, 1).condition()).isEqualTo(PartitionCondition.NO_COMMITTED_OFFSET);
            assertThat(lag.status()).isEqualTo(LagStatus.OK);
        }
    }
}
