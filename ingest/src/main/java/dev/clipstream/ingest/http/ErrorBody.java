package dev.clipstream.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clipstream.ingest.validation.FieldProblem;
import java.util.List;

/** The JSON body of every error: {"error","message","fields"?}; "fields" only for metadata problems. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String message, List<FieldProblem> fields) {
}
