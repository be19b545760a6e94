package dev.clipstream.devstack.service;

import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    @TempDir
    Path tmp;

    private ServiceSpec spec(int port) {
        return ServiceSpec.of("ready-server", ReadyServerMain.class.getName(), List.of(Integer.toString(port)),
                        tmp.resolve("svc"), URI.create("http://127.0.0.1:" + port + "/readyz"))
                .withJvmOptions(List.of("-Xmx32m"))
                .withEnvironment(Map.of("SERVICE_TEST_MARK", "mark-42"));
    }

    @Test
    void startsKillsRestartsAndCleansUp() throws Exception {
        int port = FreePorts.pick();
        Path dir;
        try (ServiceProcess service = ServiceProcess.start(spec(port))) {
            dir = service.spec().dir();
            long firstPid = service.pid();
            assertThat(service.isAlive()).isTrue();
            assertThat(service.stats().residentBytes()).isPositive();
            assertThat(Files.readString(service.logFile())).contains("env mark-42");

            service.kill();
            assertThat(service.isAlive()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(dir).isDirectory();

            service.restart();
            assertThat(service.isAlive()).isTrue();
            assertThat(service.pid()).isNotEqualTo(firstPid);
            assertThat(service.logFile().getFileName().toString()).isEqualTo("ready-server-2.log");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void restartWhileRunningIsRefused() {
        try (ServiceProcess service = ServiceProcess.start(spec(FreePorts.pick()))) {
            assertThatThrownBy(service::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
        }
    }

    @Test
    void aServiceThatNeverGetsReadyFailsWithItsLogAndLeavesNothing() {
        int port = FreePorts.pick();
        ServiceSpec neverReady = ServiceSpec.of("not-ready", ReadyServerMain.class.getName(),
                        List.of(Integer.toString(port)), tmp.resolve("nr"),
                        URI.create("http://127.0.0.1:" + port + "/nowhere"))
                .withJvmOptions(List.of("-Xmx32m"))
                .withReadyTimeout(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ServiceProcess.start(neverReady))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("was not ready")
                .hasMessageContaining("ready-server listening on " + port);
        assertThat(tmp.resolve("nr")).doesNotExist();
    }
}
