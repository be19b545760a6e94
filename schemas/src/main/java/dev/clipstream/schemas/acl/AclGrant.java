package dev.clipstream.schemas.acl;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One ALLOW entry: {@code role} may do {@code operation} on a resource (topic, group, transactional id) named
 * {@code name} exactly ({@link PatternType#LITERAL}) or starting with it ({@link PatternType#PREFIXED}), from
 * any host.
 */
public record AclGrant(ServiceRole role, ResourceType resourceType, String name, PatternType patternType,
                       AclOperation operation) {

    public AclBinding toBinding() {
        return new AclBinding(new ResourcePattern(resourceType, name, patternType),
                new AccessControlEntry(role.principal(), "*", operation, AclPermissionType.ALLOW));
    }

    /** {@code Topic clips.uploaded}, {@code Group clipstream-dispatch}, {@code TransactionalId clipstream-labeling-*}. */
    public String resourceText() {
        String kind = switch (resourceType) {
            case TOPIC -> "Topic";
            case GROUP -> "Group";
            case TRANSACTIONAL_ID -> "TransactionalId";
            case CLUSTER -> "Cluster";
            default -> resourceType.name();
        };
        return kind + " `" + name + (patternType == PatternType.PREFIXED ? "*" : "") + "`";
    }
}
