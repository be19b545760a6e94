package dev.clipstream.replay.estimate;

/**
 * Sustained training throughput of one backend, in PFLOPS (10^15 floating-point operations per second), e.g. a
 * Dojo ExaPOD of 120 tiles at ~9 PFLOPS each: ~1,086 PFLOPS.
 */
public record BackendThroughput(String name, double pflops) {

    public BackendThroughput {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Backend name is missing");
        }
        if (!(pflops > 0) || Double.isInfinite(pflops)) {
            throw new IllegalArgumentException("Throughput of backend '" + name + "' must be a positive number of "
                    + "PFLOPS, was " + pflops);
        }
    }

    /** Parses {@code name=PFLOPS}, e.g. {@code dojo=1100}. */
    public static BackendThroughput parse(String text) {
        int equals = text == null ? -1 : text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("Backend throughput '" + text + "' is not <name>=<PFLOPS>, "
                    + "e.g. dojo=1100");
        }
        String name = text.substring(0, equals).trim();
        String number = text.substring(equals + 1).trim();
        try {
            return new BackendThroughput(name, Double.parseDouble(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Backend throughput '" + text + "': '" + number
                    + "' is not a number of PFLOPS");
        }
    }
}
