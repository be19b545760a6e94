package dev.clipstream.devstack.kafka;

import dev.clipstream.devstack.DevStackException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates (or updates: a password rotation is the same call) the SCRAM-SHA-512 credentials of service users with
 * {@code Admin.alterUserScramCredentials}, logged in as the super user, and waits until the broker knows them all.
 */
public final class ScramUsers {

    private static final Logger LOG = LoggerFactory.getLogger(ScramUsers.class);

    private ScramUsers() {
    }

    public static void create(String bootstrapServers, KafkaSecurity security, Duration timeout) {
        if (security.users().isEmpty()) {
            return;
        }
        Map<String, Object> config = new HashMap<>(security.adminClientConfig());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "devstack-scram-users");
        try (Admin admin = Admin.create(config)) {
            upsert(admin, security.users(), timeout);
        }
    }

    /** Upserts every user's credential, then waits until describeUserScramCredentials lists them all. */
    public static void upsert(Admin admin, Map<String, String> users, Duration timeout) {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, KafkaSecurity.ITERATIONS);
        List<UserScramCredentialAlteration> alterations = users.entrySet().stream()
                .<UserScramCredentialAlteration>map(user ->
                        new UserScramCredentialUpsertion(user.getKey(), info, user.getValue()))
                .toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            admin.alterUserScramCredentials(alterations).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // The controller has them; the broker answers logins from its metadata copy, which follows shortly.
            while (true) {
                Set<String> known = admin.describeUserScramCredentials().users()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream().collect(java.util.stream.Collectors.toSet());
                if (known.containsAll(users.keySet())) {
                    LOG.info("SCRAM-SHA-512 credentials of {} Kafka user(s) in place: {}", users.size(),
                            users.keySet());
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new DevStackException("Kafka did not list the SCRAM users " + users.keySet() + " within "
                            + timeout + "; it knows " + known);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new DevStackException("Could not create the SCRAM users " + users.keySet() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while creating the SCRAM users", e);
        }
    }
}
