/**
 * Ingest: the HTTP front door where fleet uploaders push camera clips.
 *
 * <p>Not built yet (skeleton only). Planned: a versioned upload API that streams video bytes to a
 * content-addressed blob store (claim check, key = SHA-256) and, once the blob is durable, publishes a
 * {@code ClipUploaded} event keyed by vehicle id from an idempotent producer.
 */
package dev.clipstream.ingest;
