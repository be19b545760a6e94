package dev.clipstream.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/** Loads the module's .avsc files: the current sources (cross-file references resolved) and released versions. */
final class SchemaSources {

    static final Path CURRENT = Path.of("src", "main", "avro");
    static final Path HISTORY = Path.of("src", "main", "schema-history");

    private SchemaSources() {
    }

    /** A parsed source file: which file it came from and the schema it defines (nested types resolved). */
    record SourceSchema(Path file, Schema schema) {
    }

    /** Every current schema by simple name; one parser for all files so names defined elsewhere resolve. */
    static Map<String, SourceSchema> current(Path directory) {
        SchemaParser parser = new SchemaParser();
        List<Path> files = avscFiles(directory);
        List<SchemaParser.ParseResult> parsed = new ArrayList<>();
        for (Path file : files) {
            try {
                parsed.add(parser.parse(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, SourceSchema> schemas = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            // mainSchema() is only taken after every file is parsed, so names defined in later files resolve.
            Schema schema = parsed.get(i).mainSchema();
            SourceSchema previous = schemas.put(schema.getName(), new SourceSchema(files.get(i), schema));
            if (previous != null) {
                throw new IllegalStateException("Schema " + schema.getName() + " is defined in both "
                        + previous.file() + " and " + files.get(i));
            }
        }
        return schemas;
    }

    /** Released versions of {@code name} by version number, read from {@code <history>/<name>/v<N>.avsc}. */
    static Map<Integer, Schema> released(Path history, String name) {
        Path directory = history.resolve(name);
        Map<Integer, Schema> versions = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return versions;
        }
        for (Path file : avscFiles(directory)) {
            String fileName = file.getFileName().toString();
            if (!fileName.matches("v[1-9][0-9]*\\.avsc")) {
                throw new IllegalStateException("Released schema file " + file + " is not named v<N>.avsc");
            }
            int version = Integer.parseInt(fileName.substring(1, fileName.length() - ".avsc".length()));
            try {
                // Released versions are self-contained: each gets its own parser.
                versions.put(version, new Schema.Parser().parse(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions;
    }

    private static List<Path> avscFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory.toAbsolutePath(), e);
        }
    }
}
