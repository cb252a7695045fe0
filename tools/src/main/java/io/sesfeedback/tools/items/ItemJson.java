package io.sesfeedback.tools.items;

import io.sesfeedback.notification.Json;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB item as one line of plain JSON: attribute names as stored, numbers as numbers, binary
 * as base64.
 */
public final class ItemJson {

    private ItemJson() {}

    public static String of(Map<String, AttributeValue> item) {
        return Json.write(plain(item));
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> sorted = new LinkedHashMap<>();
        new TreeMap<>(item).forEach((name, value) -> sorted.put(name, plain(value)));
        return sorted;
    }

    private static Object plain(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> new BigDecimal(value.n());
            case B -> Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe());
            case BOOL -> value.bool();
            case NUL -> null;
            case L -> value.l().stream().map(ItemJson::plain).toList();
            case M -> plain(value.m());
            case SS -> value.ss();
            case NS -> value.ns().stream().map(BigDecimal::new).toList();
            default ->
                    throw new IllegalArgumentException(
                            "Attribute type " + value.type() + " is not written by ses-feedback");
        };
    }
}
