package dev.clipstream.fleet.upload;

import java.util.Optional;

/** The clips of a run, handed out one at a time to the worker threads. Implementations are thread-safe. */
@FunctionalInterface
public interface ClipSource {

    /** The next clip, or empty when there are no more (count reached, time up, files done). */
    Optional<ClipTask> next();
}
