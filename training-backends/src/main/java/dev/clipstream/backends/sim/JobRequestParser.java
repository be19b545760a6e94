package dev.clipstream.backends.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.Priority;
import dev.clipstream.backends.sim.JobRequestValidation.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Reads a POST /v1/jobs body field by field, so a bad request is answered with every field that is wrong. */
final class JobRequestParser {

    /** The request, or the problems that prevent one. */
    record Parsed(JobRequest request, List<FieldProblem> problems) {
    }

    private final ObjectMapper json;

    JobRequestParser(ObjectMapper json) {
        this.json = json;
    }

    Parsed parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return failed(new FieldProblem("(body)", "not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return failed(new FieldProblem("(body)", "must be a JSON object with batchId, campaignId, clipCount,"
                    + " videoSeconds, framesPerSecond and priority"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        String batchId = text(root, "batchId", true, problems);
        String campaignId = text(root, "campaignId", false, problems);
        long clipCount = integer(root, "clipCount", problems);
        double videoSeconds = number(root, "videoSeconds", problems);
        double framesPerSecond = number(root, "framesPerSecond", problems);
        Priority priority = priority(root, problems);
        JobRequest request = new JobRequest(batchId, campaignId, clipCount, videoSeconds, framesPerSecond, priority);
        // Value rules for the fields that parsed, so one answer names every field at fault.
        for (FieldProblem problem : JobRequestValidation.problems(request)) {
            if (problems.stream().noneMatch(known -> known.field().equals(problem.field()))) {
                problems.add(problem);
            }
        }
        return problems.isEmpty() ? new Parsed(request, List.of()) : new Parsed(null, problems);
    }

    private static Parsed failed(FieldProblem problem) {
        return new Parsed(null, List.of(problem));
    }

    private static String text(JsonNode root, String field, boolean required, List<FieldProblem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new FieldProblem(field, "missing"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        return node.asText();
    }

    private static long integer(JsonNode root, String field, List<FieldProblem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(field, "missing"));
        } else if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problems.add(new FieldProblem(field, "must be a whole number"));
        } else {
            return node.asLong();
        }
        return 0;
    }

    private static double number(JsonNode root, String field, List<FieldProblem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(field, "missing"));
        } else if (!node.isNumber()) {
            problems.add(new FieldProblem(field, "must be a number"));
        } else {
            return node.asDouble();
        }
        return 0;
    }

    private static Priority priority(JsonNode root, List<FieldProblem> problems) {
        JsonNode node = root.get("priority");
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem("priority", "missing (LIVE or REPLAY)"));
            return null;
        }
        try {
            return Priority.valueOf(node.asText());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("priority", "must be LIVE or REPLAY, was '" + node.asText() + "'"));
            return null;
        }
    }
}
