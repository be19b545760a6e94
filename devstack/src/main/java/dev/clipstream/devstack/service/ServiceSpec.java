package dev.clipstream.devstack.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ServiceProcess} launches: {@code java <jvmOptions> -cp <this JVM's class path> <mainClass> <args>}
 * with {@code environment} added, in {@code dir}.
 *
 * @param name            short name for logs and the log file, e.g. "labeling"
 * @param mainClass       e.g. the clipstream CLI's main class
 * @param args            e.g. {@code ["labeling", "--config", "/tmp/x/labeling.properties"]}
 * @param environment     added to this JVM's environment (e.g. CLIPSTREAM_* overrides)
 * @param jvmOptions      e.g. {@code ["-Xmx256m"]}
 * @param dir             working dir and log dir of the child; kept across kill and restart
 * @param readyUri        answered with 200 once the service is ready (its /readyz); null = do not wait
 * @param readyTimeout    how long {@link ServiceProcess#start} and {@link ServiceProcess#restart} wait
 * @param deleteDirOnClose whether {@link ServiceProcess#close()} deletes {@code dir}
 */
public record ServiceSpec(String name, String mainClass, List<String> args, Map<String, String> environment,
                          List<String> jvmOptions, Path dir, URI readyUri, Duration readyTimeout,
                          boolean deleteDirOnClose) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        jvmOptions = List.copyOf(jvmOptions);
        dir = dir.toAbsolutePath();
        Objects.requireNonNull(readyTimeout, "readyTimeout");
    }

    /** A service with no extra environment, a 256 MB heap, a 90 s readiness wait, its dir deleted on close. */
    public static ServiceSpec of(String name, String mainClass, List<String> args, Path dir, URI readyUri) {
        return new ServiceSpec(name, mainClass, args, Map.of(), List.of("-Xmx256m"), dir, readyUri,
                Duration.ofSeconds(90), true);
    }

    public ServiceSpec withEnvironment(Map<String, String> value) {
        return new ServiceSpec(name, mainClass, args, value, jvmOptions, dir, readyUri, readyTimeout, deleteDirOnClose);
    }

    public ServiceSpec withJvmOptions(List<String> value) {
        return new ServiceSpec(name, mainClass, args, environment, value, dir, readyUri, readyTimeout, deleteDirOnClose);
    }

    public ServiceSpec withReadyTimeout(Duration value) {
        return new ServiceSpec(name, mainClass, args, environment, jvmOptions, dir, readyUri, value, deleteDirOnClose);
    }

    public ServiceSpec keepingDirOnClose() {
        return new ServiceSpec(name, mainClass, args, environment, jvmOptions, dir, readyUri, readyTimeout, false);
    }
}
