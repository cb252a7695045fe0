package io.sesfeedback.testing.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The launcher's transactions on moto's DynamoDB, through the SDK, on a table of their own with an
 * index by type: a cancelled one puts back exactly the items it touched, in the table and the
 * index, a successful one applies every item, and neither copies the table.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class MotoDynamoDbTest {

    private final DynamoDbClient dynamo;
    private final String tableName = "transactions-" + UUID.randomUUID();

    MotoDynamoDbTest(MotoDynamoDb moto) {
        dynamo = moto.client();
        dynamo.createTable(
                r ->
                        r.tableName(tableName)
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
                                                        .attributeType(ScalarAttributeType.S),
                                        a ->
                                                a.attributeName("eventKey")
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
                                                                                                .HASH),
                                                                k ->
                                                                        k.attributeName("eventKey")
                                                                                .keyType(
                                                                                        KeyType
                                                                                                .RANGE))
                                                        .projection(
                                                                p ->
                                                                        p.projectionType(
                                                                                ProjectionType
                                                                                        .ALL))));
    }

    @AfterEach
    void deleteTable() {
        dynamo.deleteTable(r -> r.tableName(tableName));
        dynamo.close();
    }

    private static Map<String, AttributeValue> item(String pk, String sk, Object... more) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Map.of("pk", s(pk), "sk", s(sk)));
        for (int i = 0; i < more.length; i += 2) {
            item.put(
                    (String) more[i],
                    more[i + 1] instanceof Number n
                            ? AttributeValue.fromN(n.toString())
                            : s((String) more[i + 1]));
        }
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return item(pk, sk);
    }

    private List<Map<String, AttributeValue>> everything() {
        return dynamo.scanPaginator(r -> r.tableName(tableName)).items().stream()
                .sorted(
                        Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
                                .thenComparing(i -> i.get("sk").s()))
                .toList();
    }

    /** What the ByType index holds for one type: the index as a reader sees it. */
    private List<String> byType(String type) {
        return dynamo
                .queryPaginator(
                        r ->
                                r.tableName(tableName)
                                        .indexName("ByType")
                                        .keyConditionExpression("messageType = :t")
                                        .expressionAttributeValues(Map.of(":t", s(type))))
                .items()
                .stream()
                .map(i -> i.get("pk").s() + " " + i.get("sk").s())
                .sorted()
                .toList();
    }

    private List<TransactWriteItem> putUpdateDeleteAndAFailingCondition(boolean conditionHolds) {
        return List.of(
                TransactWriteItem.builder()
                        .put(
                                p ->
                                        p.tableName(tableName)
                                                .item(
                                                        item(
                                                                "MESSAGE#new",
                                                                "MESSAGE",
                                                                "messageType",
                                                                "Bounce",
                                                                "eventKey",
                                                                "new"))
                                                .conditionExpression("attribute_not_exists(pk)"))
                        .build(),
                TransactWriteItem.builder()
                        .update(
                                u ->
                                        u.tableName(tableName)
                                                .key(key("RECIPIENT#a@example.com", "STATUS"))
                                                .updateExpression(
                                                        "SET messageType = :t, permanentBounces = permanentBounces + :one")
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":t",
                                                                s("Complaint"),
                                                                ":one",
                                                                AttributeValue.fromN("1"))))
                        .build(),
                TransactWriteItem.builder()
                        .put(
                                p ->
                                        p.tableName(tableName)
                                                .item(
                                                        item(
                                                                "FEEDBACK#claimed",
                                                                "CLAIM",
                                                                "owner",
                                                                "second"))
                                                .conditionExpression(
                                                        conditionHolds
                                                                ? "attribute_exists(pk)"
                                                                : "attribute_not_exists(pk)")
                                                .returnValuesOnConditionCheckFailure(
                                                        ReturnValuesOnConditionCheckFailure
                                                                .ALL_OLD))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName(tableName).key(key("MESSAGE#old", "MESSAGE")))
                        .build(),
                TransactWriteItem.builder()
                        .update(
                                u ->
                                        u.tableName(tableName)
                                                .key(key("RECIPIENT#b@example.com", "STATUS"))
                                                .updateExpression("SET transientBounces = :one")
                                                .expressionAttributeValues(
                                                        Map.of(":one", AttributeValue.fromN("1"))))
                        .build());
    }

    private void storeTheItemsTheTransactionTouches() {
        dynamo.putItem(
                r ->
                        r.tableName(tableName)
                                .item(
                                        item(
                                                "RECIPIENT#a@example.com",
                                                "STATUS",
                                                "messageType",
                                                "Bounce",
                                                "eventKey",
                                                "a",
                                                "permanentBounces",
                                                1)));
        dynamo.putItem(
                r ->
                        r.tableName(tableName)
                                .item(item("FEEDBACK#claimed", "CLAIM", "owner", "first")));
        dynamo.putItem(
                r ->
                        r.tableName(tableName)
                                .item(
                                        item(
                                                "MESSAGE#old",
                                                "MESSAGE",
                                                "messageType",
                                                "Bounce",
                                                "eventKey",
                                                "old")));
    }

    @Test
    void anItemCallAnswersConsumedCapacityOnlyWhenAskedAsDynamoDbDoes() {
        var unasked =
                dynamo.putItem(r -> r.tableName(tableName).item(item("MESSAGE#quiet", "MESSAGE")));
        var asked =
                dynamo.putItem(
                        r ->
                                r.tableName(tableName)
                                        .item(item("MESSAGE#asked", "MESSAGE"))
                                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var read = dynamo.getItem(r -> r.tableName(tableName).key(key("MESSAGE#quiet", "MESSAGE")));
        var update =
                dynamo.updateItem(
                        r ->
                                r.tableName(tableName)
                                        .key(key("MESSAGE#quiet", "MESSAGE"))
                                        .updateExpression("SET eventKey = :k")
                                        .expressionAttributeValues(Map.of(":k", s("k"))));
        var query =
                dynamo.query(
                        r ->
                                r.tableName(tableName)
                                        .keyConditionExpression("pk = :pk")
                                        .expressionAttributeValues(
                                                Map.of(":pk", s("MESSAGE#quiet"))));

        assertThat(unasked.consumedCapacity()).isNull();
        assertThat(read.consumedCapacity()).isNull();
        assertThat(update.consumedCapacity()).isNull();
        assertThat(query.consumedCapacity()).isNull();
        assertThat(read.item()).containsKey("pk");
        assertThat(asked.consumedCapacity()).isNotNull();
    }

    @Test
    void aCancelledTransactionLeavesEveryItemItTouchedAsItWasInTheTableAndItsIndexes() {
        // given the items a transaction will put over, update, delete and fail on; and one it will
        // create
        storeTheItemsTheTransactionTouches();
        List<Map<String, AttributeValue>> before = everything();
        List<String> bouncesBefore = byType("Bounce");

        // when the third of its five items fails its condition (moto goes on applying the last two
        // before it cancels)
        TransactionCanceledException cancelled =
                catchThrowableOfType(
                        TransactionCanceledException.class,
                        () ->
                                dynamo.transactWriteItems(
                                        r ->
                                                r.transactItems(
                                                        putUpdateDeleteAndAFailingCondition(
                                                                false))));

        // then DynamoDB's reasons, the failed item's old image, and every item and index entry as
        // it was
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.cancellationReasons())
                .extracting(CancellationReason::code)
                .containsExactly("None", "None", "ConditionalCheckFailed", "None", "None");
        assertThat(cancelled.cancellationReasons().get(2).item())
                .containsEntry("owner", s("first"));
        assertThat(everything()).isEqualTo(before);
        assertThat(byType("Bounce")).isEqualTo(bouncesBefore);
        assertThat(byType("Complaint")).isEmpty();
    }

    @Test
    void aTransactionWhoseConditionsHoldAppliesEveryItem() {
        storeTheItemsTheTransactionTouches();

        dynamo.transactWriteItems(r -> r.transactItems(putUpdateDeleteAndAFailingCondition(true)));

        assertThat(everything())
                .containsExactly(
                        item("FEEDBACK#claimed", "CLAIM", "owner", "second"),
                        item("MESSAGE#new", "MESSAGE", "messageType", "Bounce", "eventKey", "new"),
                        item(
                                "RECIPIENT#a@example.com",
                                "STATUS",
                                "messageType",
                                "Complaint",
                                "eventKey",
                                "a",
                                "permanentBounces",
                                2),
                        item("RECIPIENT#b@example.com", "STATUS", "transientBounces", 1));
        assertThat(byType("Complaint")).containsExactly("RECIPIENT#a@example.com STATUS");
    }

    /**
     * moto alone copies every table a transaction touches (about 230 ms at 5,000 items): here it
     * costs what puts do.
     */
    @Test
    void onATableOfThousandsOfItemsATransactionTakesWhatAFewPutsTake() {
        int items = 5_000;
        List<WriteRequest> puts =
                IntStream.range(0, items)
                        .mapToObj(
                                i ->
                                        WriteRequest.builder()
                                                .putRequest(
                                                        p ->
                                                                p.item(
                                                                        item(
                                                                                "RECIPIENT#"
                                                                                        + i
                                                                                        + "@example.com",
                                                                                "STATUS",
                                                                                "messageType",
                                                                                "Bounce",
                                                                                "eventKey",
                                                                                Integer.toString(i),
                                                                                "raw",
                                                                                "x".repeat(200))))
                                                .build())
                        .toList();
        for (int i = 0; i < items; i += 25) {
            List<WriteRequest> batch = puts.subList(i, i + 25);
            dynamo.batchWriteItem(r -> r.requestItems(Map.of(tableName, batch)));
        }
        int rounds = 20;
        List<Long> putNanos = new ArrayList<>();
        List<Long> transactionNanos = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String id = Integer.toString(round);
            long start = System.nanoTime();
            dynamo.putItem(r -> r.tableName(tableName).item(item("PUT#" + id, "MESSAGE")));
            putNanos.add(System.nanoTime() - start);
            start = System.nanoTime();
            dynamo.transactWriteItems(
                    r ->
                            r.transactItems(
                                    TransactWriteItem.builder()
                                            .put(
                                                    p ->
                                                            p.tableName(tableName)
                                                                    .item(item("TX#" + id, "CLAIM"))
                                                                    .conditionExpression(
                                                                            "attribute_not_exists(pk)"))
                                            .build(),
                                    TransactWriteItem.builder()
                                            .update(
                                                    u ->
                                                            u.tableName(tableName)
                                                                    .key(
                                                                            key(
                                                                                    "RECIPIENT#"
                                                                                            + id
                                                                                            + "@example.com",
                                                                                    "STATUS"))
                                                                    .updateExpression(
                                                                            "SET permanentBounces = :n")
                                                                    .expressionAttributeValues(
                                                                            Map.of(
                                                                                    ":n",
                                                                                    AttributeValue
                                                                                            .fromN(
                                                                                                    id))))
                                            .build()));
            transactionNanos.add(System.nanoTime() - start);
        }

        System.out.printf(
                "moto's DynamoDB, a table of %,d items: a PutItem %.1f ms, a TransactWriteItems of 2 items %.1f ms"
                        + " (medians of %d)%n",
                items, median(putNanos), median(transactionNanos), rounds);
        assertThat(
                        dynamo.scanPaginator(r -> r.tableName(tableName).select("COUNT")).stream()
                                .mapToInt(page -> page.count())
                                .sum())
                .isEqualTo(items + 2 * rounds);
    }

    private static double median(List<Long> nanos) {
        return nanos.stream().sorted().toList().get(nanos.size() / 2) / 1e6;
    }
}
