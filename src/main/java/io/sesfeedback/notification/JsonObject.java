package io.sesfeedback.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, null-safe reads of one JSON object of a message; {@code path} names it in problems
 * ("bounce."). A field of the wrong type is a {@link MalformedMessageException} that says where.
 * {@code fields} is null for a list entry that was JSON null.
 */
record JsonObject(Map<String, Object> fields, String path) {

    /**
     * The JSON object {@code input} holds; a {@link MalformedMessageException} when it holds
     * anything else.
     */
    static JsonObject read(InputStream input) {
        try {
            return of(Json.read(input));
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(
                    ProblemKind.INVALID_JSON, "Not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value that {@link Json} read, as the top-level object; a {@link MalformedMessageException}
     * when it is not one.
     */
    @SuppressWarnings("unchecked")
    static JsonObject of(Object json) {
        if (!(json instanceof Map)) {
            throw new MalformedMessageException(
                    ProblemKind.NOT_AN_OBJECT, "Not a JSON object but " + Json.describe(json));
        }
        return new JsonObject((Map<String, Object>) json, "");
    }

    /** An entry of a list that was JSON null. */
    boolean isNull() {
        return fields == null;
    }

    boolean has(String name) {
        return present(name) != null;
    }

    Optional<String> string(String name) {
        Object value = present(name);
        if (value == null || value instanceof String) {
            return Optional.ofNullable((String) value);
        }
        throw wrongType(name, "a string", value);
    }

    /** A string, number or boolean, as text. */
    Optional<String> scalar(String name) {
        Object value = present(name);
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean) {
            return Optional.ofNullable(value).map(String::valueOf);
        }
        throw wrongType(name, "a string, number or boolean", value);
    }

    @SuppressWarnings("unchecked")
    Optional<JsonObject> object(String name) {
        Object value = present(name);
        if (value == null || value instanceof Map) {
            return Optional.ofNullable(value)
                    .map(object -> new JsonObject((Map<String, Object>) object, path + name + "."));
        }
        throw wrongType(name, "an object", value);
    }

    List<String> strings(String name) {
        List<String> strings = new ArrayList<>();
        for (Object element : list(name)) {
            if (!(element instanceof String text)) {
                throw wrongType(name, "a list of strings", element);
            }
            strings.add(text);
        }
        return strings;
    }

    /**
     * A list of strings in which a JSON null stands for an entry that is missing (null in the
     * result).
     */
    List<String> stringsOrNulls(String name) {
        List<String> strings = new ArrayList<>();
        for (Object element : list(name)) {
            if (element != null && !(element instanceof String)) {
                throw wrongType(name, "a list of strings", element);
            }
            strings.add((String) element);
        }
        return strings;
    }

    /** A string, or the first of a list of strings (SES message tags are lists). */
    Optional<String> firstOf(String name) {
        return present(name) instanceof String text
                ? Optional.of(text)
                : strings(name).stream().findFirst();
    }

    /** A list of objects in which a JSON null stands for an empty entry ({@link #isNull()}). */
    @SuppressWarnings("unchecked")
    List<JsonObject> objects(String name) {
        List<JsonObject> objects = new ArrayList<>();
        for (Object element : list(name)) {
            if (element != null && !(element instanceof Map)) {
                throw wrongType(name, "a list of objects", element);
            }
            objects.add(new JsonObject((Map<String, Object>) element, path + name + "[]."));
        }
        return objects;
    }

    private List<?> list(String name) {
        Object value = present(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> elements) {
            return elements;
        }
        throw wrongType(name, "a list", value);
    }

    /**
     * The field's value; null when it is missing or JSON null, or when this entry itself was null.
     */
    private Object present(String name) {
        return fields == null ? null : fields.get(name);
    }

    private MalformedMessageException wrongType(String name, String expected, Object actual) {
        return new MalformedMessageException(
                ProblemKind.WRONG_FIELD_TYPE,
                path + name + " should be " + expected + " but holds " + Json.describe(actual));
    }
}
