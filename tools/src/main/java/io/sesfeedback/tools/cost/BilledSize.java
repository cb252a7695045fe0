package io.sesfeedback.tools.cost;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it ("Item sizes and formats" in the DynamoDB developer guide):
 * names and strings in UTF-8 bytes, a number one byte per two significant digits plus one, binary
 * its bytes, a boolean or null one byte, a list or map three bytes plus one per element; and the
 * request units that size costs.
 */
final class BilledSize {

    /** What DynamoDB adds to each item, in the table and in each index, for storage. */
    static final int STORAGE_OVERHEAD_BYTES = 100;

    private BilledSize() {}

    static long of(Map<String, AttributeValue> item) {
        return item.entrySet().stream()
                .mapToLong(e -> utf8(e.getKey()) + value(e.getValue()))
                .sum();
    }

    /** One write request unit per 1 KB, at least one. */
    static long writeUnits(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /**
     * One read request unit per 4 KB for a strongly consistent read, at least one; half that for an
     * eventual one.
     */
    static double readUnits(long bytes, boolean consistent) {
        long units = Math.max(1, (bytes + 4095) / 4096);
        return consistent ? units : units / 2.0;
    }

    private static long value(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            String digits =
                    new BigDecimal(value.n())
                            .unscaledValue()
                            .abs()
                            .toString()
                            .replaceAll("0+$", "");
            return (Math.max(1, digits.length()) + 1) / 2 + 1;
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
                            .mapToLong(e -> 1 + utf8(e.getKey()) + value(e.getValue()))
                            .sum();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(BilledSize::utf8).sum();
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
