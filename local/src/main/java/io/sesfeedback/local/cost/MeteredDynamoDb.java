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
            written(request.item(), 1, !reportedWrite(response.consumedCapacity()));
            return response;
        } catch (ConditionalCheckFailedException e) {
            // nothing reaches an index, but the table bills one write per KB of the item all the same
            charge(KeyHeat.TABLE, request.item().get(IndexShape.PARTITION_KEY), BilledSize.writeUnits(BilledSize.of(request.item())), true);
            throw e;
        }
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        units.calls++;
        UpdateItemResponse response = dynamo.updateItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
        written(current(request.tableName(), request.key()), 1, !reportedWrite(response.consumedCapacity()));
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        units.calls++;
        GetItemResponse response = dynamo.getItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        reported(response.consumedCapacity(), () -> units.reads += BilledSize.readUnits(
                response.hasItem() ? BilledSize.of(response.item()) : 0, Boolean.TRUE.equals(request.consistentRead())));
        return response;
    }

    /** The soft-bounce rule's read of an address's newest events, a page at a time. */
    @Override
    public QueryResponse query(QueryRequest request) {
        units.calls++;
        QueryResponse response = dynamo.query(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        reported(response.consumedCapacity(), () -> units.reads += BilledSize.readUnits(
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
            written(item, 2, true);
        }
    }

    /**
     * A write of {@code item}: {@code times} per KB in the table, once per KB of its entry in each index it is in,
     * counted unless DynamoDB Local reported the call's units, and charged to each partition-key value it lands on.
     */
    private void written(Map<String, AttributeValue> item, int times, boolean counted) {
        charge(KeyHeat.TABLE, item.get(IndexShape.PARTITION_KEY), times * BilledSize.writeUnits(BilledSize.of(item)), counted);
        for (IndexShape index : indexes) {
            if (index.holds(item)) {
                charge(index.name(), item.get(index.partitionKey()), BilledSize.writeUnits(BilledSize.of(index.entry(item))), counted);
            }
        }
    }

    private void charge(String target, AttributeValue key, long writeUnits, boolean counted) {
        if (counted) {
            units.writes += writeUnits;
        }
        if (heat != null) {
            heat.write(target, key.s(), writeUnits);
        }
    }

    /** DynamoDB Local's report of a write's units (the table's and its indexes' together), counted; false without one. */
    private boolean reportedWrite(ConsumedCapacity capacity) {
        if (capacity == null || capacity.capacityUnits() == null) {
            return false;
        }
        units.reportedCalls++;
        units.writes += capacity.capacityUnits();
        return true;
    }

    /** DynamoDB Local's report of a read's units when it gives one; else the rules. */
    private void reported(ConsumedCapacity capacity, Runnable byTheRules) {
        if (capacity == null || capacity.capacityUnits() == null) {
            byTheRules.run();
            return;
        }
        units.reportedCalls++;
        units.reads += capacity.capacityUnits();
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
