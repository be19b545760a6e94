package dev.clipstream.schemas.topic;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.common.config.TopicConfig;

/** Renders topic specs as the README's Markdown topics table. */
final class TopicTableRenderer {

    private TopicTableRenderer() {
    }

    static String markdown(Collection<TopicSpec<?, ?>> topics) {
        StringBuilder table = new StringBuilder();
        table.append("| name | key | value | partitions | retention/compaction | producer | consumers |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        for (TopicSpec<?, ?> topic : topics) {
            table.append("| `").append(topic.name()).append("` | ")
                    .append(typeName(topic.keyType())).append(" | ")
                    .append(typeName(topic.valueType())).append(" | ")
                    .append(topic.partitions()).append(" | ")
                    .append(retention(topic)).append(" | ")
                    .append(escape(topic.producer())).append(" | ")
                    .append(escape(String.join(", ", topic.consumers()))).append(" |\n");
        }
        return table.toString();
    }

    static String retention(TopicSpec<?, ?> topic) {
        if (topic.compacted()) {
            return "compacted";
        }
        String retentionMs = topic.configs().get(TopicConfig.RETENTION_MS_CONFIG);
        if (retentionMs == null) {
            return "broker default";
        }
        long millis = Long.parseLong(retentionMs);
        if (millis < 0) {
            return "forever";
        }
        Duration retention = Duration.ofMillis(millis);
        return retention.toHours() % 24 == 0 && retention.toDays() > 0
                ? retention.toDays() + " d"
                : retention.toHours() + " h";
    }

    private static String typeName(Class<?> type) {
        return type == byte[].class ? "bytes" : type.getSimpleName();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
