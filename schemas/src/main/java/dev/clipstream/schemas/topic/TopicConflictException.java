package dev.clipstream.schemas.topic;

import java.util.List;
import java.util.stream.Collectors;

/** Existing topics conflict with the catalog; lists every conflict so one run shows everything to fix. */
public class TopicConflictException extends RuntimeException {

    private final List<TopicConflict> conflicts;

    public TopicConflictException(List<TopicConflict> conflicts) {
        super(conflicts.size() + " existing topic setting(s) conflict with the topic catalog; fix or delete the"
                + " topics, Kafka cannot change them in place:\n  "
                + conflicts.stream().map(TopicConflict::toString).collect(Collectors.joining("\n  ")));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<TopicConflict> conflicts() {
        return conflicts;
    }
}
