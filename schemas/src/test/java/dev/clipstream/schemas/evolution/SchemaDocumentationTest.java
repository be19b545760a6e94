package dev.clipstream.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.evolution.SchemaSources.SourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Conventions of the .avsc sources: documented, one type per file, in the generated classes' package. */
class SchemaDocumentationTest {

    private final Map<String, SourceSchema> current = SchemaSources.current(SchemaSources.CURRENT);

    @Test
    void everyTypeAndEveryFieldHasADoc() {
        List<String> undocumented = new ArrayList<>();
        for (SourceSchema source : current.values()) {
            Schema schema = source.schema();
            if (isBlank(schema.getDoc())) {
                undocumented.add(schema.getFullName());
            }
            if (schema.getType() == Schema.Type.RECORD) {
                schema.getFields().stream().filter(field -> isBlank(field.doc()))
                        .forEach(field -> undocumented.add(schema.getFullName() + "." + field.name()));
            }
        }
        assertThat(undocumented).as("types and fields without a doc").isEmpty();
    }

    @Test
    void namespaceIsTheJavaPackageOfTheGeneratedClasses() {
        assertThat(current.values()).allSatisfy(source ->
                assertThat(source.schema().getNamespace()).as(source.file().toString())
                        .isEqualTo(ClipUploaded.class.getPackageName()));
    }

    @Test
    void eachFileDefinesTheTypeItIsNamedAfter() {
        assertThat(current.values()).allSatisfy(source ->
                assertThat(source.file().getFileName().toString()).isEqualTo(source.schema().getName() + ".avsc"));
    }

    @Test
    void everyEnumFallsBackToUnknown() {
        assertThat(current.values()).map(SourceSchema::schema).filteredOn(s -> s.getType() == Schema.Type.ENUM)
                .isNotEmpty()
                .allSatisfy(schema -> {
                    assertThat(schema.getEnumDefault()).as(schema.getFullName()).isEqualTo("UNKNOWN");
                    assertThat(schema.getEnumSymbols().get(0)).as(schema.getFullName()).isEqualTo("UNKNOWN");
                });
    }

    @Test
    void theEventRecordsOfTheContractExist() {
        assertThat(current).containsKeys("ClipUploaded", "ClipRejected", "LabeledClip", "TrainingBatch", "Campaign",
                "BackendStatus", "DispatchEvent");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
