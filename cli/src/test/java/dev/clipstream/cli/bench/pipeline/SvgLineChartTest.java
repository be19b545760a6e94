package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgLineChartTest {

    private static SvgLineChart twoSeries() {
        return new SvgLineChart("Throughput <per> stage & more", "seconds", "clips per second")
                .add(new SvgLineChart.Series("uploaded", List.of(new SvgLineChart.Point(0, 10),
                        new SvgLineChart.Point(1, 40), new SvgLineChart.Point(2, 37))))
                .add(new SvgLineChart.Series("labeled \"fast\"", List.of(new SvgLineChart.Point(0, 0),
                        new SvgLineChart.Point(1, 20), new SvgLineChart.Point(2, 43))));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> polylines(Document document) {
        NodeList nodes = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static double[][] points(Element polyline) {
        String[] pairs = polyline.getAttribute("points").trim().split(" ");
        double[][] points = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            points[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return points;
    }

    @Test
    void isWellFormedSvgWithOnePolylinePerSeriesAndTheTextsEscaped() throws Exception {
        Document document = parse(twoSeries().render());

        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Element> lines = polylines(document);
        assertThat(lines).hasSize(2);
        assertThat(lines).extracting(line -> line.getAttribute("data-series"))
                .containsExactly("uploaded", "labeled \"fast\"");
        assertThat(points(lines.get(0))).hasNumberOfRows(3);
        assertThat(document.getDocumentElement().getTextContent()).contains("Throughput <per> stage & more",
                "seconds", "clips per second", "uploaded", "labeled \"fast\"");
    }

    @Test
    void pointsLandWhereTheScaleSaysAndTheYAxisEndsAtANiceValueAboveTheMaximum() throws Exception {
        SvgLineChart chart = twoSeries();
        SvgLineChart.Scale scale = chart.scale();
        double[][] uploaded = points(polylines(parse(chart.render())).get(0));

        // Largest y is 43; steps of 10 -> the axis ends at 50.
        assertThat(scale.yMax()).isEqualTo(50);
        int bottom = SvgLineChart.TOP + SvgLineChart.plotHeight();
        int right = SvgLineChart.LEFT + SvgLineChart.plotWidth();
        // x = 0 at the left edge, x = 2 (the last) at the right edge.
        assertThat(uploaded[0][0]).isCloseTo(SvgLineChart.LEFT, within(0.05));
        assertThat(uploaded[2][0]).isCloseTo(right, within(0.05));
        // y = 10 is a fifth of the way up from the bottom, y = 40 four fifths.
        assertThat(uploaded[0][1]).isCloseTo(bottom - SvgLineChart.plotHeight() * 0.2, within(0.05));
        assertThat(uploaded[1][1]).isCloseTo(bottom - SvgLineChart.plotHeight() * 0.8, within(0.05));
        assertThat(scale.py(0)).isEqualTo(bottom);
        assertThat(scale.py(50)).isEqualTo(SvgLineChart.TOP);
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SvgLineChart.niceStep(43)).isEqualTo(10);
        assertThat(SvgLineChart.niceStep(7)).isEqualTo(2);
        assertThat(SvgLineChart.niceStep(2400)).isEqualTo(500);
        assertThat(SvgLineChart.niceStep(0.3)).isCloseTo(0.1, within(1e-12));
        assertThatThrownBy(() -> SvgLineChart.niceStep(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMarkerIsADashedLineNotASeriesAndRaisesTheAxisToShowIt() throws Exception {
        SvgLineChart chart = new SvgLineChart("latency", "percentile", "ms")
                .add(new SvgLineChart.Series("labeled", List.of(new SvgLineChart.Point(0, 80),
                        new SvgLineChart.Point(1, 120))))
                .marker(new SvgLineChart.Marker(300, "target 300 ms"));
        Document document = parse(chart.render());

        assertThat(polylines(document)).hasSize(1);
        assertThat(chart.scale().yMax()).isGreaterThanOrEqualTo(300);
        assertThat(document.getDocumentElement().getTextContent()).contains("target 300 ms");
    }

    @Test
    void givenXTicksAreUsedAndASinglePointStillShows() throws Exception {
        SvgLineChart chart = new SvgLineChart("one", "percentile", "ms")
                .xTicks(List.of(new SvgLineChart.Tick(0, "0"), new SvgLineChart.Tick(2, "99")))
                .add(new SvgLineChart.Series("lonely", List.of(new SvgLineChart.Point(1, 5))));
        String svg = chart.render();
        Document document = parse(svg);

        assertThat(polylines(document)).hasSize(1);
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength()).isEqualTo(1);
        assertThat(svg).contains(">99</text>");
        // The point sits in the middle of the ticks' span 0..2.
        assertThat(chart.scale().px(1)).isCloseTo(SvgLineChart.LEFT + SvgLineChart.plotWidth() / 2.0, within(0.01));
    }

    @Test
    void aChartWithoutDataIsStillValidSvg() throws Exception {
        Document document = parse(new SvgLineChart("empty", "x", "y").render());

        assertThat(polylines(document)).isEmpty();
    }
}
