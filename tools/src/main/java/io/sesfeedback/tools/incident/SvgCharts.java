package io.sesfeedback.tools.incident;

import io.sesfeedback.notification.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The incident page's charts as inline SVG: drawn here, no script, no font or file from elsewhere.
 */
final class SvgCharts {

    static final String HARD = "#b3261e";
    static final String SOFT = "#f29f05";
    static final String COMPLAINT = "#6a3d9a";
    static final String SENDS = "#2a6f97";

    private static final int WIDTH = 960;
    private static final int LEFT = 56;
    private static final int RIGHT = 56;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    private SvgCharts() {}

    /**
     * Stacked bars per hour or day (hard bounces, other bounces, complaints), sends as a line on
     * its own scale when CloudWatch has them, and a dashed line at the fix.
     */
    static String timeline(
            List<IncidentReport.Bucket> buckets, Instant fixedAt, Duration bucketWidth) {
        int height = 280;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = height - TOP - BOTTOM;
        long max =
                Math.max(
                        1,
                        buckets.stream()
                                .mapToLong(b -> b.bounces() + b.complaints())
                                .max()
                                .orElse(0));
        double slot = (double) plotWidth / buckets.size();
        double bar = Math.max(1, slot * 0.8);
        StringBuilder svg =
                open(
                        "timeline-chart",
                        height,
                        "Bounced and complained recipients per bar of the timeline");
        axis(svg, plotHeight, max, "recipients");
        for (int i = 0; i < buckets.size(); i++) {
            IncidentReport.Bucket bucket = buckets.get(i);
            double x = LEFT + i * slot + (slot - bar) / 2;
            double y = TOP + plotHeight;
            y =
                    stack(
                            svg,
                            x,
                            y,
                            bar,
                            bucket.hardBounces(),
                            max,
                            plotHeight,
                            HARD,
                            bucket,
                            "hard bounces");
            y =
                    stack(
                            svg,
                            x,
                            y,
                            bar,
                            bucket.bounces() - bucket.hardBounces(),
                            max,
                            plotHeight,
                            SOFT,
                            bucket,
                            "other bounces");
            stack(
                    svg,
                    x,
                    y,
                    bar,
                    bucket.complaints(),
                    max,
                    plotHeight,
                    COMPLAINT,
                    bucket,
                    "complaints");
        }
        if (buckets.stream().allMatch(bucket -> bucket.sends() != null)) {
            long maxSends =
                    Math.max(
                            1,
                            buckets.stream()
                                    .mapToLong(IncidentReport.Bucket::sends)
                                    .max()
                                    .orElse(0));
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < buckets.size(); i++) {
                points.append(number(LEFT + (i + 0.5) * slot))
                        .append(',')
                        .append(
                                number(
                                        TOP
                                                + plotHeight
                                                - (double) buckets.get(i).sends()
                                                        / maxSends
                                                        * plotHeight))
                        .append(' ');
            }
            svg.append("<polyline class=\"sends\" fill=\"none\" stroke=\"")
                    .append(SENDS)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>");
            text(
                    svg,
                    WIDTH - RIGHT + 6,
                    TOP + 4,
                    "start",
                    IncidentTables.count(maxSends) + " sends");
        }
        Instant first = buckets.get(0).start();
        double span = (double) buckets.size() * bucketWidth.toMillis();
        if (fixedAt != null) {
            double x = LEFT + (fixedAt.toEpochMilli() - first.toEpochMilli()) / span * plotWidth;
            svg.append("<line class=\"fix\" x1=\"")
                    .append(number(x))
                    .append("\" x2=\"")
                    .append(number(x))
                    .append("\" y1=\"")
                    .append(TOP - 10)
                    .append("\" y2=\"")
                    .append(TOP + plotHeight)
                    .append("\" stroke=\"#222\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>");
            text(svg, x + 4, TOP - 12, "start", "fix " + Timestamps.format(fixedAt));
        }
        // a label takes about 110 pixels: every few bars, so that labels never overlap
        int every = (int) Math.ceil(Math.max(110, plotWidth / 6.0) / slot);
        for (int index = 0; index < buckets.size(); index += every) {
            text(
                    svg,
                    LEFT + (index + 0.5) * slot,
                    height - 12,
                    "middle",
                    Timestamps.format(buckets.get(index).start())
                            .substring(0, 16)
                            .replace('T', ' '));
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars per row (hard bounces, other bounces, complaints), the name on the left. */
    static String rows(String id, String title, List<IncidentReport.Row> rows) {
        int rowHeight = 24;
        int nameWidth = 300;
        int height = TOP + Math.max(1, rows.size()) * rowHeight + 8;
        int plotWidth = WIDTH - nameWidth - RIGHT;
        long max = Math.max(1, rows.stream().mapToLong(IncidentReport.Row::total).max().orElse(0));
        StringBuilder svg = open(id, height, title);
        for (int i = 0; i < rows.size(); i++) {
            IncidentReport.Row row = rows.get(i);
            double y = TOP + i * rowHeight;
            text(svg, nameWidth - 8, y + 16, "end", shortened(row.name(), 44));
            double x = nameWidth;
            x =
                    across(
                            svg,
                            x,
                            y + 4,
                            row.hardBounced(),
                            max,
                            plotWidth,
                            HARD,
                            row.name() + ": hard bounces");
            x =
                    across(
                            svg,
                            x,
                            y + 4,
                            row.bounced() - row.hardBounced(),
                            max,
                            plotWidth,
                            SOFT,
                            row.name() + ": other bounces");
            x =
                    across(
                            svg,
                            x,
                            y + 4,
                            row.complained(),
                            max,
                            plotWidth,
                            COMPLAINT,
                            row.name() + ": complaints");
            text(svg, x + 6, y + 16, "start", IncidentTables.count(row.total()));
        }
        return svg.append("</svg>").toString();
    }

    /** The legend the charts share. */
    static String legend(boolean withSends) {
        StringBuilder svg = open("legend", 24, "Legend");
        double x = LEFT;
        for (String[] entry :
                withSends
                        ? new String[][] {
                            {HARD, "hard bounces"},
                            {SOFT, "other bounces"},
                            {COMPLAINT, "complaints"},
                            {SENDS, "sends"}
                        }
                        : new String[][] {
                            {HARD, "hard bounces"},
                            {SOFT, "other bounces"},
                            {COMPLAINT, "complaints"}
                        }) {
            svg.append("<rect x=\"")
                    .append(number(x))
                    .append("\" y=\"6\" width=\"14\" height=\"14\" fill=\"")
                    .append(entry[0])
                    .append("\"/>");
            text(svg, x + 20, 18, "start", entry[1]);
            x += 150;
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, int height, String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"")
                .append(id)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\"><title>")
                .append(IncidentHtml.escape(title))
                .append("</title>");
    }

