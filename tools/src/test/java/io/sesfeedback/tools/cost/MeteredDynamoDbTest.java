package io.sesfeedback.tools.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.testing.moto.MotoDynamoDb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The meter counts by DynamoDB's sizing rules, whatever the emulator reports (moto: a constant
 * 1.0): writes per KB of the larger of the item before and after, each index entry by its
 * projection, refused conditions on the item as it stands, transactions twice; reads per 4 KB.
 * Items here are one KB and a half ({@link #RAW} bytes and their keys).
 */
@Tag("moto")
class MeteredDynamoDbTest {

    /** With its keys and name, an item over 1 KB and under 2 KB: two write units. */
    private static final int RAW = 1_500;

    private final DynamoDbClient client = MotoDynamoDb.shared().client();
    private final String table = "metered-" + UUID.randomUUID();
    private final MeteredDynamoDb dynamo;

    MeteredDynamoDbTest() {
        client.createTable(
                r ->
                        r.tableName(table)
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .attributeDefinitions(
                                        a ->
                                                a.attributeName("pk")
                                                        .attributeType(ScalarAttributeType.S),
                                        a ->
                                                a.attributeName("sk")
                                                        .attributeType(ScalarAttributeType.S),
                                        a ->
                                                a.attributeName("messageType")
                                                        .attributeType(ScalarAttributeType.S))
                                .keySchema(
                                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                                .globalSecondaryIndexes(
                                        index ->
                                                index.indexName("ByType")
                                                        .keySchema(
                                                                k ->
                                                                        k.attributeName(
                                                                                        "messageType")
                                                                                .keyType(
                                                                                        KeyType
                                                                                                .HASH))
                                                        .projection(
                                                                p ->
                                                                        p.projectionType(
                                                                                ProjectionType
                                                                                        .ALL)),
                                        index ->
                                                index.indexName("TypeKeys")
                                                        .keySchema(
                                                                k ->
                                                                        k.attributeName(
                                                                                        "messageType")
                                                                                .keyType(
                                                                                        KeyType
                                                                                                .HASH))
                                                        .projection(
                                                                p ->
                                                                        p.projectionType(
                                                                                ProjectionType
                                                                                        .KEYS_ONLY))));
        dynamo =
                new MeteredDynamoDb(
                        client,
                        List.of(
                                new IndexShape("ByType", List.of("messageType"), "ALL", List.of()),
                                new IndexShape(
                                        "TypeKeys",
                                        List.of("messageType"),
                                        "KEYS_ONLY",
                                        List.of())),
                        null);
    }

    @AfterEach
    void deleteTable() {
        client.deleteTable(r -> r.tableName(table));
        client.close();
    }

    private static Map<String, AttributeValue> item(String type, int rawBytes) {
        Map<String, AttributeValue> item =
                new HashMap<>(
                        Map.of(
                                "pk",
                                AttributeValue.fromS("MESSAGE#1"),
                                "sk",
                                AttributeValue.fromS("MESSAGE"),
                                "raw",
                                AttributeValue.fromS("x".repeat(rawBytes))));
        if (type != null) {
            item.put("messageType", AttributeValue.fromS(type));
        }
        return item;
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(
                "pk", AttributeValue.fromS("MESSAGE#1"), "sk", AttributeValue.fromS("MESSAGE"));
    }

    private double writes(Runnable call) {
        dynamo.take();
        call.run();
        return dynamo.take().writes;
    }

    @Test
    void aPutIsBilledOnTheLargerItemAndEachIndexEntryItChanges() {
        // 2 in the table, 2 for its whole entry in ByType, 1 for its keys in TypeKeys
        assertThat(writes(() -> dynamo.putItem(r -> r.tableName(table).item(item("Bounce", RAW)))))
                .isEqualTo(5);
        // a smaller item over it: the table bills the larger (2), ByType the larger entry (2),
        // TypeKeys nothing changed
        assertThat(writes(() -> dynamo.putItem(r -> r.tableName(table).item(item("Bounce", 100)))))
                .isEqualTo(4);
    }

    @Test
    void anUpdateThatMovesTheIndexKeyDeletesTheOldEntryAndPutsTheNew() {
        client.putItem(r -> r.tableName(table).item(item("Bounce", RAW)));

        double units =
                writes(
                        () ->
                                dynamo.updateItem(
                                        r ->
                                                r.tableName(table)
                                                        .key(key())
                                                        .updateExpression("SET messageType = :t")
                                                        .expressionAttributeValues(
                                                                Map.of(
                                                                        ":t",
                                                                        AttributeValue.fromS(
                                                                                "Complaint")))));

        // table 2; ByType old entry 2 and new entry 2; TypeKeys old 1 and new 1
        assertThat(units).isEqualTo(8);
    }

    @Test
    void aWriteThatTakesAnItemOutOfASparseIndexDeletesItsEntry() {
        client.putItem(r -> r.tableName(table).item(item("Bounce", RAW)));

        double units =
                writes(
                        () ->
                                dynamo.updateItem(
                                        r ->
                                                r.tableName(table)
                                                        .key(key())
                                                        .updateExpression("REMOVE messageType")));

        assertThat(units).isEqualTo(2 + 2 + 1);
    }

    @Test
    void aRefusedConditionIsBilledOnTheItemAsItStandsAndOneUnitWithoutOne() {
        client.putItem(r -> r.tableName(table).item(item(null, 2 * RAW)));

        assertThat(
                        writes(
                                () ->
                                        assertThatThrownBy(
                                                        () ->
                                                                dynamo.putItem(
                                                                        r ->
                                                                                r.tableName(table)
                                                                                        .item(
                                                                                                item(
                                                                                                        "Bounce",
                                                                                                        10))
                                                                                        .conditionExpression(
                                                                                                "attribute_not_exists(pk)")))
                                                .isInstanceOf(
                                                        ConditionalCheckFailedException.class)))
                .as("the 3 KB item that stands, not the small one refused")
                .isEqualTo(3);
        client.deleteItem(r -> r.tableName(table).key(key()));
        assertThat(
                        writes(
                                () ->
                                        assertThatThrownBy(
                                                        () ->
                                                                dynamo.updateItem(
                                                                        r ->
                                                                                r.tableName(table)
                                                                                        .key(key())
                                                                                        .updateExpression(
                                                                                                "SET n = :n")
                                                                                        .expressionAttributeValues(
                                                                                                Map
                                                                                                        .of(
                                                                                                                ":n",
                                                                                                                AttributeValue
                                                                                                                        .fromN(
                                                                                                                                "1")))
                                                                                        .conditionExpression(
                                                                                                "attribute_exists(pk)")))
                                                .isInstanceOf(
                                                        ConditionalCheckFailedException.class)))
                .isEqualTo(1);
    }

    @Test
    void aTransactionIsTwiceItsItemsInTheTableAndACancelledOneIsBilledThereOnly() {
        TransactWriteItem put =
                TransactWriteItem.builder()
                        .put(
                                p ->
                                        p.tableName(table)
                                                .item(item("Bounce", RAW))
                                                .conditionExpression("attribute_not_exists(pk)"))
                        .build();

        // 2 x 2 in the table, and its entries once: 2 in ByType, 1 in TypeKeys
        assertThat(writes(() -> dynamo.transactWriteItems(r -> r.transactItems(put)))).isEqualTo(7);
        // the same again is cancelled: 2 x 2 in the table, nothing in an index
        assertThat(
                        writes(
                                () ->
                                        assertThatThrownBy(
                                                        () ->
                                                                dynamo.transactWriteItems(
                                                                        r -> r.transactItems(put)))
                                                .isInstanceOf(TransactionCanceledException.class)))
                .isEqualTo(4);
    }

    @Test
    void readsAreOneUnitPerFourKbAndHalfThatEventuallyConsistent() {
        client.putItem(r -> r.tableName(table).item(item("Bounce", 3 * RAW)));

        dynamo.take();
        dynamo.getItem(r -> r.tableName(table).key(key()).consistentRead(true));
        assertThat(dynamo.take().reads).as("4.5 KB, consistent").isEqualTo(2);
        dynamo.getItem(r -> r.tableName(table).key(key()));
        assertThat(dynamo.take().reads).as("4.5 KB, eventually consistent").isEqualTo(1);
        dynamo.getItem(
                r ->
                        r.tableName(table)
                                .key(
                                        Map.of(
                                                "pk",
                                                AttributeValue.fromS("none"),
                                                "sk",
                                                AttributeValue.fromS("none"))));
        assertThat(dynamo.take().reads).as("nothing found, eventually consistent").isEqualTo(0.5);
    }
}
