package io.sesfeedback.tools.items;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads of stored items and the text forms the commands print: plain text, CSV fields. */
public final class Items {

    private Items() {}

    /** A string or number attribute as text; empty when absent. */
    public static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return "";
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        return "";
    }

    public static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static final String FORMULA_STARTS = "=+-@\t\r";

    /** One CSV record (RFC 4180): fields quoted when they hold a comma, quote or line break. */
    public static String csv(List<String> fields) {
        return fields.stream().map(Items::csvField).collect(Collectors.joining(","));
    }

    /**
     * Quoted when it holds a separator, a quote or a line break. A cell a spreadsheet would run as
     * a formula (its first character {@code = + - @}, a tab or a carriage return: subjects and
     * diagnostic codes come from strangers) gets a leading {@code '} and quotes, as OWASP's CSV
     * injection advice has it.
     */
    private static String csvField(String field) {
        boolean formula = !field.isEmpty() && FORMULA_STARTS.indexOf(field.charAt(0)) >= 0;
        String text = formula ? "'" + field : field;
        if (formula
                || text.contains(",")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
