package dev.clipstream.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** The Kafka backends a test JVM can use, and the rule that picks one from {@value #PROPERTY}. */
public enum KafkaBackendKind {
    DEVSTACK("devstack"),
    TESTCONTAINERS("testcontainers");

    /** System property that forces a backend: auto (default), devstack or testcontainers. */
    public static final String PROPERTY = "kafka.backend";
    public static final String AUTO = "auto";

    private final String label;

    KafkaBackendKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * {@code auto} (or unset) means Testcontainers when a Docker engine answers, else the devstack. Docker is
     * asked only in that case, because asking takes time.
     */
    public static KafkaBackendKind choose(String requested, BooleanSupplier dockerAvailable) {
        String value = requested == null ? AUTO : requested.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(AUTO)) {
            return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : DEVSTACK;
        }
        return Arrays.stream(values())
                .filter(kind -> kind.label.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown -D" + PROPERTY + "=" + requested
                        + "; use one of: " + AUTO + ", " + Arrays.stream(values()).map(KafkaBackendKind::label)
                        .collect(Collectors.joining(", "))));
    }
}
