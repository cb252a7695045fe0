package io.sesfeedback.local.cost;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The recorder's DynamoDB client with a meter on it: each call asks for its consumed capacity (table and indexes),
 * which DynamoDB Local reports for PutItem, UpdateItem, GetItem and Query. The rest is counted by DynamoDB's documented
 * rules from item sizes ({@link BilledSize}): a conditional put whose condition fails (one write per KB of the item),
 * and transactions (two writes per KB of each item, one per KB for each index that item is in), which DynamoDB Local
 * reports at four times, not two. With a {@link KeyHeat}, every write is also charged, by the same rules and each
 * index's projection, to the partition-key value it lands on.
 */
final class MeteredDynamoDb implements DynamoDbClient {

    /** Units of one kind of call, as measured: reported by DynamoDB Local, or counted by the rules. */
    static final class Units {
        double writes;
        double reads;
        long calls;
        long reportedCalls;

        void add(Units other) {
            writes += other.writes;
            reads += other.reads;
            calls += other.calls;
            reportedCalls += other.reportedCalls;
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
    Units take() {
        Units taken = units;
        units = new Units();
        return taken;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        units.calls++;
        try {
            PutItemResponse response = dynamo.putItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
            reported(response.consumedCapacity(), false, () -> written(request.item(), 1));
            heat(request.item(), 1);
            return response;
        } catch (ConditionalCheckFailedException e) {
            long itemUnits = BilledSize.writeUnits(BilledSize.of(request.item()));
            units.writes += itemUnits;
            if (heat != null) {
                heat.write(KeyHeat.TABLE, request.item().get(IndexShape.TABLE_KEYS.get(0)).s(), itemUnits);
            }
            throw e;
        }
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        units.calls++;
        UpdateItemResponse response = dynamo.updateItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
        Map<String, AttributeValue> after = current(request.tableName(), request.key());
        reported(response.consumedCapacity(), false, () -> written(after, 1));
        heat(after, 1);
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        units.calls++;
        GetItemResponse response = dynamo.getItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        reported(response.consumedCapacity(), true, () -> units.reads += BilledSize.readUnits(
                response.hasItem() ? BilledSize.of(response.item()) : 0, Boolean.TRUE.equals(request.consistentRead())));
        return response;
    }

    /** The soft-bounce rule's read of an address's newest events, a page at a time. */
    @Override
    public QueryResponse query(QueryRequest request) {
        units.calls++;
        QueryResponse response = dynamo.query(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        reported(response.consumedCapacity(), true, () -> units.reads += BilledSize.readUnits(
                response.items().stream().mapToLong(BilledSize::of).sum(), Boolean.TRUE.equals(request.consistentRead())));
        return response;
    }

    /** By the rules: every item twice; a cancelled transaction as if it had written (DynamoDB bills the attempt). */
    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        units.calls++;
        try {
            TransactWriteItemsResponse response = dynamo.transactWriteItems(request);
            request.transactItems().forEach(this::transactionWrite);
            return response;
        } catch (TransactionCanceledException e) {
            request.transactItems().forEach(this::transactionWrite);
            throw e;
        }
    }

    private void transactionWrite(TransactWriteItem write) {
        Map<String, AttributeValue> item = null;
        if (write.put() != null) {
            item = write.put().item();
        } else if (write.update() != null) {
            item = current(write.update().tableName(), write.update().key());
        }
        if (item != null) {
            written(item, 2);
            heat(item, 2);
        }
    }

    /** A write of {@code item}: {@code times} per KB in the table, once per KB of its entry in each index it is in. */
    private void written(Map<String, AttributeValue> item, int times) {
        units.writes += times * BilledSize.writeUnits(BilledSize.of(item));
        for (IndexShape index : indexes) {
            if (index.holds(item)) {
                units.writes += BilledSize.writeUnits(BilledSize.of(index.entry(item)));
            }
        }
    }

    /** The same write, charged to the partition-key value it lands on in the table and in each index. */
    private void heat(Map<String, AttributeValue> item, int times) {
        if (heat == null || item == null) {
            return;
        }
        heat.write(KeyHeat.TABLE, item.get(IndexShape.TABLE_KEYS.get(0)).s(), times * BilledSize.writeUnits(BilledSize.of(item)));
        for (IndexShape index : indexes) {
            if (index.holds(item)) {
                heat.write(index.name(), item.get(index.partitionKey()).s(), BilledSize.writeUnits(BilledSize.of(index.entry(item))));
            }
        }
    }

    /** DynamoDB Local's report (CapacityUnits, the table's and its indexes' together) when it gives one. */
    private void reported(ConsumedCapacity capacity, boolean read, Runnable byTheRules) {
        if (capacity == null || capacity.capacityUnits() == null) {
            byTheRules.run();
            return;
        }
        units.reportedCalls++;
        if (read) {
            units.reads += capacity.capacityUnits();
        } else {
            units.writes += capacity.capacityUnits();
        }
    }

    /** The item as it stands now, unmetered: what an update's write is billed on (its larger size, after). */
    private Map<String, AttributeValue> current(String table, Map<String, AttributeValue> key) {
        return dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true)).item();
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
