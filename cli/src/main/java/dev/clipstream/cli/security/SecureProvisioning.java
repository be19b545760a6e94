package dev.clipstream.cli.security;

import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.kafka.KafkaSecurity;
import dev.clipstream.schemas.acl.KafkaAcls;
import dev.clipstream.schemas.acl.ServiceRole;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** What {@code clipstream devstack --secure} adds: the ACLs of every service and a credentials file per service. */
public final class SecureProvisioning {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SecureProvisioning() {
    }

    /** One SCRAM user per {@link ServiceRole}, random passwords. */
    public static KafkaSecurity generatedSecurity() {
        return KafkaSecurity.generated(userNames());
    }

    public static List<String> userNames() {
        return Arrays.stream(ServiceRole.values()).map(ServiceRole::userName).toList();
    }

    /** Client settings of the stack's super user, or an empty map for a PLAINTEXT stack. */
    public static Map<String, Object> adminClientConfig(DevStack stack) {
        Map<String, Object> config = new HashMap<>(stack.security().map(KafkaSecurity::adminClientConfig)
                .orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return config;
    }

    /** Applies the ACLs derived from {@code catalog} as admin and writes the credentials files; returns their dir. */
    public static Path apply(DevStack stack, TopicCatalog catalog, PrintWriter out) {
        KafkaSecurity security = stack.security().orElseThrow(() ->
                new IllegalStateException("The devstack was not started with security"));
        try (Admin admin = Admin.create(adminClientConfig(stack))) {
            KafkaAcls.ApplyResult result = KafkaAcls.of(catalog).apply(admin, TIMEOUT);
            out.printf("ACLs ready: %d bindings created for %d service principals (docs/security.md).%n",
                    result.created().size(), ServiceRole.values().length);
        }
        Path dir = stack.workDir().resolve("credentials");
        ServiceCredentials credentials = new ServiceCredentials(security, stack.bootstrapServers());
        credentials.writeFiles(dir);
        credentials.writeAdminFile(dir);
        out.flush();
        return dir;
    }
}
