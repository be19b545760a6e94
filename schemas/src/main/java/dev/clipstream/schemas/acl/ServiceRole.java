package dev.clipstream.schemas.acl;

/**
 * The Clipstream services that talk to Kafka, each with its own principal ({@code User:<userName>}). What a role
 * may do is derived in one place, {@link KafkaAcls}. Operator tools (topic bootstrap, schema registration,
 * campaign admin, {@code clipstream acls apply}) run as the super user {@code admin}, not as a role.
 *
 * @see KafkaAcls
 */
public enum ServiceRole {

    /** HTTP uploads -> clips.uploaded; reads clips.uploaded back (group-less) for its accepted-clip index. */
    INGEST("clipstream-ingest"),
    /** The Kafka Streams app (application.id clipstream-labeling): filters, labels, batches. */
    LABELING("clipstream-labeling"),
    /** training.batches -> backends; dispatch.events in one transaction with the consumed offsets. */
    DISPATCH("clipstream-dispatch"),
    /** Simulated training backends publishing backend.status (when given a broker). */
    BACKENDS("clipstream-backends"),
    /** The lag monitor: describes the pipeline's groups, reads offsets and pipeline units. */
    LAG("clipstream-lag"),
    /** Dataset manifests and replays of training batches. */
    REPLAY("clipstream-replay");

    private final String userName;

    ServiceRole(String userName) {
        this.userName = userName;
    }

    /** The SCRAM user name, e.g. {@code clipstream-ingest}. */
    public String userName() {
        return userName;
    }

    /** The Kafka principal, e.g. {@code User:clipstream-ingest}. */
    public String principal() {
        return "User:" + userName;
    }

    /** The role whose principal is {@code principal}, if any. */
    public static java.util.Optional<ServiceRole> ofPrincipal(String principal) {
        for (ServiceRole role : values()) {
            if (role.principal().equals(principal)) {
                return java.util.Optional.of(role);
            }
        }
        return java.util.Optional.empty();
    }
}
