package io.sesfeedback.tools.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's request units for a write or a read, worked out from item sizes ({@link BilledSize})
 * as its developer guide documents them, for the table and each global secondary index ({@link
 * IndexShape}). No emulator's report is used: moto answers ReturnConsumedCapacity with a constant
 * 1.0, and DynamoDB Local with its own arithmetic.
 */
final class CapacityRules {

    /**
     * Write units on one target (the table or an index), charged to the partition-key value they
     * land on.
     */
    record Charge(String target, String keyValue, long units) {}

    private final List<IndexShape> indexes;

    CapacityRules(List<IndexShape> indexes) {
        this.indexes = indexes;
    }

    /**
     * A write that took the item with partition-key value {@code keyValue} from {@code before} to
     * {@code after} (null where there is no item): a PutItem, UpdateItem or DeleteItem, or one item
     * of a transaction ({@code times} 2).
     */
    List<Charge> write(
            String keyValue,
            Map<String, AttributeValue> before,
            Map<String, AttributeValue> after,
            int times) {
        List<Charge> charges = new ArrayList<>();
        // Developer guide, "DynamoDB read and write operations": a put or update bills the larger
        // item, before or after; a delete the deleted one
        long bytes = Math.max(size(before), size(after));
        // Developer guide, "Amazon DynamoDB Transactions: How it works" (capacity management): two
        // writes of every item in a transaction
        charges.add(new Charge(KeyHeat.TABLE, keyValue, times * BilledSize.writeUnits(bytes)));
        for (IndexShape index : indexes) {
            charges.addAll(indexWrites(index, before, after));
        }
        return charges;
    }

    /**
     * One index's writes for a table write (developer guide, "Using Global Secondary Indexes in
     * DynamoDB", write capacity units of its provisioned throughput considerations): a new entry is
     * one write, a removed entry one, a changed index key two (delete, then put), a changed
     * projected attribute one, and an item in the index neither before nor after, or whose entry is
     * unchanged, none. Each write is 1 KB units of its entry; an entry rewritten in place is billed
     * on the larger of its two sizes, as the table's UpdateItem is.
     */
    static List<Charge> indexWrites(
            IndexShape index,
            Map<String, AttributeValue> before,
            Map<String, AttributeValue> after) {
        Map<String, AttributeValue> old =
                before != null && index.holds(before) ? index.entry(before) : null;
        Map<String, AttributeValue> now =
                after != null && index.holds(after) ? index.entry(after) : null;
        if (old == null && now == null) {
            return List.of();
        }
        if (old == null) {
            return List.of(entryWrite(index, now, BilledSize.of(now)));
        }
        if (now == null) {
            return List.of(entryWrite(index, old, BilledSize.of(old)));
        }
        if (!index.keys().stream().allMatch(key -> old.get(key).equals(now.get(key)))) {
            return List.of(
                    entryWrite(index, old, BilledSize.of(old)),
                    entryWrite(index, now, BilledSize.of(now)));
        }
        if (old.equals(now)) {
            return List.of();
        }
        return List.of(entryWrite(index, now, Math.max(BilledSize.of(old), BilledSize.of(now))));
    }

    /**
     * A conditional write whose condition failed: nothing reaches an index, and the table bills the
     * attempt by the size of the existing item, or one unit when there is none (developer guide,
     * "Condition expressions": "The amount consumed is dependent on the size of the existing item
     * (or a minimum of 1)"). The item a put would have written does not count.
     */
    static Charge failedWrite(String keyValue, Map<String, AttributeValue> existing, int times) {
        if (existing == null) {
            return new Charge(KeyHeat.TABLE, keyValue, times);
        }
        return new Charge(
                KeyHeat.TABLE, keyValue, times * BilledSize.writeUnits(BilledSize.of(existing)));
    }

    /**
     * GetItem (developer guide, "DynamoDB read and write operations"): the whole item in 4 KB
     * units, an absent one as one.
     */
    static double getItem(Map<String, AttributeValue> wholeItem, boolean consistent) {
        return BilledSize.readUnits(size(wholeItem), consistent);
    }

    /**
     * Query: one read of the total size of the items (an index's: its entries) it read, rounded up
     * to 4 KB; a projection changes nothing.
     */
    static double query(List<Map<String, AttributeValue>> itemsRead, boolean consistent) {
        return BilledSize.readUnits(itemsRead.stream().mapToLong(BilledSize::of).sum(), consistent);
    }

    /**
     * BatchGetItem: each item as a GetItem of its own, rounded up to 4 KB each; each absent key as
     * one.
     */
    static double batchGetItem(
            List<Map<String, AttributeValue>> wholeItems, int absent, boolean consistent) {
        return wholeItems.stream().mapToDouble(item -> getItem(item, consistent)).sum()
                + absent * getItem(null, consistent);
    }

    private static Charge entryWrite(
            IndexShape index, Map<String, AttributeValue> entry, long bytes) {
        return new Charge(
                index.name(), entry.get(index.partitionKey()).s(), BilledSize.writeUnits(bytes));
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : BilledSize.of(item);
    }
}
