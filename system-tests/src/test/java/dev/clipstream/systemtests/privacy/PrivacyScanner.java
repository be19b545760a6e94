package dev.clipstream.systemtests.privacy;

import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for personal data in every record of the given topics and in log lines. Needles: VINs (any letter case),
 * precise coordinates (their decimal text as given, and their 8-byte IEEE-754 form in both byte orders, which is
 * how Avro and most binary formats carry a double) and secrets (tokens, the fleet secret). Records are searched as
 * raw bytes (key, value, every header) and, where the topic is in the catalog, also decoded (the Avro record's
 * text form), so a value the wire format hides from a byte search would still be found.
 */
final class PrivacyScanner {

    /** One needle found somewhere. */
    record Hit(String where, String needle) {
    }

    /** What a topic scan looked at. */
    record TopicScan(List<Hit> hits, long records, int topics) {
    }

    private record Needle(String label, byte[] bytes, boolean ignoreCase) {
    }

    private final List<Needle> needles = new ArrayList<>();

    PrivacyScanner(Collection<String> vins, Collection<String> preciseCoordinates, Collection<String> secrets) {
        for (String vin : vins) {
            needles.add(new Needle("VIN " + vin, vin.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8), true));
        }
        for (String coordinate : preciseCoordinates) {
            double value = Double.parseDouble(coordinate);
            needles.add(new Needle("coordinate " + coordinate, coordinate.getBytes(StandardCharsets.UTF_8), false));
            needles.add(new Needle("coordinate " + coordinate + " (double, little-endian)",
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array(), false));
            needles.add(new Needle("coordinate " + coordinate + " (double, big-endian)",
                    ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(value).array(), false));
        }
        for (String secret : secrets) {
            needles.add(new Needle("secret " + secret.substring(0, Math.min(6, secret.length())) + "...",
                    secret.getBytes(StandardCharsets.UTF_8), false));
        }
    }

    List<Hit> scanLines(List<String> lines) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Needle needle : needles) {
                if (contains(line.getBytes(StandardCharsets.UTF_8), needle)) {
                    hits.add(new Hit("log line " + i + ": " + abbreviate(line), needle.label()));
                }
            }
        }
        return hits;
    }

    /** Reads every partition of every topic from its start to its current end. */
    TopicScan scanTopics(String bootstrapServers, TopicCatalog catalog, Collection<String> topics) {
        List<Hit> hits = new ArrayList<>();
        long records = 0;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "privacy-scan-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Also what a transaction aborted: it is on disk, so it counts.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                Optional<TopicSpec<?, ?>> spec = catalog.byName(topic);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Could not read " + topic + " to its end in 60 s");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        records++;
                        scanRecord(record, spec, hits);
                    }
                }
            }
        }
        return new TopicScan(hits, records, topics.size());
    }

    private void scanRecord(ConsumerRecord<byte[], byte[]> record, Optional<TopicSpec<?, ?>> spec, List<Hit> hits) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        scanBytes(where + " key", record.key(), hits);
        scanBytes(where + " value", record.value(), hits);
        for (Header header : record.headers()) {
            scanBytes(where + " header " + header.key(), header.value(), hits);
        }
        if (spec.isPresent() && record.value() != null) {
            String decoded;
            try {
                decoded = String.valueOf(spec.get().valueSerde().deserializer().deserialize(record.topic(),
                        record.value()));
            } catch (RuntimeException undecodable) {
                // Not this topic's type (e.g. a poison pill another test planted): the byte search covered it.
                return;
            }
            scanBytes(where + " decoded value", decoded.getBytes(StandardCharsets.UTF_8), hits);
        }
    }

    private void scanBytes(String where, byte[] bytes, List<Hit> hits) {
        if (bytes == null) {
            return;
        }
        for (Needle needle : needles) {
            if (contains(bytes, needle)) {
                hits.add(new Hit(where, needle.label()));
            }
        }
    }

    private static boolean contains(byte[] haystack, Needle needle) {
        byte[] pattern = needle.bytes();
        outer:
        for (int i = 0; i <= haystack.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                byte b = haystack[i + j];
                if (needle.ignoreCase() && b >= 'A' && b <= 'Z') {
                    b = (byte) (b + ('a' - 'A'));
                }
                if (b != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
