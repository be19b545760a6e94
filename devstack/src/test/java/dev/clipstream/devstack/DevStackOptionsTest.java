package dev.clipstream.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevStackOptionsTest {

    @Test
    void defaultsPickFreePortsAndATempDir() {
        assertThat(DevStackOptions.defaults()).isEqualTo(new DevStackOptions(0, 0, null));
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThatThrownBy(() -> new DevStackOptions(-1, 0, null)).hasMessageContaining("kafkaPort").hasMessageContaining("-1");
        assertThatThrownBy(() -> new DevStackOptions(0, 70000, null)).hasMessageContaining("registryPort").hasMessageContaining("70000");
    }

    @Test
    void rejectsTheSamePortForBoth() {
        assertThatThrownBy(() -> new DevStackOptions(9092, 9092, null)).hasMessageContaining("must differ");
    }
}
