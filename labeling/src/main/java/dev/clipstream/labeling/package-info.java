/**
 * Labeling: Kafka Streams applications that filter uploaded clips (quality, duplicates, privacy,
 * campaigns), label them and group them into training batches, exactly once.
 *
 * <p>Not built yet (skeleton only).
 */
package dev.clipstream.labeling;
