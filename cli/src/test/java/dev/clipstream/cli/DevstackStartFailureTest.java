package dev.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A devstack that cannot start (no Apicurio install here) fails before launching anything, with exit 1. */
class DevstackStartFailureTest {

    private static final String APICURIO_HOME = "clipstream.apicurio.home";
    private static final String MISSING_HOME = "/nonexistent/apicurio-registry";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String savedHome;

    @BeforeEach
    void pointAtMissingApicurio() {
        savedHome = System.getProperty(APICURIO_HOME);
        System.setProperty(APICURIO_HOME, MISSING_HOME);
    }

    @AfterEach
    void restore() {
        if (savedHome == null) {
            System.clearProperty(APICURIO_HOME);
        } else {
            System.setProperty(APICURIO_HOME, savedHome);
        }
    }

    @Test
    void failedStartIsOneClearLineAndExit1WithoutStackTrace() {
        int exitCode = run("devstack");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .contains("Error: The devstack failed to start: Apicurio Registry home " + MISSING_HOME)
                .contains("(run with --verbose for the stack trace)")
                .doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTrace() {
        int exitCode = run("devstack", "--verbose");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .contains("Error: The devstack failed to start")
                .contains("dev.clipstream.cli.CommandFailedException")
                .contains("Caused by: dev.clipstream.devstack.DevStackException")
                .contains("\tat ");
    }

    private int run(String... args) {
        return CommandRunner.execute(out, err, args);
    }
}
