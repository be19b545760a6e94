package dev.clipstream.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A child that dies while the stack runs is reported, with why, instead of going unnoticed. */
class UnexpectedExitIT {

    @TempDir
    Path tempDir;

    @Test
    void brokerKilledWhileRunningCompletesUnexpectedExitNamingIt() throws Exception {
        Path workDir = tempDir.resolve("stack");
        DevStack stack = DevStack.start(new DevStackOptions(0, 0, workDir));
        long registryPid = stack.registry().pid();
        try {
            assertThat(stack.unexpectedExit()).isNotDone();

            ProcessHandle.of(stack.kafka().pid()).orElseThrow().destroyForcibly();

            String message = stack.unexpectedExit().get(30, TimeUnit.SECONDS);
            assertThat(message)
                    .startsWith("Kafka broker (pid " + stack.kafka().pid() + ") exited unexpectedly with status 137")
                    .contains(workDir.resolve("kafka/broker.log").toString())
                    .contains("BrokerMain: broker started");
        } finally {
            stack.close();
        }
        assertThat(ProcessHandle.of(registryPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(workDir).doesNotExist();
    }
}
