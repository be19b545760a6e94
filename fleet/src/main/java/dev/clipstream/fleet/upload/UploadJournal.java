package dev.clipstream.fleet.upload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only record of what happened to each clip, so a restarted uploader neither loses nor duplicates clips.
 * One line per state change: {@code <STATE> <clipId> <vehicleId>}; the last line of a clip wins.
 *
 * <ul>
 *   <li>{@code IN_FLIGHT} is written before the bytes go out, without fsync: losing it only means the clip is sent
 *       again after a crash, which ingest answers with 200 already-accepted (same clip id, same digest).</li>
 *   <li>{@code ACCEPTED} and {@code FAILED} are fsynced before the call returns: an accepted clip is never sent
 *       again by a resumed run.</li>
 * </ul>
 * A torn last line (the process died mid-write) is ignored. FAILED clips are tried again by a resumed run.
 */
public final class UploadJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadJournal.class);

    public enum State { IN_FLIGHT, ACCEPTED, FAILED }

    private final Path file;
    private final FileChannel channel;
    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    private UploadJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if absent) the journal and reads the states it already holds. */
    public static UploadJournal open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        UploadJournal journal = new UploadJournal(absolute, FileChannel.open(absolute, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        journal.load();
        return journal;
    }

    private void load() throws IOException {
        int ignored = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!apply(line)) {
                    ignored++;
                }
            }
        }
        if (ignored > 0) {
            LOG.warn("Journal {}: ignored {} unreadable line(s), e.g. one torn by a crash", file, ignored);
        }
        // A torn last line has no newline: start the next record on a line of its own.
        if (channel.size() > 0 && lastByte() != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    private int lastByte() throws IOException {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.read(last, reader.size() - 1);
            return last.get(0);
        }
    }

    private boolean apply(String line) {
        String[] parts = line.strip().split(" ");
        if (line.isBlank() || line.startsWith("#")) {
            return true;
        }
        if (parts.length != 3) {
            return false;
        }
        try {
            states.put(UUID.fromString(parts[1]), State.valueOf(parts[0]));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    public Optional<State> state(UUID clipId) {
        return Optional.ofNullable(states.get(clipId));
    }

    public void inFlight(UUID clipId, String vehicleId) {
        append(State.IN_FLIGHT, clipId, vehicleId, false);
    }

    public void accepted(UUID clipId, String vehicleId) {
        append(State.ACCEPTED, clipId, vehicleId, true);
    }

    public void failed(UUID clipId, String vehicleId) {
        append(State.FAILED, clipId, vehicleId, true);
    }

    /** How many clips are in each state now. */
    public Map<State, Long> counts() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0L);
        }
        states.values().forEach(state -> counts.merge(state, 1L, Long::sum));
        return counts;
    }

    private void append(State state, UUID clipId, String vehicleId, boolean durable) {
        byte[] line = (state + " " + clipId + " " + vehicleId + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (this) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                states.put(clipId, state);
            }
            // Outside the lock: concurrent callers' fsyncs overlap, and the OS commits their lines together.
            if (durable) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the upload journal " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
