package dev.clipstream.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate must be able to fail: each case is a change it has to catch (or allow). */
class CompatibilityGateTest {

    private static final String RELEASED = """
            {"type": "record", "name": "Clip", "namespace": "dev.clipstream.schemas.avro", "doc": "d",
             "fields": [
               {"name": "clipId", "type": "string", "doc": "d"},
               {"name": "size", "type": {"type": "record", "name": "Size", "doc": "d",
                 "fields": [{"name": "width", "type": "int", "doc": "d"}]}, "doc": "d"},
               {"name": "camera", "type": {"type": "enum", "name": "Cam", "doc": "d",
                 "symbols": ["UNKNOWN", "FRONT", "REAR"], "default": "UNKNOWN"}, "doc": "d"}
             ]}""";

    @Test
    void unchangedSchemaPasses() {
        assertThat(CompatibilityGate.backwardIncompatibilities(parse(RELEASED), parse(RELEASED))).isEmpty();
    }

    @Test
    void newFieldWithoutDefaultIsCaught() {
        Schema current = parse(RELEASED.replace("\"fields\": [\n",
                "\"fields\": [\n{\"name\": \"fps\", \"type\": \"float\", \"doc\": \"d\"},\n"));

        assertThat(CompatibilityGate.backwardIncompatibilities(current, parse(RELEASED)))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT").contains("Clip.fps");
    }

    @Test
    void newFieldWithDefaultPasses() {
        Schema current = parse(RELEASED.replace("\"fields\": [\n",
                "\"fields\": [\n{\"name\": \"fps\", \"type\": \"float\", \"default\": 30.0, \"doc\": \"d\"},\n"));

        assertThat(CompatibilityGate.backwardIncompatibilities(current, parse(RELEASED))).isEmpty();
    }

    @Test
    void typeChangeIsCaught() {
        Schema current = parse(RELEASED.replace("{\"name\": \"clipId\", \"type\": \"string\"",
                "{\"name\": \"clipId\", \"type\": \"int\""));

        assertThat(CompatibilityGate.backwardIncompatibilities(current, parse(RELEASED)))
                .singleElement().asString().contains("TYPE_MISMATCH").contains("Clip.clipId");
    }

    @Test
    void typeChangeInsideANestedRecordIsCaughtWithItsLocation() {
        Schema current = parse(RELEASED.replace("{\"name\": \"width\", \"type\": \"int\"",
                "{\"name\": \"width\", \"type\": \"string\""));

        assertThat(CompatibilityGate.backwardIncompatibilities(current, parse(RELEASED)))
                .singleElement().asString().contains("TYPE_MISMATCH").contains("Clip.size.width")
                .contains("/fields/1/type/fields/0");
    }

    @Test
    void wideningIntToLongPasses() {
        Schema current = parse(RELEASED.replace("{\"name\": \"width\", \"type\": \"int\"",
                "{\"name\": \"width\", \"type\": \"long\""));

        assertThat(CompatibilityGate.backwardIncompatibilities(current, parse(RELEASED))).isEmpty();
    }

    @Test
    void removingAnEnumSymbolFallsBackToTheDefaultAndPasses() {
        Schema current = parse(RELEASED.replace("\"FRONT\", \"REAR\"", "\"FRONT\""));

        assertThat(CompatibilityGate.backwardIncompatibilities(current, parse(RELEASED))).isEmpty();
    }

    @Test
    void gateReportsASchemaWithoutReleasedVersion(@TempDir Path history) {
        List<String> problems = CompatibilityGate.problems(List.of(parse(RELEASED)), history);

        assertThat(problems).singleElement().asString()
                .contains("dev.clipstream.schemas.avro.Clip has no released version")
                .contains("v1.avsc");
    }

    @Test
    void gateComparesWithTheLatestReleasedVersion(@TempDir Path history) throws IOException {
        Path versions = Files.createDirectories(history.resolve("Clip"));
        Files.writeString(versions.resolve("v1.avsc"), RELEASED);
        // v2 added 'fps' with a default; v10 added 'lane' with a default.
        Files.writeString(versions.resolve("v2.avsc"), RELEASED.replace("\"fields\": [\n",
                "\"fields\": [\n{\"name\": \"fps\", \"type\": \"float\", \"default\": 30.0, \"doc\": \"d\"},\n"));
        Files.writeString(versions.resolve("v10.avsc"), RELEASED.replace("\"fields\": [\n",
                "\"fields\": [\n{\"name\": \"lane\", \"type\": \"int\", \"default\": 0, \"doc\": \"d\"},\n"));
        // Current lost the default of 'lane': it can still read v10 data (which has lane), so the gate passes...
        Schema current = parse(RELEASED.replace("\"fields\": [\n",
                "\"fields\": [\n{\"name\": \"lane\", \"type\": \"int\", \"doc\": \"d\"},\n"));
        assertThat(CompatibilityGate.problems(List.of(current), history)).isEmpty();

        // ...while against v2 (no lane) it would fail: proves v10, not v2 or lexical order, was used.
        Files.delete(versions.resolve("v10.avsc"));
        assertThat(CompatibilityGate.problems(List.of(current), history))
                .singleElement().asString().contains("released v2").contains("lane");
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
