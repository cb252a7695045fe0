package io.sesfeedback.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, null-safe reads of one JSON object of a message; {@code path} names it in problems ("bounce."). A field
 * of the wrong type is a {@link MalformedMessageException} that says where.
 */
public record JsonObject(JsonNode fields, String path) {

    /** The JSON object {@code input} holds; a {@link MalformedMessageException} when it holds anything else. */
    public static JsonObject read(InputStream input) {
        JsonNode json;
        try {
            json = Json.read(input);
        } catch (IOException e) {
            throw new MalformedMessageException("Not valid JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new MalformedMessageException("Not a JSON object");
        }
        return new JsonObject(json, "");
    }

    /** An entry of a list that was JSON null. */
    public boolean isNull() {
        return fields.isNull();
    }

    public boolean has(String name) {
        return present(name) != null;
    }

    public Optional<String> string(String name) {
        JsonNode value = present(name);
        if (value == null || value.isTextual()) {
            return Optional.ofNullable(value).map(JsonNode::textValue);
        }
        throw wrongType(name, "a string", value);
    }

    /** A string, number or boolean, as text. */
    public Optional<String> scalar(String name) {
        JsonNode value = present(name);
        if (value == null || value.isValueNode()) {
            return Optional.ofNullable(value).map(JsonNode::asText);
        }
        throw wrongType(name, "a string, number or boolean", value);
    }

    public Optional<JsonObject> object(String name) {
        JsonNode value = present(name);
        if (value == null || value.isObject()) {
            return Optional.ofNullable(value).map(object -> new JsonObject(object, path + name + "."));
        }
        throw wrongType(name, "an object", value);
    }

    public List<String> strings(String name) {
        List<String> strings = new ArrayList<>();
        for (JsonNode element : list(name)) {
            if (!element.isTextual()) {
                throw wrongType(name, "a list of strings", element);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** A list of strings in which a JSON null stands for an entry that is missing (null in the result). */
    public List<String> stringsOrNulls(String name) {
        List<String> strings = new ArrayList<>();
        for (JsonNode element : list(name)) {
            if (!element.isTextual() && !element.isNull()) {
                throw wrongType(name, "a list of strings", element);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** A string, or the first of a list of strings (SES message tags are lists). */
    public Optional<String> firstOf(String name) {
        JsonNode value = present(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : strings(name).stream().findFirst();
    }

    /** A list of objects in which a JSON null stands for an empty entry. */
    public List<JsonObject> objects(String name) {
        List<JsonObject> objects = new ArrayList<>();
        for (JsonNode element : list(name)) {
            if (!element.isObject() && !element.isNull()) {
                throw wrongType(name, "a list of objects", element);
            }
            objects.add(new JsonObject(element, path + name + "[]."));
        }
        return objects;
    }

    private List<JsonNode> list(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (value.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            value.forEach(elements::add);
            return elements;
        }
        throw wrongType(name, "a list", value);
    }

    /** The field's value; null when it is missing or JSON null. */
    private JsonNode present(String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private MalformedMessageException wrongType(String name, String expected, JsonNode actual) {
        String found = switch (actual.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        return new MalformedMessageException(path + name + " should be " + expected + " but holds " + found);
    }
}
