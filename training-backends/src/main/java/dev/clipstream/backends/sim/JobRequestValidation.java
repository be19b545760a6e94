package dev.clipstream.backends.sim;

import dev.clipstream.backends.api.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The value rules of a job request, shared by the HTTP layer (which reports all) and the simulator. */
public final class JobRequestValidation {

    static final int MAX_ID_LENGTH = 200;
    static final double MAX_FRAMES_PER_SECOND = 1000;

    /** One field and what is wrong with it. */
    public record FieldProblem(String field, String problem) {
    }

    private JobRequestValidation() {
    }

    public static List<FieldProblem> problems(JobRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.batchId() == null || request.batchId().isBlank()) {
            problems.add(new FieldProblem("batchId", "missing"));
        } else if (request.batchId().length() > MAX_ID_LENGTH) {
            problems.add(new FieldProblem("batchId", "longer than " + MAX_ID_LENGTH + " characters"));
        }
        if (request.campaignId() != null && request.campaignId().length() > MAX_ID_LENGTH) {
            problems.add(new FieldProblem("campaignId", "longer than " + MAX_ID_LENGTH + " characters"));
        }
        if (request.clipCount() < 1) {
            problems.add(new FieldProblem("clipCount", "must be at least 1, was " + request.clipCount()));
        }
        if (!(request.videoSeconds() > 0) || Double.isInfinite(request.videoSeconds())) {
            problems.add(new FieldProblem("videoSeconds", "must be a positive number, was " + request.videoSeconds()));
        }
        if (!(request.framesPerSecond() > 0) || request.framesPerSecond() > MAX_FRAMES_PER_SECOND) {
            problems.add(new FieldProblem("framesPerSecond", "must be in (0, " + (int) MAX_FRAMES_PER_SECOND
                    + "], was " + request.framesPerSecond()));
        }
        if (request.priority() == null) {
            problems.add(new FieldProblem("priority", "missing (LIVE or REPLAY)"));
        }
        return problems;
    }

    public static Optional<FieldProblem> validate(JobRequest request) {
        return problems(request).stream().findFirst();
    }
}
