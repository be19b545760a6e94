/**
 * Labeling: a Kafka Streams application that filters uploaded clips (plausibility, privacy, duplicates,
 * campaigns), labels them and groups them into training batches per campaign, exactly once. The topology is
 * {@link dev.clipstream.labeling.topology.LabelingTopology}; docs/labeling.md describes it for users.
 */
package dev.clipstream.labeling;
