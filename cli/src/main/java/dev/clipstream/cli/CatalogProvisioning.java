package dev.clipstream.cli;

import dev.clipstream.cli.security.SecureProvisioning;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What {@code clipstream devstack} does once Kafka and the registry are up and before it prints their addresses:
 * create the catalog topics and register their schemas, so services can start against a ready stack with
 * auto-registration off, as in production.
 */
final class CatalogProvisioning {

    private CatalogProvisioning() {
    }

    /** Throws when a topic conflicts or the registry refuses a schema; the caller then stops the devstack. */
    static void createCatalogTopicsAndRegisterSchemas(DevStack stack, PrintWriter out) {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        // As the super user on a secured stack: services may not create topics.
        try (Admin admin = Admin.create(SecureProvisioning.adminClientConfig(stack))) {
            TopicBootstrap.Result topics = new TopicBootstrap(admin).ensureTopics(catalog);
            Map<String, Integer> schemaIds = TopicBootstrap.registerSchemas(catalog);
            out.printf("Catalog ready: %d topics created, %d already present; %d schemas registered.%n",
                    topics.created().size(), topics.alreadyPresent().size(), schemaIds.size());
            out.flush();
        }
    }
}
