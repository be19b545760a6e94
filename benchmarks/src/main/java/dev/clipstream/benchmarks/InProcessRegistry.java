package dev.clipstream.benchmarks;

import dev.clipstream.schemas.serde.SchemaRegistryClient;
import dev.clipstream.schemas.serde.SchemaNotRegisteredException;
import dev.clipstream.schemas.serde.UnknownSchemaIdException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A registry stand-in in this JVM, so that the serde benchmarks measure encoding and decoding, not HTTP. Like the
 * real client after its first call, every answer comes from a map; ids are 1, 2, ... per distinct schema.
 */
public final class InProcessRegistry implements SchemaRegistryClient {

    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    @Override
    public int register(String subject, Schema schema) {
        int id = idsBySchema.computeIfAbsent(schema, s -> nextId.getAndIncrement());
        schemasById.putIfAbsent(id, schema);
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).putIfAbsent(schema, id);
        return id;
    }

    @Override
    public int lookUpId(String subject, Schema schema) {
        Integer id = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (id == null) {
            throw new SchemaNotRegisteredException(subject, schema.getFullName(), url(), 404, 40403,
                    "Schema not registered in the in-process registry");
        }
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaIdException(id, url(), 404, 40403, "No schema " + id + " in the in-process registry");
        }
        return schema;
    }

    @Override
    public String url() {
        return "in-process://benchmarks";
    }
}
