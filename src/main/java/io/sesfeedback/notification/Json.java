package io.sesfeedback.notification;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorder's JSON, on Jackson's streaming parser alone: a value is a {@code Map} (in document
 * order), a {@code List}, a {@code String}, a number ({@code Integer}, {@code Long}, {@code
 * BigInteger} or {@code BigDecimal}), a {@code Boolean} or null. Reading is strict: a duplicate
 * key, content after the first value, nesting deeper than {@value #MAX_NESTING_DEPTH} or a string
 * longer than an SNS message can be is an error, so that an ambiguous body is kept raw rather than
 * half understood. (jackson-databind would add about 90 ms to a cold start for the same.)
 */
public final class Json {

    static final int MAX_NESTING_DEPTH = 64;

    /** SNS messages are at most 256 KiB. */
    static final int MAX_STRING_LENGTH = 256 * 1024;

    private static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                    .maxStringLength(MAX_STRING_LENGTH)
                                    .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private Json() {}

    /**
     * The JSON value of {@code text}; throws when the text is not exactly one valid JSON value
     * within the limits.
     */
    public static Object read(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON value {@code input} holds, read to its end under the same rules. */
    public static Object read(InputStream input) throws IOException {
        try (JsonParser parser = FACTORY.createParser(input)) {
            return read(parser);
        }
    }

    /** A JSON object as a map: for tools and tests that read log lines. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        Object value;
        try {
            value = read(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("Not a JSON object: " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Maps, collections, strings, numbers, booleans and nulls as one line of JSON. */
    public static String write(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** What a value is, in words, for messages: "a string", "an object", ... */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof List ? "a list" : "an object";
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new JsonParseException(parser, "No content: not a JSON value");
        }
        Object value = value(parser, first);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "Trailing token after the JSON value");
        }
        return value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName();
                        name != null;
                        name = parser.nextFieldName()) {
                    object.put(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken();
                        next != JsonToken.END_ARRAY;
                        next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "Unexpected " + token);
        };
    }

    /**
     * A decimal; an exponent no BigDecimal can hold is a parse error, not a crash of the caller.
     */
    private static BigDecimal decimal(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) {
            throw new JsonParseException(parser, "Number out of range: " + parser.getText());
        }
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                generator.writeFieldName(String.valueOf(field.getKey()));
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> elements) {
            generator.writeStartArray();
            for (Object element : elements) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }
}
