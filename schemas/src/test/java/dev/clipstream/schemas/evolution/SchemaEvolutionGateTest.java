package dev.clipstream.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.evolution.SchemaSources.SourceSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails the build when a schema change would break consumers of data already written. */
class SchemaEvolutionGateTest {

    @Test
    void everyCurrentSchemaIsReleasedAndBackwardCompatibleWithItsLatestRelease() {
        Map<String, SourceSchema> current = SchemaSources.current(SchemaSources.CURRENT);

        List<String> problems = CompatibilityGate.problems(
                current.values().stream().map(SourceSchema::schema).toList(), SchemaSources.HISTORY);

        assertThat(current).hasSizeGreaterThanOrEqualTo(7);
        assertThat(problems).as("schema evolution problems (see src/main/schema-history/README.md)").isEmpty();
    }

    @Test
    void historyHoldsNoSchemaThatNoLongerExists() {
        Map<String, SourceSchema> current = SchemaSources.current(SchemaSources.CURRENT);

        assertThat(SchemaSources.HISTORY.toFile().list((dir, name) -> dir.toPath().resolve(name).toFile().isDirectory()))
                .as("released schemas without a current .avsc (a type must never silently disappear)")
                .allSatisfy(name -> assertThat(current).containsKey(name));
    }
}
