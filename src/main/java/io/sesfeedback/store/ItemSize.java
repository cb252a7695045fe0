package io.sesfeedback.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit: attribute names and values in
 * UTF-8 bytes, numbers at their largest, three bytes per list or map plus one per element. It errs
 * high, never low.
 */
final class ItemSize {

    /** DynamoDB's limit, less a margin for what this estimate might miss. */
    static final int MAX_ITEM_BYTES = 400 * 1024 - 2048;

    private ItemSize() {}

    static long of(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += attribute(attribute.getKey(), attribute.getValue());
        }
        return bytes;
    }

    static long attribute(String name, AttributeValue value) {
        return utf8(name) + value(value);
    }

    static long value(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return 21;
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(element -> 1 + value(element)).sum();
        }
        if (value.hasM()) {
            return 3
                    + value.m().entrySet().stream()
                            .mapToLong(e -> 1 + attribute(e.getKey(), e.getValue()))
                            .sum();
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
