package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.CommandRunner;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The whole command with tiny counts: its own devstack, the five services as child JVMs, one round and a short
 * half-load run. Checks the files it writes and that the figures add up (every clip pushed is counted on
 * clips.uploaded and is labeled or rejected; latencies and ratios are positive and ordered).
 */
class BenchPipelineIT {

    private static final int CLIPS = 40;
    // | 1 | acknowledged | on clips.uploaded | labeled | rejected | dispatched | e2e | upload | ...
    private static final Pattern ROUND_ROW = Pattern.compile(
            "\\| 1 \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| ([0-9.]+) \\| ([0-9.]+) \\| "
                    + "([0-9.]+) / ([0-9.]+) / ([0-9.]+) \\| ([0-9.]+) / ([0-9.]+) / ([0-9.]+) \\| (\\d+) \\| "
                    + "([0-9.]+) \\|");
    private static final Pattern TOTAL_ROW = Pattern.compile("\\| \\*\\*pipeline total\\*\\* \\| [0-9.]+ \\| "
            + "[0-9.]+ \\| (\\d+) \\|");

    @TempDir
    Path dir;

    @Test
    void pushesClipsThroughThePipelineAndWritesChartsAndAReportWhoseFiguresAddUp() throws Exception {
        Path output = dir.resolve("out");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = CommandRunner.execute(out, err, "bench", "pipeline", "--clips", Integer.toString(CLIPS),
                "--rounds", "1", "--warmup-clips", "20", "--concurrency", "4", "--half-load-seconds", "3",
                "--reference-records", "2000", "--reference-megabytes", "4", "--round-timeout", "150",
                "--no-docs", "--output-dir", output.toString());

        assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
        for (String chart : new String[] {PipelineBenchReport.THROUGHPUT_CHART, PipelineBenchReport.RECORDS_CHART,
                PipelineBenchReport.LATENCY_CHART}) {
            Document svg = parse(Files.readString(output.resolve(chart)));
            assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength())
                    .as(chart).isGreaterThanOrEqualTo(2);
        }
        String report = Files.readString(output.resolve("pipeline-report.md"));
        assertThat(report).startsWith(DocsSection.HEADING).contains("| target | wanted | measured | met |",
                "**Half load**", "commit.interval.ms=100");

        Matcher row = ROUND_ROW.matcher(report);
        assertThat(row.find()).as("round row in:%n%s", report).isTrue();
        int acknowledged = Integer.parseInt(row.group(1));
        int onTopic = Integer.parseInt(row.group(2));
        int labeled = Integer.parseInt(row.group(3));
        int rejected = Integer.parseInt(row.group(4));
        int dispatched = Integer.parseInt(row.group(5));
        assertThat(acknowledged).as("clips acknowledged = clips pushed").isEqualTo(CLIPS);
        assertThat(onTopic).as("records on clips.uploaded").isEqualTo(CLIPS);
        assertThat(labeled + rejected).as("labeled + rejected").isEqualTo(CLIPS);
        assertThat(dispatched).as("every labeled clip ends in a dispatched batch").isEqualTo(labeled);
        double e2e = Double.parseDouble(row.group(6));
        assertThat(e2e).isPositive().isLessThanOrEqualTo(Double.parseDouble(row.group(7)) * 1.5);
        double labeledP50 = Double.parseDouble(row.group(8));
        double labeledP99 = Double.parseDouble(row.group(9));
        double dispatchedP50 = Double.parseDouble(row.group(11));
        assertThat(labeledP50).isPositive().isLessThanOrEqualTo(labeledP99);
        assertThat(dispatchedP50).as("a clip is dispatched after it is labeled").isGreaterThanOrEqualTo(labeledP50);
        assertThat(Long.parseLong(row.group(14))).as("ProducerPerformance rec/s").isPositive();
        assertThat(Double.parseDouble(row.group(15))).as("e2e ratio").isPositive().isLessThan(10);

        Matcher total = TOTAL_ROW.matcher(report);
        assertThat(total.find()).as("total row in:%n%s", report).isTrue();
        // Seven JVMs: hundreds of MB at least, and not more than this machine could hold.
        assertThat(Long.parseLong(total.group(1))).isBetween(300L, 24_000L);
        assertThat(out.toString()).contains("round 1/1 ceiling at clips.uploaded size", "Targets (issue 8)",
                "End to end:");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
