package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Samples this JVM under two names, one of them outside the total (as the bench client is). Linux only (/proc). */
class ComponentSamplerTest {

    @Test
    void measuresEachProcessAndLeavesTheNamedOnesOutOfTheTotal() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs /proc");
        long self = ProcessHandle.current().pid();
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("service", self);
        pids.put("client", self);

        ComponentSampler sampler = ComponentSampler.start(pids, Set.of("client"), Duration.ofMillis(20));
        long sum = 0;
        for (int i = 0; i < 3_000_000; i++) {
            sum += Long.toString(i).hashCode();
        }
        ComponentSampler.Span span = sampler.finish();

        assertThat(sum).isNotZero();
        assertThat(span.usages()).extracting(ComponentSampler.Usage::component).containsExactly("service", "client");
        ComponentSampler.Usage service = span.usages().get(0);
        assertThat(service.pid()).isEqualTo(self);
        assertThat(service.peakRssBytes()).isPositive();
        assertThat(service.cpuSeconds()).isPositive();
        assertThat(service.cores()).isPositive();
        // The same process counted once, not twice: the client is not in the total.
        assertThat(span.peakTotalRssBytes()).isPositive()
                .isLessThan(service.peakRssBytes() + span.usages().get(1).peakRssBytes());
        assertThat(span.peakTotalRssBytes()).isLessThanOrEqualTo(service.peakRssBytes());
    }
}
