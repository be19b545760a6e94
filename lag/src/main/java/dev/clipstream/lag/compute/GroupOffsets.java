package dev.clipstream.lag.compute;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the group coordinator says about one group.
 *
 * @param type      CLASSIC, CONSUMER, STREAMS or UNKNOWN (group not found)
 * @param state     coordinator state, NOT_FOUND when the group does not exist
 * @param owners    partition -> "clientId@host" of the member it is assigned to
 * @param committed partition -> committed offset (only partitions with a commit)
 * @param error     why the group could not be read, else null
 */
public record GroupOffsets(String group, String type, String state, int members, Map<TopicPartition, String> owners,
                           Map<TopicPartition, Long> committed, String error) {

    public GroupOffsets {
        owners = Map.copyOf(owners);
        committed = Map.copyOf(committed);
    }
}
