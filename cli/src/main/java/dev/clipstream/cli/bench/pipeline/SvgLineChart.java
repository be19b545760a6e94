package dev.clipstream.cli.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart as plain SVG text: axes with ticks and grid lines, one polyline per series, a legend, optional dashed
 * horizontal marker lines (e.g. a target). Written by hand rather than with a charting library so that it needs no
 * AWT, no fonts and no new dependency: the viewer (a browser, GitHub) renders the text.
 *
 * <p>The y axis starts at 0 (throughput and latency are never negative) and ends at a "nice" value above the largest
 * point; the x axis spans the data, with nice ticks or ticks the caller names (e.g. percentiles on a log scale).
 */
public final class SvgLineChart {

    public record Point(double x, double y) {
    }

    public record Series(String name, List<Point> points) {
        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** A tick at {@code value} on the axis, printed as {@code label}. */
    public record Tick(double value, String label) {
    }

    /** A dashed horizontal line across the plot, e.g. a latency target. */
    public record Marker(double y, String label) {
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 420;
    static final int LEFT = 72;
    static final int RIGHT = 200;
    static final int TOP = 44;
    static final int BOTTOM = 56;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf"};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private List<Tick> xTicks;

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    public SvgLineChart add(Series value) {
        series.add(Objects.requireNonNull(value, "series"));
        return this;
    }

    public SvgLineChart marker(Marker value) {
        markers.add(Objects.requireNonNull(value, "marker"));
        return this;
    }

    /** Ticks of the x axis named by the caller, instead of evenly spaced nice numbers. */
    public SvgLineChart xTicks(List<Tick> ticks) {
        this.xTicks = List.copyOf(ticks);
        return this;
    }

    /** The scale the chart uses; exposed so tests can check where a value lands. */
    record Scale(double xMin, double xMax, double yMax) {
        double px(double x) {
            double span = xMax - xMin;
            return LEFT + (span == 0 ? 0.5 : (x - xMin) / span) * plotWidth();
        }

        double py(double y) {
            return TOP + plotHeight() - (y / yMax) * plotHeight();
        }
    }

    static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    Scale scale() {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                xMin = Math.min(xMin, p.x());
                xMax = Math.max(xMax, p.x());
                yMax = Math.max(yMax, p.y());
            }
        }
        for (Marker m : markers) {
            yMax = Math.max(yMax, m.y());
        }
        if (xTicks != null) {
            for (Tick t : xTicks) {
                xMin = Math.min(xMin, t.value());
                xMax = Math.max(xMax, t.value());
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
        }
        double step = niceStep(yMax > 0 ? yMax : 1);
        double top = Math.ceil((yMax > 0 ? yMax : 1) / step) * step;
        return new Scale(xMin, xMax, top);
    }

    /** A step of 1, 2 or 5 times a power of ten that cuts {@code range} into about five parts. */
    static double niceStep(double range) {
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("range must be a positive finite number, was " + range);
        }
        double rough = range / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    public String render() {
        Scale scale = scale();
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        yAxis(svg, scale);
        xAxis(svg, scale);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", LEFT, TOP, plotWidth(), plotHeight()));
        for (Marker marker : markers) {
            double y = scale.py(marker.y());
            svg.append(String.format(Locale.ROOT, "<line class=\"marker\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#555\" stroke-dasharray=\"6 4\"/>%n", LEFT, y, LEFT + plotWidth(), y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#555\">%s</text>%n", LEFT + 4,
                    y - 4, escape(marker.label())));
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (Point p : s.points()) {
                if (!points.isEmpty()) {
                    points.append(' ');
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f", scale.px(p.x()), scale.py(p.y())));
            }
            svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" "
                    + "stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", escape(s.name()), colour, points));
            if (s.points().size() == 1) {
                // A single point is no line: draw it as a dot so it is not invisible.
                Point p = s.points().get(0);
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        scale.px(p.x()), scale.py(p.y()), colour));
            }
            int legendY = TOP + 12 + i * 20;
            int legendX = LEFT + plotWidth() + 14;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>%n", legendX, legendY - 4, legendX + 22, legendY - 4, colour));
            svg.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>%n",
                    legendX + 28, legendY, escape(s.name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void yAxis(StringBuilder svg, Scale scale) {
        double step = niceStep(scale.yMax());
        for (int i = 0; i * step <= scale.yMax() * (1 + 1e-9); i++) {
            double value = i * step;
            double y = scale.py(value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotWidth(), y));
            svg.append(String.format(Locale.ROOT, "<text class=\"ytick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s"
                    + "</text>%n", LEFT - 6, y + 4, number(value, step)));
        }
        double middle = TOP + plotHeight() / 2.0;
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.1f)\">%s</text>%n", middle, middle, escape(yLabel)));
    }

    private void xAxis(StringBuilder svg, Scale scale) {
        List<Tick> ticks = xTicks != null ? xTicks : niceTicks(scale.xMin(), scale.xMax());
        int base = TOP + plotHeight();
        for (Tick tick : ticks) {
            double x = scale.px(tick.value());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP, x, base));
            svg.append(String.format(Locale.ROOT, "<text class=\"xtick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>%n", x, base + 16, escape(tick.label())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth() / 2.0, HEIGHT - 14, escape(xLabel)));
    }

    static List<Tick> niceTicks(double min, double max) {
        if (max <= min) {
            return List.of(new Tick(min, number(min, 1)));
        }
        double step = niceStep(max - min);
        List<Tick> ticks = new ArrayList<>();
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
            ticks.add(new Tick(v, number(v, step)));
        }
        return ticks;
    }

    private static String number(double value, double step) {
        if (step >= 1 || value == 0) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        int decimals = (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
