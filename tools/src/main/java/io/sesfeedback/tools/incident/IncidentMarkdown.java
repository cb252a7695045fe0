package io.sesfeedback.tools.incident;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The incident report as Markdown, for pasting into the support case: every value from the table
 * escaped.
 */
final class IncidentMarkdown {

    /** Characters Markdown (and the HTML it may carry) would read as markup inside a line. */
    private static final Pattern MARKUP = Pattern.compile("[\\\\`*_\\[\\]<>|#&~]");

    private final IncidentTables tables;
    private final StringBuilder text = new StringBuilder();

    IncidentMarkdown(IncidentReport report) {
        this.tables = new IncidentTables(report);
    }

    String text() {
        text.append("# ").append(IncidentTables.TITLE).append("\n\n");
        tables.heading().forEach(line -> text.append(escape(line)).append("  \n"));
        section("Summary");
        bullets(tables.summary());
        table(tables.timeline());
        tables.aroundFix().ifPresent(this::table);
        table(tables.firstBadSends());
        section("Attribution");
        tables.attributions().forEach(this::table);
        table(tables.suppressed());
        table(tables.alarms());
        section(tables.preventionTitle());
        bullets(tables.prevention());
        return text.toString();
    }

    private void section(String title) {
        text.append("\n## ").append(escape(title)).append("\n\n");
    }

    private void bullets(List<String> lines) {
        lines.forEach(line -> text.append("- ").append(escape(line)).append('\n'));
    }

    private void table(IncidentTables.Table table) {
        section(table.title());
        if (!table.rows().isEmpty()) {
            row(table.columns());
            text.append("|").append(" --- |".repeat(table.columns().size())).append('\n');
            table.rows().forEach(this::row);
            text.append('\n');
        }
        table.notes().forEach(note -> text.append(escape(note)).append("\n\n"));
    }

    private void row(List<String> cells) {
        text.append("| ")
                .append(
                        cells.stream()
                                .map(IncidentMarkdown::escape)
                                .collect(Collectors.joining(" | ")))
                .append(" |\n");
    }

    /** One line, each markup character behind a backslash. */
    static String escape(String value) {
        return MARKUP.matcher(value.replaceAll("\\s+", " "))
                .replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    }
}
