package dev.clipstream.devstack.registry;

import dev.clipstream.devstack.DevStackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the unpacked Apicurio Registry server: system property {@value #PROPERTY}, else environment variable
 * {@value #ENV}, else {@value #BUILD_DIR} in the working directory or one of its parents.
 */
public final class ApicurioHome {

    public static final String PROPERTY = "clipstream.apicurio.home";
    public static final String ENV = "CLIPSTREAM_APICURIO_HOME";
    public static final String BUILD_DIR = "devstack/target/apicurio-registry";

    private static final String HOW_TO_FIX = "build it with `./mvnw -B -q package -DskipTests` in the Clipstream "
            + "checkout, or point -D" + PROPERTY + " / " + ENV + " at an unpacked Apicurio Registry 3.0.9";

    private final Path dir;
    private final Path runnerJar;

    private ApicurioHome(Path dir, Path runnerJar) {
        this.dir = dir;
        this.runnerJar = runnerJar;
    }

    public static ApicurioHome locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of("").toAbsolutePath());
    }

    static ApicurioHome locate(String property, String env, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return at(Path.of(property), "system property " + PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return at(Path.of(env), "environment variable " + ENV);
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BUILD_DIR);
            if (Files.isDirectory(candidate)) {
                return at(candidate, "search upwards from " + workingDir);
            }
        }
        throw new DevStackException("Apicurio Registry not found: no " + PROPERTY + " system property, no " + ENV
                + " environment variable, and no " + BUILD_DIR + " in " + workingDir + " or its parents; " + HOW_TO_FIX);
    }

    /** A home given explicitly, e.g. by a test. */
    public static ApicurioHome at(Path dir, String source) {
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            throw new DevStackException("Apicurio Registry home " + absolute + " (from " + source
                    + ") does not exist or is not a directory; " + HOW_TO_FIX);
        }
        return new ApicurioHome(absolute, findRunnerJar(absolute).orElseThrow(() -> new DevStackException(
                "Apicurio Registry home " + absolute + " (from " + source
                        + ") has no apicurio-registry-app-*-runner.jar; " + HOW_TO_FIX)));
    }

    private static Optional<Path> findRunnerJar(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("apicurio-registry-app-") && name.endsWith("-runner.jar");
            }).findFirst();
        } catch (IOException e) {
            throw new DevStackException("Cannot list Apicurio Registry home " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path runnerJar() {
        return runnerJar;
    }
}
