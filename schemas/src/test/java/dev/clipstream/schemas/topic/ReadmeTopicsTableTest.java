package dev.clipstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's topics table is generated from the catalog; this keeps the two from drifting apart. */
class ReadmeTopicsTableTest {

    private static final String BEGIN = "<!-- topics:begin -->\n";
    private static final String END = "<!-- topics:end -->";

    @Test
    void readmeTopicsTableMatchesTheCatalog() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has a %s marker", readme, BEGIN.strip()).isNotNegative();
        assertThat(end).as("%s has a %s marker after the begin marker", readme, END).isGreaterThan(begin);

        String expected = TopicCatalog.create(new InMemorySchemaRegistryClient(1), false,
                TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR).toMarkdownTable();
        assertThat(text.substring(begin + BEGIN.length(), end))
                .as("README topics table; paste this between the markers:%n%s", expected)
                .isEqualTo(expected);
    }
}
