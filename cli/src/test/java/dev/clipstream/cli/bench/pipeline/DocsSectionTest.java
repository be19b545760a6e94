package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsSectionTest {

    private static final String OTHERS = """
            # Benchmarks

            ## Labeling

            Labeling figures, written by hand.
            """;

    @Test
    void appendsTheSectionWithMarkersWhenTheDocumentHasNone() {
        String result = DocsSection.replace(OTHERS, "| figure | 1 |");

        assertThat(result).startsWith(OTHERS);
        assertThat(result).endsWith(DocsSection.HEADING + "\n\n" + DocsSection.BEGIN + "\n| figure | 1 |\n"
                + DocsSection.END + "\n");
    }

    @Test
    void aRerunReplacesOnlyWhatIsBetweenTheMarkers() {
        String first = DocsSection.replace(OTHERS, "| figure | 1 |");
        String withReading = first + "\nThe reading below the figures, written by hand.\n\n## Later section\n\nText.\n";

        String second = DocsSection.replace(withReading, "| figure | 2 |");

        assertThat(second).doesNotContain("| figure | 1 |").contains("| figure | 2 |");
        assertThat(second).startsWith(OTHERS);
        assertThat(second).endsWith(DocsSection.END + "\n\nThe reading below the figures, written by hand.\n\n"
                + "## Later section\n\nText.\n");
        // Running again with the same figures changes nothing.
        assertThat(DocsSection.replace(second, "| figure | 2 |")).isEqualTo(second);
    }

    @Test
    void insertsRightBelowAnExistingHeadingWithoutMarkers() {
        String document = OTHERS + "\n" + DocsSection.HEADING + "\n\nHand-written intro.\n";

        String result = DocsSection.replace(document, "generated");

        assertThat(result).isEqualTo(OTHERS + "\n" + DocsSection.HEADING + "\n\n" + DocsSection.BEGIN
                + "\ngenerated\n" + DocsSection.END + "\n\nHand-written intro.\n");
    }

    @Test
    void aLongerHeadingThatStartsTheSameIsNotTheSection() {
        String document = OTHERS + "\n" + DocsSection.HEADING + ", older notes\n\nText.\n";

        String result = DocsSection.replace(document, "generated");

        assertThat(result).startsWith(document);
        assertThat(result).endsWith(DocsSection.HEADING + "\n\n" + DocsSection.BEGIN + "\ngenerated\n"
                + DocsSection.END + "\n");
    }

    @Test
    void brokenOrDoubledMarkersAreRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> DocsSection.replace(OTHERS + DocsSection.BEGIN + "\nhalf\n", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken generated block");
        assertThatThrownBy(() -> DocsSection.replace(OTHERS + DocsSection.END + "\n" + DocsSection.BEGIN, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        String twice = DocsSection.BEGIN + "\na\n" + DocsSection.END + "\n" + DocsSection.BEGIN + "\nb\n"
                + DocsSection.END;
        assertThatThrownBy(() -> DocsSection.replace(twice, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one");
    }

    @Test
    void updateRewritesTheFileInPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, OTHERS);

        DocsSection.update(file, "first");
        DocsSection.update(file, "second");

        String content = Files.readString(file);
        assertThat(content).startsWith(OTHERS).contains("second").doesNotContain("first");
        assertThat(content.split(java.util.regex.Pattern.quote(DocsSection.HEADING), -1)).hasSize(2);
    }
}
