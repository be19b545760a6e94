package dev.clipstream.ingest.validation;

/** One problem with one metadata field, e.g. {@code captureStart: missing}. */
public record FieldProblem(String field, String problem) {
}
