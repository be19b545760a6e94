package dev.clipstream.devstack.process;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Facts about the running JVM that a child JVM launch needs. */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * This JVM's class path with every entry made absolute. Under surefire it is a manifest-only booter jar and
     * under {@code java -jar} the application jar; in both cases the JVM follows the jar's manifest Class-Path,
     * so the child sees the same classes.
     */
    public static String currentClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
