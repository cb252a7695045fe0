package io.sesfeedback.tools.incident;

import java.util.List;

/**
 * The incident report as one self-contained HTML page: inline CSS and SVG charts, no script, and a
 * content security policy that lets the page load nothing. Every value from the table is escaped.
 * The prevention section is editable in the browser, for the operator to complete before saving or
 * printing.
 */
final class IncidentHtml {

    private static final String STYLE =
            """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2em auto;max-width:1000px;color:#1d1d1d}
            h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}h3{font-size:1.05em}
            table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            td.n{text-align:right}th{background:#f3f3f3}.note{color:#555;font-size:.9em}
            svg.chart{display:block;margin:.5em 0;font-size:12px;fill:#333}
            #prevention{border:1px dashed #999;padding:.5em 1em;background:#fffbe6}""";

    private final IncidentReport report;
    private final IncidentTables tables;
    private final StringBuilder html = new StringBuilder();

    IncidentHtml(IncidentReport report) {
        this.report = report;
        this.tables = new IncidentTables(report);
    }

    String page() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>")
                .append(escape(IncidentTables.TITLE))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n<h1>")
                .append(escape(IncidentTables.TITLE))
                .append("</h1>\n");
        tables.heading().forEach(line -> element("p", line));
        html.append("<h2>Summary</h2><ul>");
        tables.summary().forEach(line -> element("li", line));
        html.append("</ul>\n<h2>")
                .append(escape(tables.timelineTitle()))
                .append("</h2>\n")
                .append(SvgCharts.legend(report.sends.available()))
                .append(SvgCharts.timeline(report.timeline(), report.fixedAt, report.bucketWidth))
                .append('\n');
        table(tables.timeline(), null);
        tables.aroundFix()
                .ifPresent(
                        table -> {
                            List<IncidentReport.Period> periods = report.aroundFix();
                            html.append("<h2>")
                                    .append(escape(table.title()))
                                    .append("</h2>\n")
                                    .append(
                                            SvgCharts.rows(
                                                    "fix-chart",
                                                    table.title(),
                                                    periods.stream()
                                                            .map(
                                                                    period ->
                                                                            new IncidentReport.Row(
                                                                                    period.name(),
                                                                                    period
                                                                                            .bounced(),
                                                                                    period
                                                                                            .hardBounced(),
                                                                                    period
                                                                                            .complained()))
                                                            .toList()))
                                    .append('\n');
                            table(table, null);
                        });
        table(tables.firstBadSends(), "h2");
        html.append("<h2>Attribution</h2>\n");
        IncidentReport.Attribution domains = report.attributions().get(0);
        html.append(SvgCharts.rows("domain-chart", "Recipients by domain", domains.rows()))
                .append('\n');
        tables.attributions().forEach(table -> table(table, "h3"));
        table(tables.suppressed(), "h2");
        table(tables.alarms(), "h2");
        html.append("<h2>")
                .append(escape(tables.preventionTitle()))
                .append("</h2>\n<div id=\"prevention\" contenteditable=\"true\"><ul>");
        tables.prevention().forEach(line -> element("li", line));
        return html.append("</ul></div>\n</body></html>\n").toString();
    }

    /** A table under a heading of {@code level} (none when null); numbers right-aligned. */
    private void table(IncidentTables.Table table, String level) {
        if (level != null) {
            element(level, table.title());
        }
        if (!table.rows().isEmpty()) {
            html.append("<table><tr>");
            table.columns().forEach(column -> element("th", column));
            html.append("</tr>");
            for (List<String> row : table.rows()) {
                html.append("<tr>");
                row.forEach(
                        cell ->
                                html.append(
                                                cell.matches("[\\d,.%-]+")
                                                        ? "<td class=\"n\">"
                                                        : "<td>")
                                        .append(escape(cell))
                                        .append("</td>"));
                html.append("</tr>");
            }
            html.append("</table>\n");
        }
        table.notes()
                .forEach(
                        note ->
                                html.append("<p class=\"note\">")
                                        .append(escape(note))
                                        .append("</p>\n"));
    }

    private void element(String name, String text) {
        html.append('<')
                .append(name)
                .append('>')
                .append(escape(text))
                .append("</")
                .append(name)
                .append(">\n");
    }

    /** Text for HTML content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