    private static void axis(StringBuilder svg, int plotHeight, long max, String unit) {
        svg.append("<line x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y1=\"")
                .append(TOP + plotHeight)
                .append("\" y2=\"")
                .append(TOP + plotHeight)
                .append("\" stroke=\"#888\"/>");
        for (long tick : new long[] {0, max / 2, max}) {
            double y = TOP + plotHeight - (double) tick / max * plotHeight;
            svg.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y1=\"")
                    .append(number(y))
                    .append("\" y2=\"")
                    .append(number(y))
                    .append("\" stroke=\"#e4e4e4\"/>");
            text(svg, LEFT - 6, y + 4, "end", IncidentTables.count(tick));
        }
        text(svg, LEFT, TOP - 12, "start", unit);
    }

    /** A segment of a vertical bar, drawn upwards from {@code bottom}; the new top. */
    private static double stack(
            StringBuilder svg,
            double x,
            double bottom,
            double width,
            long value,
            long max,
            int plotHeight,
            String colour,
            IncidentReport.Bucket bucket,
            String what) {
        if (value <= 0) {
            return bottom;
        }
        double height = (double) value / max * plotHeight;
        rect(
                svg,
                x,
                bottom - height,
                width,
                height,
                colour,
                Timestamps.format(bucket.start())
                        + ": "
                        + IncidentTables.count(value)
                        + " "
                        + what);
        return bottom - height;
    }

    /** A segment of a horizontal bar, drawn rightwards from {@code left}; the new right end. */
    private static double across(
            StringBuilder svg,
            double left,
            double y,
            long value,
            long max,
            int plotWidth,
            String colour,
            String what) {
        if (value <= 0) {
            return left;
        }
        double width = (double) value / max * plotWidth;
        rect(svg, left, y, width, 16, colour, what + " " + IncidentTables.count(value));
        return left + width;
    }

    private static void rect(
            StringBuilder svg,
            double x,
            double y,
            double width,
            double height,
            String colour,
            String tip) {
        svg.append("<rect x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y))
                .append("\" width=\"")
                .append(number(width))
                .append("\" height=\"")
                .append(number(height))
                .append("\" fill=\"")
                .append(colour)
                .append("\"><title>")
                .append(IncidentHtml.escape(tip))
                .append("</title></rect>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append("<text x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\">")
                .append(IncidentHtml.escape(text))
                .append("</text>");
    }

    private static String shortened(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
