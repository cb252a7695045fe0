package io.sesfeedback.testing.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern evaluated against an event, by the rules of the EventBridge User
 * Guide ("Creating event patterns", eb-event-patterns.html; "Comparison operators",
 * eb-create-pattern-operators.html), for the part of the syntax this project's rules use:
 *
 * <ul>
 *   <li>every field of the pattern must match (AND); fields of the event the pattern does not name
 *       are ignored; a pattern field the event lacks does not match;
 *   <li>a field's values are an array, and any one of them matches (OR); an event field holding an
 *       array matches when any of its elements does;
 *   <li>matching is exact and case-sensitive: strings character by character, numbers by value,
 *       {@code true}, {@code false} and {@code null} as themselves (null matches a field present
 *       with null, never an absent one);
 *   <li>a nested object in the pattern matches the event's object at that field;
 *   <li>{@code {"prefix": "..."}} matches a string that starts with it; {@code {"exists": true}} a
 *       field present, {@code {"exists": false}} one absent (exists applies to leaf fields);
 *   <li>{@code "$or": [pattern, ...]} matches when any of its patterns matches the event at that
 *       level, beside the other fields of the pattern ("Or matching").
 * </ul>
 *
 * Any other operator ({@code anything-but}, {@code numeric}, ...) is refused rather than guessed,
 * so that a rule using one is seen to need more here.
 */
public final class EventPatterns {

    private EventPatterns() {}

    /**
     * Whether the event (its JSON as maps and lists, {@code detail-type} and all) matches the
     * pattern.
     */
    public static boolean matches(Map<String, ?> pattern, Map<String, ?> event) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("an event pattern names at least one field");
        }
        for (Map.Entry<String, ?> field : pattern.entrySet()) {
            if (field.getKey().equals("$or")) {
                if (!anyPatternMatches(field.getValue(), event)) {
                    return false;
                }
                continue;
            }
            if (field.getKey().startsWith("$")) {
                throw new IllegalArgumentException("not evaluated here: " + field.getKey());
            }
            if (!fieldMatches(field.getKey(), field.getValue(), event)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyPatternMatches(Object alternatives, Map<String, ?> event) {
        if (!(alternatives instanceof List<?> patterns) || patterns.size() < 2) {
            throw new IllegalArgumentException("$or takes an array of two patterns or more");
        }
        for (Object alternative : patterns) {
            if (!(alternative instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("$or takes patterns: " + alternative);
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> one = (Map<String, ?>) map;
            if (matches(one, event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fieldMatches(String name, Object expected, Map<String, ?> event) {
        boolean present = event.containsKey(name);
        Object actual = event.get(name);
        if (expected instanceof Map<?, ?> nested) {
            @SuppressWarnings("unchecked")
            Map<String, ?> nestedPattern = (Map<String, ?>) nested;
            if (!(actual instanceof Map<?, ?> object)) {
                return false;
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> nestedEvent = (Map<String, ?>) object;
            return matches(nestedPattern, nestedEvent);
        }
        if (!(expected instanceof List<?> values)) {
            throw new IllegalArgumentException(
                    "a pattern's leaf values are an array: " + name + " = " + expected);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an empty array matches nothing: " + name);
        }
        for (Object value : values) {
            if (value instanceof Map<?, ?> operator) {
                if (operatorMatches(name, operator, present, actual)) {
                    return true;
                }
            } else if (present && anyElement(actual, element -> equal(value, element))) {
                return true;
            }
        }
        return false;
    }

    private static boolean operatorMatches(
            String name, Map<?, ?> operator, boolean present, Object actual) {
        if (operator.size() != 1) {
            throw new IllegalArgumentException(
                    "one operator per object in an array: " + name + " " + operator);
        }
        Map.Entry<?, ?> only = operator.entrySet().iterator().next();
        Object argument = only.getValue();
        switch (String.valueOf(only.getKey())) {
            case "prefix" -> {
                if (!(argument instanceof String prefix)) {
                    throw new IllegalArgumentException(
                            "not evaluated here: prefix of " + argument + " in " + name);
                }
                return present
                        && anyElement(
                                actual,
                                element -> element instanceof String s && s.startsWith(prefix));
            }
            case "exists" -> {
                if (!(argument instanceof Boolean wanted)) {
                    throw new IllegalArgumentException("exists takes true or false: " + name);
                }
                boolean leaf = present && !(actual instanceof Map<?, ?>);
                return wanted == leaf;
            }
            default ->
                    throw new IllegalArgumentException(
                            "not evaluated here: " + only.getKey() + " in " + name);
        }
    }

    private interface ElementTest {
        boolean test(Object element);
    }

    private static boolean anyElement(Object actual, ElementTest test) {
        if (actual instanceof List<?> elements) {
            return elements.stream().anyMatch(test::test);
        }
        return test.test(actual);
    }

    private static boolean equal(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (expected instanceof String || expected instanceof Boolean) {
            return expected.equals(actual);
        }
        throw new IllegalArgumentException("not evaluated here: the value " + expected);
    }
}
