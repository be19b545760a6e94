package dev.clipstream.runtime.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds the known key an unknown key was most likely meant to be ("did you mean ...?"). */
final class KeySuggestions {

    private KeySuggestions() {
    }

    static Optional<String> closest(String unknown, ConfigDefinition definition) {
        List<String> candidates = new ArrayList<>();
        definition.keys().forEach(key -> candidates.add(key.name()));
        // A typo in a pass-through prefix ("kafka.produce.acks") should point at the prefix with the same tail.
        for (String prefix : definition.passThroughPrefixes()) {
            // A misspelt client key under a checked prefix ("kafka.producer.linger.msx") points at the known key.
            definition.passThroughNames(prefix).forEach(name -> candidates.add(prefix + name));
            int segments = prefix.split("\\.").length;
            String[] parts = unknown.split("\\.", segments + 1);
            if (parts.length == segments + 1) {
                candidates.add(prefix + parts[segments]);
            }
        }
        int tolerance = Math.max(2, unknown.length() / 4);
        return candidates.stream()
                .filter(candidate -> !candidate.equals(unknown))
                .map(candidate -> new Scored(candidate, distance(unknown, candidate)))
                .filter(scored -> scored.distance() <= tolerance)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    private record Scored(String candidate, int distance) {
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
