package dev.clipstream.lag.compute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the unconsumed records a lag figure depends on: the first data record at or after a committed offset (its
 * timestamp is the time lag; its offset skips transaction markers and aborted records) and, on unit-bearing topics,
 * up to {@code maxScan} records to sum their pipeline units.
 *
 * <p>Uses one consumer with no group id, {@code assign()} only and read_committed: it never joins, rebalances or
 * commits for the groups it watches. What it read is cached per (group, partition) as a covered offset range, so a
 * repeated evaluation reads only records that arrived since (nothing at all for a stalled or caught-up group).
 * Not thread-safe: one evaluation thread owns it.
 */
public final class RecordProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordProbe.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int TIMESTAMPS_KEPT = 32;

    /** What to read: the group's unconsumed range [from, end) of one partition. */
    public record Request(String group, TopicPartition partition, long from, long end) {
    }

    /**
     * @param firstDataOffset offset of the oldest unconsumed data record, null when none was found
     * @param firstTimestamp  its timestamp (epoch ms), null when none
     * @param noDataRecords   true when [from, end) holds no data record at all (only markers / aborted records)
     * @param exactRecords    exact count of data records in [from, end) when all of them were read, else null
     * @param units           summed units of the records read (unit-bearing topics only), else null
     * @param scanned         how many records the units sum covers
     * @param complete        false when the probe ran out of time before it had what it needed
     */
    public record Result(Long firstDataOffset, Long firstTimestamp, boolean noDataRecords, Long exactRecords,
                         UnitSum units, int scanned, boolean complete) {
    }

    /** Units of the scanned records, and how many of them could not be decoded. */
    public record UnitSum(long clips, double videoSeconds, long videoBytes, long undecodable) {
    }

    private record Key(String group, TopicPartition partition) {
    }

    private record Probed(long timestamp, UnitValues units, boolean undecodable) {
    }

    /** The covered range [lo, hi): every data record in it at offset >= lo is in records (up to the limit). */
    private static final class Window {
        long lo;
        long hi;
        final TreeMap<Long, Probed> records = new TreeMap<>();

        Window(long from) {
            lo = from;
            hi = from;
        }
    }

    private final String bootstrapServers;
    private final Map<String, Object> consumerOverrides;
    private final PipelineUnits units;
    private final int maxScan;
    private final Duration timeout;
    private final Map<Key, Window> windows = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private long recordsRead;

    /**
     * @param maxScan   records decoded per group and partition on unit-bearing topics; beyond it units are
     *                  extrapolated and flagged as an estimate
     * @param timeout   how long one probe call may read before it reports what it has
     */
    public RecordProbe(String bootstrapServers, Map<String, Object> consumerOverrides, PipelineUnits units,
                       int maxScan, Duration timeout) {
        if (maxScan < 1) {
            throw new IllegalArgumentException("max records scanned must be >= 1, was " + maxScan);
        }
        this.bootstrapServers = bootstrapServers;
        this.consumerOverrides = Map.copyOf(consumerOverrides);
        this.units = units;
        this.maxScan = maxScan;
        this.timeout = timeout;
    }

    /** Records fetched from Kafka since creation (a measure of how well the cache works). */
    public long recordsRead() {
        return recordsRead;
    }

    public Map<Request, Result> probe(Collection<Request> requests) {
        Map<Request, Result> results = new HashMap<>();
        List<Request> pending = new ArrayList<>();
        for (Request request : requests) {
            Window window = prepare(request);
            if (satisfied(window, request)) {
                results.put(request, result(window, request, true));
            } else {
                pending.add(request);
            }
        }
        if (!pending.isEmpty()) {
            read(pending, System.nanoTime() + timeout.toNanos());
            for (Request request : pending) {
                Window window = windows.get(new Key(request.group(), request.partition()));
                results.put(request, result(window, request, satisfied(window, request)));
            }
        }
        return results;
    }

    /** Forgets every cached window not in {@code used} (partitions or groups no longer watched). */
    public void retain(Collection<Request> used) {
        Set<Key> keep = new HashSet<>();
        used.forEach(r -> keep.add(new Key(r.group(), r.partition())));
        windows.keySet().retainAll(keep);
        Set<TopicPartition> partitions = new HashSet<>();
        keep.forEach(k -> partitions.add(k.partition()));
        dropAssignment(partitions);
    }

    /** Records a request needs: all of them up to maxScan for units, else just the first (its timestamp). */
    private int limitFor(TopicPartition tp) {
        return units.decoderFor(tp.topic()).isPresent() ? maxScan : 1;
    }

    /** Records worth keeping from a fetch: a few beyond the first, so a group that moves on a little is still a hit. */
    private int keepFor(TopicPartition tp) {
        return units.decoderFor(tp.topic()).isPresent() ? maxScan : TIMESTAMPS_KEPT;
    }

    private Window prepare(Request request) {
        Key key = new Key(request.group(), request.partition());
        Window window = windows.get(key);
        if (window == null || request.from() < window.lo || request.from() > window.hi) {
            window = new Window(request.from());
            windows.put(key, window);
        } else if (request.from() > window.lo) {
            // The group moved on: what it consumed is no longer needed.
            window.records.headMap(request.from(), false).clear();
            window.lo = request.from();
        }
        return window;
    }

    private boolean satisfied(Window window, Request request) {
        return window.hi >= request.end() || window.records.size() >= limitFor(request.partition());
    }


    /**
     * Reads for every pending request until each has what it needs or the deadline passes. One assignment for the
     * whole call (kept between calls, so the consumer keeps its metadata and fetch sessions). Several groups on one
     * partition share one read: the partition is read from the lowest offset any of them needs, and every record
     * also feeds the other groups whose covered range the stream has reached without a gap; a seek happens only
     * when the next group needs offsets behind or far ahead of the stream.
     */
    private void read(List<Request> pending, long deadline) {
        KafkaConsumer<byte[], byte[]> c = consumer();
        Map<TopicPartition, Stream> streams = new HashMap<>();
        pending.forEach(r -> streams.computeIfAbsent(r.partition(), tp -> new Stream()).waiting.add(r));
        if (!c.assignment().containsAll(streams.keySet())) {
            Set<TopicPartition> assignment = new HashSet<>(c.assignment());
            assignment.addAll(streams.keySet());
            c.assign(assignment);
        }
        c.pause(c.assignment());
        streams.forEach((tp, stream) -> {
            stream.waiting.sort(java.util.Comparator.comparingLong(r -> window(r).hi));
            stream.seekTo(c, tp, window(stream.waiting.get(0)).hi);
        });
        long started = System.nanoTime();
        int polls = 0;
        while (!streams.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> batch = c.poll(POLL);
            polls++;
            recordsRead += batch.count();
            for (TopicPartition tp : new ArrayList<>(streams.keySet())) {
                Stream stream = streams.get(tp);
                long position = c.position(tp);
                List<ConsumerRecord<byte[], byte[]>> records = batch.records(tp);
                stream.waiting.removeIf(request -> {
                    Window window = window(request);
                    if (window.hi < stream.readFrom || window.hi > position) {
                        return false;
                    }
                    // The stream covers [readFrom, position) without a gap and this window ends inside it.
                    boolean done = absorb(window, request, records);
                    if (!done) {
                        window.hi = Math.max(window.hi, Math.min(position, request.end()));
                        done = satisfied(window, request);
                    }
                    return done;
                });
                if (stream.waiting.isEmpty()) {
                    streams.remove(tp);
                    c.pause(List.of(tp));
                } else {
                    long next = window(stream.waiting.get(0)).hi;
                    if (next < stream.readFrom || next > position) {
                        stream.seekTo(c, tp, next);
                    }
                }
            }
        }
        c.pause(c.assignment());
        LOG.debug("Probe read {} group-partitions in {} polls, {} ms; {} partitions unfinished", pending.size(),
                polls, (System.nanoTime() - started) / 1_000_000, streams.size());
    }

    /** The groups still waiting on one partition (lowest covered offset first) and where the current read began. */
    private static final class Stream {
        final List<Request> waiting = new ArrayList<>();
        long readFrom;

        void seekTo(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long offset) {
            c.seek(tp, offset);
            c.resume(List.of(tp));
            readFrom = offset;
        }
    }

    private Window window(Request request) {
        return windows.get(new Key(request.group(), request.partition()));
    }

    /** Unassigns partitions no longer probed, so the consumer does not keep metadata for deleted topics. */
    private void dropAssignment(Set<TopicPartition> keep) {
        if (consumer != null && !keep.containsAll(consumer.assignment())) {
            Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
            assignment.retainAll(keep);
            consumer.assign(assignment);
        }
    }

    /** Adds the batch's records to the window; true when the window now has what the request needs. */
    private boolean absorb(Window window, Request request, List<ConsumerRecord<byte[], byte[]>> records) {
        int keep = keepFor(request.partition());
        Optional<PipelineUnits.Decoder> decoder = units.decoderFor(request.partition().topic());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < window.hi) {
                continue;
            }
            if (record.offset() >= request.end()) {
                window.hi = request.end();
                return true;
            }
            UnitValues values = decoder.flatMap(d -> d.decode(record.topic(), record.value())).orElse(null);
            window.records.put(record.offset(), new Probed(record.timestamp(), values,
                    decoder.isPresent() && values == null));
            window.hi = record.offset() + 1;
            if (window.records.size() >= keep) {
                return true;
            }
        }
        return window.hi >= request.end();
    }

    private Result result(Window window, Request request, boolean complete) {
        var unconsumed = window.records.subMap(request.from(), true, request.end(), false);
        boolean coveredToEnd = window.hi >= request.end();
        Long firstOffset = unconsumed.isEmpty() ? null : unconsumed.firstKey();
        Long firstTimestamp = unconsumed.isEmpty() ? null : unconsumed.firstEntry().getValue().timestamp();
        boolean noData = unconsumed.isEmpty() && coveredToEnd;
        Long exact = coveredToEnd ? (long) unconsumed.size() : null;
        UnitSum sum = null;
        if (units.decoderFor(request.partition().topic()).isPresent()) {
            long clips = 0;
            double seconds = 0;
            long bytes = 0;
            long undecodable = 0;
            for (Probed p : unconsumed.values()) {
                if (p.undecodable()) {
                    undecodable++;
                } else if (p.units() != null) {
                    clips += p.units().clips();
                    seconds += p.units().videoSeconds();
                    bytes += p.units().videoBytes();
                }
            }
            sum = new UnitSum(clips, seconds, bytes, undecodable);
        }
        return new Result(firstOffset, firstTimestamp, noData, exact, sum, unconsumed.size(), complete);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "clipstream-lag-probe");
            // No group.id: assign() only, never a member of the groups it measures, never commits.
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(256 * 1024));
            props.putAll(consumerOverrides);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            LOG.debug("Record probe consumer created for {}", bootstrapServers);
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
        windows.clear();
    }
}
