package io.sesfeedback.tools.cost;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the write units land: per table and index, the units each partition-key value took, and per
 * message type the units a notification puts on one key value. DynamoDB gives one partition-key
 * value at most 1,000 write units a second, on-demand included, and a throttled index write fails
 * the table's (developer guide, "Burst and adaptive capacity"): the hottest key of a type sets how
 * many of its notifications a second the table takes.
 */
final class KeyHeat {

    /** Write units a second one partition-key value takes at most. */
    static final double UNITS_PER_KEY_PER_SECOND = 1000;

    static final String TABLE = "table";

    /** A partition: the table or an index, and one value of its partition key. */
    record Partition(String target, String keyValue) {}

    /**
     * A type's hottest partition: the units one of its notifications puts there, and the
     * notifications/s it allows.
     */
    record Ceiling(String type, Partition partition, double unitsPerNotification) {
        double notificationsPerSecond() {
            return UNITS_PER_KEY_PER_SECOND / unitsPerNotification;
        }
    }

    /** One target's load: its units, how many key values share them, and the hottest one's part. */
    record Spread(
            String target, double units, int keyValues, String hottestKey, double hottestShare) {}

    private final Map<String, Map<String, Double>> unitsByTarget = new LinkedHashMap<>();
    private final Map<String, Map<Partition, Double>> unitsByType = new LinkedHashMap<>();
    private final Map<String, Integer> notifications = new LinkedHashMap<>();
    private String type;

    /** The notification being recorded next, of this message type. */
    void notification(String type) {
        this.type = type;
        notifications.merge(type, 1, Integer::sum);
    }

    void write(String target, String keyValue, double units) {
        unitsByTarget
                .computeIfAbsent(target, t -> new LinkedHashMap<>())
                .merge(keyValue, units, Double::sum);
        if (type != null) {
            unitsByType
                    .computeIfAbsent(type, t -> new LinkedHashMap<>())
                    .merge(new Partition(target, keyValue), units, Double::sum);
        }
    }

    /** The table and the indexes that took writes, in the order they first did. */
    Set<String> targets() {
        return unitsByTarget.keySet();
    }

    /** The notifications of one type replayed. */
    int notifications(String type) {
        return notifications.getOrDefault(type, 0);
    }

    Spread spread(String target) {
        Map<String, Double> keys = unitsByTarget.getOrDefault(target, Map.of());
        double total = keys.values().stream().mapToDouble(Double::doubleValue).sum();
        Map.Entry<String, Double> hottest =
                keys.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElse(Map.entry("-", 0.0));
        return new Spread(
                target,
                total,
                keys.size(),
                hottest.getKey(),
                total == 0 ? 0 : hottest.getValue() / total);
    }

    Ceiling ceiling(String type) {
        int count = notifications.getOrDefault(type, 0);
        Map.Entry<Partition, Double> hottest =
                unitsByType.getOrDefault(type, Map.of()).entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow();
        return new Ceiling(type, hottest.getKey(), hottest.getValue() / count);
    }

    void print(PrintStream out) {
        int total = notifications.values().stream().mapToInt(Integer::intValue).sum();
        out.printf(
                "Key heat of %,d notifications: write units per partition-key value (DynamoDB's sizing rules, each"
                        + " index's projection)%n",
                total);
        out.printf(
                "  %-16s %12s %11s  %-44s %7s%n",
                "target", "write units", "key values", "hottest key value", "share");
        for (String target : unitsByTarget.keySet()) {
            Spread spread = spread(target);
            out.printf(
                    "  %-16s %,12.0f %,11d  %-44s %6.1f%%%n",
                    target,
                    spread.units(),
                    spread.keyValues(),
                    shorten(spread.hottestKey(), 44),
                    100 * spread.hottestShare());
        }
        out.printf(
                "%nCeiling per type, alone: notifications/s before one key value passes %,.0f write units/s%n",
                UNITS_PER_KEY_PER_SECOND);
        out.printf(
                "  %-17s %12s  %-16s %-34s %11s%n",
                "type", "units/notif.", "on", "key value", "ceiling/s");
        unitsByType.keySet().stream()
                .map(this::ceiling)
                .sorted(Comparator.comparingDouble(Ceiling::notificationsPerSecond))
                .forEach(
                        c ->
                                out.printf(
                                        "  %-17s %12.2f  %-16s %-34s %,11.0f%n",
                                        c.type(),
                                        c.unitsPerNotification(),
                                        c.partition().target(),
                                        shorten(c.partition().keyValue(), 34),
                                        c.notificationsPerSecond()));
    }

    private static String shorten(String key, int width) {
        return key.length() <= width ? key : key.substring(0, width - 3) + "...";
    }
}
