package io.sesfeedback.tools.cost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The recorder's DynamoDB client with a meter on it. Every call's units are worked out by
 * DynamoDB's documented rules ({@link CapacityRules}) from the items as they stood before and after
 * it, which the meter reads itself (asking a write for its old or new image, or reading the item,
 * unmetered), never from the emulator's capacity report. The caller gets the answer it asked for.
 * With a {@link KeyHeat}, every write is also charged to the partition-key value it lands on in the
 * table and each index. Calls may come from several threads at once.
 */
final class MeteredDynamoDb implements DynamoDbClient {

    /** Units of one kind of call, worked out by the rules. */
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
    private final CapacityRules rules;
    private final KeyHeat heat;
    private Units units = new Units();

    MeteredDynamoDb(DynamoDbClient dynamo, List<IndexShape> indexes, KeyHeat heat) {
        this.dynamo = dynamo;
        this.rules = new CapacityRules(indexes);
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
        String keyValue = partitionKey(request.item());
        try {
            PutItemResponse response =
                    dynamo.putItem(
                            request.toBuilder()
                                    .returnValues(ReturnValue.ALL_OLD)
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                    .build());
            charge(
                    rules.write(
                            keyValue,
                            response.hasAttributes() ? response.attributes() : null,
                            request.item(),
                            1));
            return request.returnValues() == ReturnValue.ALL_OLD
                    ? response
                    : response.toBuilder().attributes(null).build();
        } catch (ConditionalCheckFailedException e) {
            charge(List.of(CapacityRules.failedWrite(keyValue, e.hasItem() ? e.item() : null, 1)));
            throw answered(e, request.returnValuesOnConditionCheckFailure());
        }
    }

