package io.sesfeedback.accountwatch;

/**
 * One difference between two checks: {@code field} went from {@code from} to {@code to}. {@code
 * from} is null on the first check and for a recommendation that opened; {@code to} is null for a
 * recommendation that closed.
 */
public record Change(String field, String from, String to) {

    public String describe() {
        if (from == null) {
            return field + " " + to;
        }
        return to == null ? field + " " + from + " closed" : field + " " + from + " -> " + to;
    }
}
