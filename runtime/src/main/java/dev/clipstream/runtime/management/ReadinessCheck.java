package dev.clipstream.runtime.management;

/**
 * One named condition /readyz requires, e.g. "kafka" reachable. A check that throws or exceeds
 * {@link ManagementSettings#readinessTimeout()} counts as not ready, with the exception as the reason.
 */
@FunctionalInterface
public interface ReadinessCheck {

    Result check() throws Exception;

    /** @param reason why the check failed; empty when it passed */
    record Result(boolean passed, String reason) {

        public static Result ok() {
            return new Result(true, "");
        }

        public static Result failed(String reason) {
            return new Result(false, reason);
        }
    }
}
