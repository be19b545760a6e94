package dev.clipstream.devstack.kafka;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * SASL/SCRAM-SHA-512 for a devstack broker: the super user {@code admin} and one user per service principal, with
 * their passwords. The broker's client listener then accepts only SCRAM-SHA-512 logins, authorizes with KRaft's
 * StandardAuthorizer (no ACL = denied) and treats {@code User:admin} as super user.
 *
 * <p>How the credentials get into the cluster: the admin's SCRAM credential is written when the storage is
 * formatted ({@code kafka-storage format --add-scram}), because nobody could log in to create it otherwise; the
 * service users are created after the start with {@code Admin.alterUserScramCredentials}, as an operator would on
 * a real cluster (and as rotating a password works).
 *
 * @param adminPassword password of the super user {@value #ADMIN_USER}
 * @param users         service user name -> password (SCRAM credentials created at start)
 */
public record KafkaSecurity(String adminPassword, Map<String, String> users) {

    public static final String ADMIN_USER = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    /** SCRAM iterations of every credential; 4096 is the minimum Kafka accepts for SCRAM-SHA-512. */
    public static final int ITERATIONS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET =
            "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public KafkaSecurity {
        requireUsablePassword(ADMIN_USER, adminPassword);
        users = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(users, "users")));
        users.forEach((user, password) -> {
            if (!user.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("Kafka user name must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: '"
                        + user + "'");
            }
            if (user.equals(ADMIN_USER)) {
                throw new IllegalArgumentException("'" + ADMIN_USER + "' is the super user; do not list it in users");
            }
            requireUsablePassword(user, password);
        });
    }

    /** Random passwords (24 characters) for the admin and for each of {@code userNames}. */
    public static KafkaSecurity generated(Collection<String> userNames) {
        Map<String, String> users = new LinkedHashMap<>();
        userNames.forEach(name -> users.put(name, randomPassword()));
        return new KafkaSecurity(randomPassword(), users);
    }

    public static String randomPassword() {
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    /** The password of {@code user} (the admin or a service user). */
    public String passwordOf(String user) {
        if (user.equals(ADMIN_USER)) {
            return adminPassword;
        }
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("No Kafka user '" + user + "'; known: " + users.keySet());
        }
        return password;
    }

    /** Client settings (security.protocol, sasl.mechanism, sasl.jaas.config) that log in as {@code user}. */
    public Map<String, Object> clientConfig(String user) {
        return clientConfig(user, passwordOf(user));
    }

    /** Client settings that log in as the super user. */
    public Map<String, Object> adminClientConfig() {
        return clientConfig(ADMIN_USER, adminPassword);
    }

    /** Client settings for any user name and password, e.g. a wrong password in a test. */
    public static Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("security.protocol", SECURITY_PROTOCOL);
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule",
                user, password, ""));
        return config;
    }

    /** A JAAS line with quoted, escaped values (a password may contain quotes or backslashes). */
    static String jaasConfig(String loginModule, String user, String password, String extra) {
        return loginModule + " required username=\"" + escape(user) + "\" password=\"" + escape(password) + "\""
                + extra + ";";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void requireUsablePassword(String user, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("Password of Kafka user '" + user + "' must not be blank");
        }
        if (password.chars().anyMatch(c -> c == ',' || c == '[' || c == ']' || c == '"' || c == '\\'
                || Character.isWhitespace(c) || Character.isISOControl(c))) {
            // kafka-storage's --add-scram syntax cannot quote these.
            throw new IllegalArgumentException("Password of Kafka user '" + user
                    + "' must not contain commas, brackets, quotes, backslashes or whitespace");
        }
    }

    @Override
    public String toString() {
        // Never print passwords by accident (logs, assertion messages).
        return "KafkaSecurity[admin=" + ADMIN_USER + ", users=" + users.keySet() + ", passwords masked]";
    }
}
