package dev.clipstream.runtime.config;

import java.util.List;

/** The configuration cannot be used: an unknown key, a value of the wrong type, a missing required key, ... */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, one sentence each, so callers can print or assert them one by one. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration: " + problems.get(0);
        }
        StringBuilder message = new StringBuilder("Invalid configuration (" + problems.size() + " problems):");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
