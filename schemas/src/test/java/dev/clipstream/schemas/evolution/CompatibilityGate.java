package dev.clipstream.schemas.evolution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The schema evolution gate: every current schema must have a released version and must be able to read data
 * written with its latest released version (BACKWARD, the registry's default rule for consumers-first upgrades).
 */
final class CompatibilityGate {

    private CompatibilityGate() {
    }

    /** Problems of all {@code current} schemas against the history in {@code history}; empty when the gate passes. */
    static List<String> problems(Collection<Schema> current, Path history) {
        List<String> problems = new ArrayList<>();
        for (Schema schema : current) {
            Map<Integer, Schema> released = SchemaSources.released(history, schema.getName());
            if (released.isEmpty()) {
                problems.add(schema.getFullName() + " has no released version: add "
                        + history.resolve(schema.getName()).resolve("v1.avsc") + " with\n"
                        + SchemaFormatter.format("json/pretty", schema));
                continue;
            }
            int latest = released.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            for (String incompatibility : backwardIncompatibilities(schema, released.get(latest))) {
                problems.add(schema.getFullName() + " cannot read data written with released v" + latest + ": "
                        + incompatibility);
            }
        }
        return problems;
    }

    /**
     * Why {@code reader} cannot read data written with {@code writer}; empty when it can. Avro's check walks nested
     * named types, so a breaking change deep inside a record is reported with its location.
     */
    static List<String> backwardIncompatibilities(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at " + fieldPath(reader, incompatibility.getLocation())
                    + " (" + incompatibility.getLocation() + "): " + incompatibility.getMessage());
        }
        if (problems.isEmpty() && result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add(result.getDescription());
        }
        return problems;
    }

    /** Turns Avro's JSON-pointer location ({@code /fields/1/type/fields/0}) into field names ({@code Clip.size.width}). */
    static String fieldPath(Schema reader, String location) {
        StringBuilder path = new StringBuilder(reader.getName());
        Schema current = reader;
        String[] tokens = location.split("/");
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals("fields") && i + 1 < tokens.length && current.getType() == Schema.Type.RECORD) {
                int index = Integer.parseInt(tokens[++i]);
                if (index >= current.getFields().size()) {
                    break;
                }
                Schema.Field field = current.getFields().get(index);
                path.append('.').append(field.name());
                current = field.schema();
            } else if (token.equals("items") && current.getType() == Schema.Type.ARRAY) {
                path.append("[]");
                current = current.getElementType();
            } else if (token.equals("values") && current.getType() == Schema.Type.MAP) {
                path.append("{}");
                current = current.getValueType();
            } else if (token.matches("[0-9]+") && current.getType() == Schema.Type.UNION
                    && Integer.parseInt(token) < current.getTypes().size()) {
                current = current.getTypes().get(Integer.parseInt(token));
            }
        }
        return path.toString();
    }
}
