package dev.clipstream.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureBrokerFilesTest {

    private final KafkaSecurity security = new KafkaSecurity("adminPw1", Map.of("clipstream-ingest", "ingestPw1"));

    @Test
    void securedBrokerDeniesByDefaultAndOnlyAdminIsSuperUser() {
        Properties plain = BrokerFiles.serverProperties("127.0.0.1", 9092, 9093, Path.of("/data"));

        Properties secure = BrokerFiles.secure(plain, "127.0.0.1", 9092, 9093, security);

        assertThat(secure.getProperty("listeners"))
                .isEqualTo("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(secure.getProperty("listener.security.protocol.map")).doesNotContain(":PLAINTEXT");
        assertThat(secure.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(secure.getProperty("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(secure.getProperty("super.users")).isEqualTo("User:admin");
        assertThat(secure.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(secure.getProperty("listener.name.controller.plain.sasl.jaas.config"))
                .contains("user_admin=\"adminPw1\"").doesNotContain("ingestPw1");
        assertThat(plain.getProperty("listeners")).startsWith("PLAINTEXT://");
    }

    @Test
    void formatArgsCarryOnlyTheAdminCredential(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(BrokerFiles.FORMAT_ARGS_FILE);

        BrokerFiles.writeFormatArgs(security, file);

        assertThat(Files.readAllLines(file)).containsExactly("--add-scram",
                "SCRAM-SHA-512=[name=admin,password=adminPw1,iterations=4096]");
    }

    @Test
    void passwordsThatTheFormatSyntaxCannotCarryAreRefusedAndNeverPrinted() {
        assertThatThrownBy(() -> new KafkaSecurity("a,b", Map.of())).hasMessageContaining("commas");
        assertThatThrownBy(() -> new KafkaSecurity("ok", Map.of("admin", "x"))).hasMessageContaining("super user");
        assertThat(KafkaSecurity.generated(List.of("u1")).toString()).doesNotContain("password=").contains("u1");
        assertThat(KafkaSecurity.generated(List.of("u1")).passwordOf("u1")).hasSize(24);
    }

    @Test
    void clientConfigEscapesTheJaasValues() {
        assertThat(KafkaSecurity.clientConfig("u", "p\"q").get("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
                        + "password=\"p\\\"q\";");
    }
}
