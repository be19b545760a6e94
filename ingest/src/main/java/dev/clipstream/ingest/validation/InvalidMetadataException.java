package dev.clipstream.ingest.validation;

import java.util.List;

/** The Clip-Metadata header is unusable; {@link #problems()} names each bad field (empty when not even JSON). */
public class InvalidMetadataException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidMetadataException(String message, List<FieldProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
