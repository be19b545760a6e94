package dev.clipstream.runtime.config;

import java.util.List;
import java.util.Locale;

/** Decides which values never reach a log: declared secrets and anything whose name says it is one. */
public final class SecretMasking {

    public static final String MASK = "******";

    private static final List<String> SECRET_NAME_PARTS =
            List.of("password", "secret", "token", "credentials", "sasl.jaas.config");

    private SecretMasking() {
    }

    public static boolean looksSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_NAME_PARTS.stream().anyMatch(lower::contains);
    }

    static String display(String key, boolean declaredSecret, String value) {
        return declaredSecret || looksSecret(key) ? MASK : value;
    }
}
