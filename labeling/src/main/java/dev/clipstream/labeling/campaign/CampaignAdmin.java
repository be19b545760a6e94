package dev.clipstream.labeling.campaign;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the campaigns topic: the latest record per campaign id is the campaign. Closing a campaign
 * writes its record again with status CLOSED; the labeling app applies it to the next clip.
 */
public final class CampaignAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignAdmin.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TopicCatalog topics;
    private final String bootstrapServers;

    public CampaignAdmin(TopicCatalog topics, String bootstrapServers) {
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
    }

    /** A campaign's current record and how many of its clips are in closed training batches. */
    public record CampaignView(Campaign campaign, long batchedClips) {
    }

    public void publish(List<Campaign> campaigns) {
        TopicSpec<String, Campaign> topic = topics.campaigns();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Must cover linger.ms + request.timeout.ms (30 s), or the producer refuses to start.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.multipliedBy(2).toMillis());
        try (KafkaProducer<String, Campaign> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            for (Campaign campaign : campaigns) {
                producer.send(new ProducerRecord<>(topic.name(), campaign.getCampaignId(), campaign))
                        .get(TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Writing to " + topic.name() + " at " + bootstrapServers + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Writing to " + topic.name() + " at " + bootstrapServers
                    + " timed out after " + TIMEOUT.multipliedBy(3).toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing campaigns", e);
        }
    }

    /** Every campaign by id (deleted ones, i.e. tombstones, left out). */
    public Map<String, Campaign> campaigns() {
        Map<String, Campaign> latest = new TreeMap<>();
        readAll(topics.campaigns(), (key, campaign) -> {
            if (campaign == null) {
                latest.remove(key);
            } else {
                latest.put(key, campaign);
            }
        });
        return latest;
    }

    /** Every campaign with the number of its clips in closed batches (read from training.batches). */
    public List<CampaignView> list() {
        Map<String, Campaign> campaigns = campaigns();
        Map<String, Long> batched = new TreeMap<>();
        readAll(topics.trainingBatches(), (batchId, batch) -> {
            if (batch != null) {
                batched.merge(batch.getCampaignId(), (long) batch.getTotals().getClipCount(), Long::sum);
            }
        });
        return campaigns.values().stream()
                .map(campaign -> new CampaignView(campaign, batched.getOrDefault(campaign.getCampaignId(), 0L)))
                .toList();
    }

    /** Writes the campaign again with status CLOSED; returns the closed record. */
    public Campaign close(String campaignId) {
        Campaign current = campaigns().get(campaignId);
        if (current == null) {
            throw new IllegalArgumentException("No campaign with id '" + campaignId + "' on topic "
                    + topics.campaigns().name() + "; 'clipstream campaign list' shows the ids");
        }
        Campaign closed = Campaign.newBuilder(current).setStatus(CampaignStatus.CLOSED).build();
        publish(List.of(closed));
        return closed;
    }

    private <V> void readAll(TopicSpec<String, V> topic, BiConsumer<String, V> onRecord) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "clipstream-campaign-cli-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic.name() + " does not exist at " + bootstrapServers);
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + topic.name() + " did not reach its end within "
                            + TIMEOUT.toSeconds() + " s");
                }
                try {
                    for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                        onRecord.accept(record.key(), record.value());
                    }
                } catch (RecordDeserializationException e) {
                    // A poison pill on the topic (the services dead-letter it) must not hide the records after it.
                    LOG.warn("Skipped undecodable record {}@{}: {}", e.topicPartition(), e.offset(),
                            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
