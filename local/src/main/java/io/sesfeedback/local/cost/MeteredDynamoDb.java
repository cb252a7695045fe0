package io.sesfeedback.local.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The recorder's DynamoDB client with a meter on it. Every call's capacity is computed by DynamoDB's documented rules
 * from item sizes ({@link BilledSize}), never taken from ReturnConsumedCapacity (moto answers a constant 1.0):
 * <ul>
 *   <li>a write, one unit per KB of the larger of the item before and after it; a conditional write whose condition
 *       fails, per KB of the item as it stands (one unit when there is none); a transaction, twice that for each item
 *       (a cancelled one too: DynamoDB bills the attempt), and a condition check as a write of the item it reads;</li>
 *   <li>each index, by its projection: an entry put, changed or deleted is one unit per KB of the entry (both the old
 *       and the new when the index key changed); an entry the write leaves as it was costs nothing;</li>
 *   <li>a read, one unit per 4 KB of what it returns (a query, of its items together), at least one; half for an
 *       eventually consistent read.</li>
 * </ul>
 * The items before and after each write are read unmetered, and the time those reads take is kept apart
 * ({@link Units#meteringNanos}) so that the recorder's own time can be told. With a {@link KeyHeat}, every write is
 * also charged, by the same rules, to the partition-key value it lands on.
 */
final class MeteredDynamoDb implements DynamoDbClient {

    /** Units of one kind of call, counted by the rules. */
    static final class Units {
        double writes;
        double reads;
        long calls;
        /** Time spent reading items for the meter, not by the recorder. */
        long meteringNanos;

        void add(Units other) {
            writes += other.writes;
            reads += other.reads;
            calls += other.calls;
            meteringNanos += other.meteringNanos;
        }
    }

    private final DynamoDbClient dynamo;
    private final List<IndexShape> indexes;
    private final KeyHeat heat;
    private Units units = new Units();

    MeteredDynamoDb(DynamoDbClient dynamo, List<IndexShape> indexes, KeyHeat heat) {
        this.dynamo = dynamo;
        this.indexes = indexes;
        this.heat = heat;
    }

    /** The units counted since the last call, and a fresh count. */
    synchronized Units take() {
        Units taken = units;
        units = new Units();
        return taken;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        called();
        Map<String, AttributeValue> before = current(request.tableName(), keyOf(request.item()));
        try {
            PutItemResponse response = dynamo.putItem(request);
            written(keyOf(request.item()), before, request.item(), 1);
            return response;
        } catch (ConditionalCheckFailedException e) {
            conditionFailed(before, keyOf(request.item()));
            throw e;
        }
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        called();
        Map<String, AttributeValue> before = current(request.tableName(), request.key());
        try {
            UpdateItemResponse response = dynamo.updateItem(request);
            written(request.key(), before, current(request.tableName(), request.key()), 1);
            return response;
        } catch (ConditionalCheckFailedException e) {
            conditionFailed(before, request.key());
            throw e;
        }
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        called();
        Map<String, AttributeValue> before = current(request.tableName(), request.key());
        try {
            DeleteItemResponse response = dynamo.deleteItem(request);
            written(request.key(), before, null, 1);
            return response;
        } catch (ConditionalCheckFailedException e) {
            conditionFailed(before, request.key());
            throw e;
        }
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        called();
        GetItemResponse response = dynamo.getItem(request);
        read(response.hasItem() ? BilledSize.of(response.item()) : 0, request.consistentRead());
        return response;
    }

    /** The soft-bounce rule's read of an address's newest events, and the index queries, a page at a time. */
    @Override
    public QueryResponse query(QueryRequest request) {
        called();
        QueryResponse response = dynamo.query(request);
        read(response.items().stream().mapToLong(BilledSize::of).sum(), request.consistentRead());
        return response;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        called();
        List<Map<String, AttributeValue>> before = new ArrayList<>();
        request.transactItems().forEach(item -> before.add(current(tableOf(item), keyOf(item))));
        try {
            TransactWriteItemsResponse response = dynamo.transactWriteItems(request);
            for (int i = 0; i < before.size(); i++) {
                TransactWriteItem item = request.transactItems().get(i);
                if (item.conditionCheck() != null) {
                    tableWrite(before.get(i), before.get(i), item.conditionCheck().key(), 2);
                } else {
                    written(keyOf(item), before.get(i), item.delete() != null ? null : current(tableOf(item), keyOf(item)), 2);
                }
            }
            return response;
        } catch (TransactionCanceledException e) {
            // nothing was written, nothing reaches an index; the table bills the attempt at each item's larger size
            for (int i = 0; i < before.size(); i++) {
                TransactWriteItem item = request.transactItems().get(i);
                tableWrite(before.get(i), item.put() != null ? item.put().item() : null, keyOf(item), 2);
            }
            throw e;
        }
    }

    /** A write that took place: the table's units, times {@code times}, and each index's by its projection. */
    private synchronized void written(Map<String, AttributeValue> key, Map<String, AttributeValue> before,
                                      Map<String, AttributeValue> after, int times) {
        tableWrite(before, after, key, times);
        for (IndexShape index : indexes) {
            boolean was = before != null && index.holds(before);
            boolean is = after != null && index.holds(after);
            if (was && is && sameIndexKey(index, before, after)) {
                Map<String, AttributeValue> oldEntry = index.entry(before);
                Map<String, AttributeValue> newEntry = index.entry(after);
                if (!oldEntry.equals(newEntry)) {
                    charge(index.name(), after.get(index.partitionKey()), units(Math.max(BilledSize.of(oldEntry), BilledSize.of(newEntry))));
                }
                continue;
            }
            if (was) {
                charge(index.name(), before.get(index.partitionKey()), units(BilledSize.of(index.entry(before))));
            }
            if (is) {
                charge(index.name(), after.get(index.partitionKey()), units(BilledSize.of(index.entry(after))));
            }
        }
    }

    /** A conditional write refused: DynamoDB bills the item as it stands, one unit when there is none. */
    private synchronized void conditionFailed(Map<String, AttributeValue> before, Map<String, AttributeValue> key) {
        tableWrite(before, null, key, 1);
    }

    private synchronized void tableWrite(Map<String, AttributeValue> before, Map<String, AttributeValue> after,
                                         Map<String, AttributeValue> key, int times) {
        long bytes = Math.max(before == null ? 0 : BilledSize.of(before), after == null ? 0 : BilledSize.of(after));
        charge(KeyHeat.TABLE, key.get(IndexShape.PARTITION_KEY), times * units(bytes));
    }

    private synchronized void called() {
        units.calls++;
    }

    private synchronized void read(long bytes, Boolean consistent) {
        units.reads += BilledSize.readUnits(bytes, Boolean.TRUE.equals(consistent));
    }

    private static long units(long bytes) {
        return BilledSize.writeUnits(bytes);
    }

    private static boolean sameIndexKey(IndexShape index, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        return index.keys().stream().allMatch(key -> Objects.equals(before.get(key), after.get(key)));
    }

    private void charge(String target, AttributeValue key, long writeUnits) {
        units.writes += writeUnits;
        if (heat != null) {
            heat.write(target, key.s(), writeUnits);
        }
    }

    /** The item as it stands now, unmetered and timed apart; null when there is none. */
    private Map<String, AttributeValue> current(String table, Map<String, AttributeValue> key) {
        long start = System.nanoTime();
        GetItemResponse response = dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true));
        synchronized (this) {
            units.meteringNanos += System.nanoTime() - start;
        }
        return response.hasItem() ? response.item() : null;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(IndexShape.TABLE_KEYS.get(0), item.get(IndexShape.TABLE_KEYS.get(0)),
                IndexShape.TABLE_KEYS.get(1), item.get(IndexShape.TABLE_KEYS.get(1)));
    }

    private static String tableOf(TransactWriteItem item) {
        return item.put() != null ? item.put().tableName() : item.update() != null ? item.update().tableName()
                : item.delete() != null ? item.delete().tableName() : item.conditionCheck().tableName();
    }

    private static Map<String, AttributeValue> keyOf(TransactWriteItem item) {
        return item.put() != null ? keyOf(item.put().item()) : item.update() != null ? item.update().key()
                : item.delete() != null ? item.delete().key() : item.conditionCheck().key();
    }

    @Override
    public String serviceName() {
        return dynamo.serviceName();
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
