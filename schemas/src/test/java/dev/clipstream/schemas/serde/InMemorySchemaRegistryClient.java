package dev.clipstream.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** A fake registry for unit tests: ids from 1 upwards, one id per distinct schema, no compatibility checks. */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Map<Schema, Integer>> idsBySubject = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private int nextId;

    public InMemorySchemaRegistryClient(int firstId) {
        this.nextId = firstId;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = idsBySchema.computeIfAbsent(schema, s -> nextId++);
        schemasById.put(id, schema);
        idsBySubject.computeIfAbsent(subject, s -> new HashMap<>()).put(schema, id);
        return id;
    }

    @Override
    public synchronized int lookUpId(String subject, Schema schema) {
        Integer id = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (id == null) {
            throw new SchemaNotRegisteredException(subject, schema.getFullName(), url(), 404, 40403, "Schema not found");
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaIdException(id, url(), 404, 40403, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public String url() {
        return "mem://registry";
    }
}