    /**
     * Billed on the item before (read first) and after (the call's new image, asked for unless the
     * caller asks for another).
     */
    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        called();
        Map<String, AttributeValue> before = whole(request.tableName(), request.key());
        ReturnValue asked = request.returnValues();
        boolean newImage =
                asked == null || asked == ReturnValue.NONE || asked == ReturnValue.ALL_NEW;
        try {
            UpdateItemResponse response =
                    dynamo.updateItem(
                            newImage
                                    ? request.toBuilder().returnValues(ReturnValue.ALL_NEW).build()
                                    : request);
            Map<String, AttributeValue> after =
                    newImage ? response.attributes() : whole(request.tableName(), request.key());
            charge(rules.write(partitionKey(request.key()), before, after, 1));
            return newImage && asked != ReturnValue.ALL_NEW
                    ? response.toBuilder().attributes(null).build()
                    : response;
        } catch (ConditionalCheckFailedException e) {
            charge(List.of(CapacityRules.failedWrite(partitionKey(request.key()), before, 1)));
            throw e;
        }
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        called();
        String keyValue = partitionKey(request.key());
        try {
            DeleteItemResponse response =
                    dynamo.deleteItem(
                            request.toBuilder()
                                    .returnValues(ReturnValue.ALL_OLD)
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                    .build());
            charge(
                    rules.write(
                            keyValue,
                            response.hasAttributes() ? response.attributes() : null,
                            null,
                            1));
            return request.returnValues() == ReturnValue.ALL_OLD
                    ? response
                    : response.toBuilder().attributes(null).build();
        } catch (ConditionalCheckFailedException e) {
            charge(List.of(CapacityRules.failedWrite(keyValue, e.hasItem() ? e.item() : null, 1)));
            throw answered(e, request.returnValuesOnConditionCheckFailure());
        }
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        called();
        GetItemResponse response = dynamo.getItem(request);
        boolean projected = request.projectionExpression() != null || request.hasAttributesToGet();
        Map<String, AttributeValue> item =
                projected
                        ? whole(request.tableName(), request.key())
                        : response.hasItem() ? response.item() : null;
        read(CapacityRules.getItem(item, Boolean.TRUE.equals(request.consistentRead())));
        return response;
    }

    /**
     * Billed on what the query read: when it filters, projects or counts, the same query again,
     * unmetered, without.
     */
    @Override
    public QueryResponse query(QueryRequest request) {
        called();
        QueryResponse response = dynamo.query(request);
        boolean narrowed =
                request.filterExpression() != null
                        || request.projectionExpression() != null
                        || request.hasAttributesToGet()
                        || request.select() != null;
        long start = System.nanoTime();
        List<Map<String, AttributeValue>> itemsRead =
                narrowed ? dynamo.query(everythingRead(request)).items() : response.items();
        metering(System.nanoTime() - start);
        read(CapacityRules.query(itemsRead, Boolean.TRUE.equals(request.consistentRead())));
        return response;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        called();
        BatchGetItemResponse response = dynamo.batchGetItem(request);
        request.requestItems()
                .forEach(
                        (table, asked) -> {
                            KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                            Set<Map<String, AttributeValue>> left =
                                    new HashSet<>(
                                            unprocessed == null ? List.of() : unprocessed.keys());
                            List<Map<String, AttributeValue>> found = new ArrayList<>();
                            int absent = 0;
                            for (Map<String, AttributeValue> key : asked.keys()) {
                                Map<String, AttributeValue> item =
                                        left.contains(key) ? null : whole(table, key);
                                if (item != null) {
                                    found.add(item);
                                } else if (!left.contains(key)) {
                                    absent++;
                                }
                            }
                            read(
                                    CapacityRules.batchGetItem(
                                            found,
                                            absent,
                                            Boolean.TRUE.equals(asked.consistentRead())));
                        });
        return response;
    }

    /**
     * Every item twice in the table; a cancelled transaction as if each item's write had failed its
     * condition.
     */
    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        called();
        List<Map<String, AttributeValue>> before =
                request.transactItems().stream()
                        .map(
                                write ->
                                        write.conditionCheck() != null
                                                ? null
                                                : whole(table(write), key(write)))
                        .toList();
        try {
            TransactWriteItemsResponse response = dynamo.transactWriteItems(request);
            for (int i = 0; i < request.transactItems().size(); i++) {
                TransactWriteItem write = request.transactItems().get(i);
                // a ConditionCheck writes nothing; the recorder never sends one
                if (write.conditionCheck() == null) {
                    Map<String, AttributeValue> after =
                            write.put() != null
                                    ? write.put().item()
                                    : write.update() != null
                                            ? whole(table(write), key(write))
                                            : null;
                    charge(rules.write(partitionKey(key(write)), before.get(i), after, 2));
                }
            }
            return response;
        } catch (TransactionCanceledException e) {
            for (int i = 0; i < request.transactItems().size(); i++) {
                TransactWriteItem write = request.transactItems().get(i);
                if (write.conditionCheck() == null) {
                    charge(
                            List.of(
                                    CapacityRules.failedWrite(
                                            partitionKey(key(write)), before.get(i), 2)));
                }
            }
            throw e;
        }
    }

    private synchronized void called() {
        units.calls++;
    }

    private synchronized void read(double readUnits) {
        units.reads += readUnits;
    }

    private synchronized void charge(List<CapacityRules.Charge> charges) {
        for (CapacityRules.Charge charge : charges) {
            units.writes += charge.units();
            if (heat != null) {
                heat.write(charge.target(), charge.keyValue(), charge.units());
            }
        }
    }

    /** The item as it stands, unmetered and consistent; null when there is none. */
    private Map<String, AttributeValue> whole(String table, Map<String, AttributeValue> key) {
        long start = System.nanoTime();
        GetItemResponse response =
                dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true));
        metering(System.nanoTime() - start);
        return response.hasItem() ? response.item() : null;
    }

    private synchronized void metering(long nanos) {
        units.meteringNanos += nanos;
    }

    /** The failure as the caller asked for it: with the existing item only if it asked for it. */
    private static ConditionalCheckFailedException answered(
            ConditionalCheckFailedException e, ReturnValuesOnConditionCheckFailure asked) {
        return asked == ReturnValuesOnConditionCheckFailure.ALL_OLD || !e.hasItem()
                ? e
                : e.toBuilder().item(null).build();
    }

    /**
     * The query as it reads, without what narrows its answer (and the names and values only that
     * used).
     */
    static QueryRequest everythingRead(QueryRequest request) {
        String keyCondition = request.keyConditionExpression();
        QueryRequest.Builder query =
                request.toBuilder()
                        .filterExpression(null)
                        .projectionExpression(null)
                        .attributesToGet((List<String>) null)
                        .select((String) null);
        if (request.hasExpressionAttributeNames()) {
            Map<String, String> names = new HashMap<>(request.expressionAttributeNames());
            names.keySet().removeIf(name -> !uses(keyCondition, name));
            query.expressionAttributeNames(names.isEmpty() ? null : names);
        }
        if (request.hasExpressionAttributeValues()) {
            Map<String, AttributeValue> values = new HashMap<>(request.expressionAttributeValues());
            values.keySet().removeIf(value -> !uses(keyCondition, value));
            query.expressionAttributeValues(values.isEmpty() ? null : values);
        }
        return query.build();
    }

    private static boolean uses(String expression, String placeholder) {
        return expression != null
                && Pattern.compile(Pattern.quote(placeholder) + "(?![A-Za-z0-9_])")
                        .matcher(expression)
                        .find();
    }

    private static String partitionKey(Map<String, AttributeValue> itemOrKey) {
        return itemOrKey.get(IndexShape.PARTITION_KEY).s();
    }

    private static String table(TransactWriteItem write) {
        return write.put() != null
                ? write.put().tableName()
                : write.update() != null
                        ? write.update().tableName()
                        : write.delete() != null
                                ? write.delete().tableName()
                                : write.conditionCheck().tableName();
    }

    private static Map<String, AttributeValue> key(TransactWriteItem write) {
        if (write.put() != null) {
            Map<String, AttributeValue> key = new HashMap<>();
            IndexShape.TABLE_KEYS.forEach(name -> key.put(name, write.put().item().get(name)));
            return key;
        }
        return write.update() != null
                ? write.update().key()
                : write.delete() != null ? write.delete().key() : write.conditionCheck().key();
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
