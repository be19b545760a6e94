package dev.clipstream.backends.cli;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/** Runs a {@link BackendCommand} on a thread for tests outside its package, and stops it on close. */
public final class BackendCommandAccess implements AutoCloseable {

    private final BackendCommand command;
    private final CompletableFuture<Integer> exit;

    private BackendCommandAccess(BackendCommand command, CompletableFuture<Integer> exit) {
        this.command = command;
        this.exit = exit;
    }

    public static BackendCommandAccess start(Map<String, String> environment, String... args) {
        BackendCommand command = new BackendCommand(environment);
        CommandLine commandLine = new CommandLine(command);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
        await().atMost(Duration.ofSeconds(30)).until(() -> command.server() != null || exit.isDone());
        if (command.server() == null) {
            throw new IllegalStateException("backend command ended with " + exit.join() + " before starting");
        }
        return new BackendCommandAccess(command, exit);
    }

    public URI baseUri() {
        return command.server().baseUri();
    }

    @Override
    public void close() throws InterruptedException, ExecutionException, TimeoutException {
        command.stop();
        exit.get(30, TimeUnit.SECONDS);
    }
}
