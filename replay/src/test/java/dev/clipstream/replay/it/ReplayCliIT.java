package dev.clipstream.replay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.replay.cli.ReplayCommand;
import dev.clipstream.replay.fixture.Batches;
import dev.clipstream.replay.fixture.ReplayTestbed;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `clipstream replay` end to end on the devstack: beside live traffic, dry run, list and --manifest. */
class ReplayCliIT {

    private final ReplayTestbed testbed = new ReplayTestbed();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void replayBesideLiveTrafficLeavesLiveRecordsAndLiveOffsetsUntouched() throws Exception {
        List<RecordMetadata> liveWritten = new ArrayList<>();
        List<TrainingBatch> liveSent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            liveSent.add(Batches.batch("live-" + i, "live", 2, i));
        }
        liveWritten.addAll(testbed.produce(liveSent));
        String liveGroup = "clipstream-dispatch-" + testbed.topics.batches();
        Map<TopicPartition, OffsetAndMetadata> committedBefore = consumeAndCommit(liveGroup, 20);
        List<String> groupsBefore = groups();

        // Live batches keep coming while the replay runs.
        AtomicBoolean stop = new AtomicBoolean();
        List<TrainingBatch> liveDuring = Collections.synchronizedList(new ArrayList<>());
        List<RecordMetadata> liveDuringWritten = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> liveTraffic = CompletableFuture.runAsync(() -> {
            try (KafkaProducer<String, TrainingBatch> producer = testbed.liveProducer()) {
                for (int i = 0; !stop.get() || i < 10; i++) {
                    TrainingBatch batch = Batches.batch("during-" + i, "live", 2, 100 + i);
                    liveDuringWritten.add(producer.send(new ProducerRecord<>(testbed.topics.batches(), "live", batch))
                            .get());
                    liveDuring.add(batch);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("live traffic started").atMost(Duration.ofSeconds(30)).until(() -> liveDuring.size() >= 3);

        int exit = run("--campaign", "live", "--transaction-size", "4");
        stop.set(true);
        liveTraffic.get();

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Created dataset manifest ds-live-").contains("complete");
        // Live records are exactly what the live producers wrote, where they wrote them.
        Map<String, ConsumerRecord<String, TrainingBatch>> inLog = testbed.readBatches("read_committed").stream()
                .collect(Collectors.toMap(r -> r.partition() + "@" + r.offset(), r -> r));
        List<TrainingBatch> allLive = new ArrayList<>(liveSent);
        allLive.addAll(liveDuring);
        List<RecordMetadata> allLiveWritten = new ArrayList<>(liveWritten);
        allLiveWritten.addAll(liveDuringWritten);
        for (int i = 0; i < allLive.size(); i++) {
            RecordMetadata where = allLiveWritten.get(i);
            assertThat(inLog.get(where.partition() + "@" + where.offset()).value()).isEqualTo(allLive.get(i));
        }
        assertThat(inLog.values()).filteredOn(r -> r.value().getOrigin() == BatchOrigin.LIVE).hasSize(allLive.size());
        List<TrainingBatch> copies = inLog.values().stream().map(ConsumerRecord::value)
                .filter(b -> b.getOrigin() == BatchOrigin.REPLAY).toList();
        assertThat(copies).hasSizeGreaterThanOrEqualTo(20).hasSizeLessThan(allLive.size() + 1);
        // The live group's committed offsets did not move, and the replay created no group of its own.
        assertThat(committedOffsets(liveGroup)).isEqualTo(committedBefore);
        assertThat(groups()).isEqualTo(groupsBefore).contains(liveGroup);

        // list shows the dataset; --manifest replays it again without a single duplicate.
        String manifestId = manifestId(out.toString());
        out.getBuffer().setLength(0);
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains(manifestId).contains("campaign live");
        out.getBuffer().setLength(0);
        assertThat(run("--manifest", manifestId)).isZero();
        assertThat(out.toString()).contains("0 batches published now, " + copies.size() + " already published");
        assertThat(testbed.readBatches("read_committed")).filteredOn(r -> r.value().getOrigin() == BatchOrigin.REPLAY)
                .hasSize(copies.size());
    }

    @Test
    void dryRunPrintsThePlanAndPublishesNothing() {
        List<TrainingBatch> live = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            live.add(Batches.batch("dry-" + i, i < 4 ? "dry" : "other", 3, i));
        }
        testbed.produce(live);
        Map<Integer, Long> batchesEnd = testbed.logEndOffsets(testbed.topics.batches(), 3);
        Map<Integer, Long> datasetsEnd = testbed.logEndOffsets(testbed.topics.datasets(), 1);

        int exit = run("--campaign", "dry", "--dry-run");

        assertThat(exit).as(err.toString()).isZero();
        double hours = live.subList(0, 4).stream().mapToDouble(b -> b.getTotals().getTotalVideoSeconds()).sum() / 3600;
        assertThat(out.toString())
                .contains("Dry run: nothing is written")
                .contains("4 batches, 12 clips, " + String.format("%.2f", hours) + " hours of video")
                .contains("(new dataset)")
                .containsPattern("dojo\\s+1,086 PFLOPS")
                .containsPattern("nvidia\\s+253 PFLOPS");
        assertThat(testbed.logEndOffsets(testbed.topics.batches(), 3)).isEqualTo(batchesEnd);
        assertThat(testbed.logEndOffsets(testbed.topics.datasets(), 1)).isEqualTo(datasetsEnd);
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int insertAt = all.isEmpty() || !"list".equals(all.get(0)) ? 0 : 1;
        all.addAll(insertAt, testbed.cliArguments());
        if (!all.contains("list")) {
            all.add("--no-progress");
        }
        CommandLine commandLine = new CommandLine(new ReplayCommand(ReplayTestbed.cliEnvironment()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private static String manifestId(String output) {
        Matcher matcher = Pattern.compile("(ds-[a-z0-9-]+@v[0-9]+)").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }

    /** A live consumer (like the dispatcher) reads {@code count} records and commits its position. */
    private Map<TopicPartition, OffsetAndMetadata> consumeAndCommit(String group, int count) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, testbed.stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, TrainingBatch> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                testbed.topics.batchSerde().deserializer())) {
            consumer.subscribe(List.of(testbed.topics.batches()));
            int[] seen = {0};
            await("live consumer read " + count).atMost(Duration.ofSeconds(60))
                    .until(() -> (seen[0] += consumer.poll(Duration.ofMillis(200)).count()) >= count);
            consumer.commitSync();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(count);
        return committed;
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        return testbed.stack.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    private List<String> groups() throws Exception {
        return testbed.stack.admin().listGroups().all().get().stream().map(GroupListing::groupId).sorted().toList();
    }
}
