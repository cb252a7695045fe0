package io.sesfeedback.tools.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.tools.cost.CapacityRules.Charge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB's request units from item sizes, table and indexes, as the developer guide documents
 * them; no emulator.
 */
class CapacityRulesTest {

    /** Like TypeShards: a sharded key and a few projected attributes. */
    private static final IndexShape BY_TYPE =
            new IndexShape(
                    "TypeShards",
                    List.of("typeShard", "eventKey"),
                    "INCLUDE",
                    List.of("messageType", "subject"));

    /** Like MailMessages. */
    private static final IndexShape BY_MAIL =
            new IndexShape(
                    "MailMessages", List.of("sesMessageId", "eventKey"), "KEYS_ONLY", List.of());

    /** Like SuppressedShards: suppressed status items only, with their counters. */
    private static final IndexShape SUPPRESSED =
            new IndexShape(
                    "SuppressedShards",
                    List.of("suppressionShard", "suppressedAt"),
                    "INCLUDE",
                    List.of("address", "permanentBounces"));

    private static final CapacityRules RULES =
            new CapacityRules(List.of(BY_TYPE, BY_MAIL, SUPPRESSED));

    @Test
    void aNewTwoKilobyteMessageItemCostsTwoInTheTableAndOneForEachOfItsSmallIndexEntries() {
        Map<String, AttributeValue> message = message("Delivery#03", 2000);

        List<Charge> charges = RULES.write("MESSAGE#1", null, message, 1);

        assertThat(charges)
                .containsExactly(
                        new Charge(KeyHeat.TABLE, "MESSAGE#1", 2),
                        new Charge("TypeShards", "Delivery#03", 1),
                        new Charge("MailMessages", "0102-mail", 1));
    }

    @Test
    void aKeysOnlyEntryOfATwoKilobyteItemCostsOne() {
        assertThat(CapacityRules.indexWrites(BY_MAIL, null, message("Delivery#03", 2000)))
                .containsExactly(new Charge("MailMessages", "0102-mail", 1));
    }

    @Test
    void anAllProjectedEntryCostsWhatTheWholeItemDoes() {
        IndexShape all =
                new IndexShape("ByType", List.of("messageType", "eventKey"), "ALL", List.of());

        assertThat(CapacityRules.indexWrites(all, null, message("Delivery#03", 2000)))
                .containsExactly(new Charge("ByType", "Delivery", 2));
    }

    @Test
    void anUpdateIsBilledOnTheLargerOfTheItemBeforeAndAfter() {
        Map<String, AttributeValue> small = status(300, null);
        Map<String, AttributeValue> large = status(2500, null);

        assertThat(RULES.write("RECIPIENT#a", small, large, 1))
                .containsExactly(new Charge(KeyHeat.TABLE, "RECIPIENT#a", 3));
        assertThat(RULES.write("RECIPIENT#a", large, small, 1))
                .containsExactly(new Charge(KeyHeat.TABLE, "RECIPIENT#a", 3));
    }

    /** The count's last step: the status item's marker, which SuppressedShards does not project. */
    @Test
    void anUpdateOfOnlyAnAttributeTheIndexDoesNotProjectWritesNoIncludeEntry() {
        Map<String, AttributeValue> counting = status(200, "suppressed#07");
        Map<String, AttributeValue> done =
                with(counting, "counted#abc", AttributeValue.fromN("1796631966"));

        assertThat(RULES.write("RECIPIENT#a", counting, done, 1))
                .containsExactly(new Charge(KeyHeat.TABLE, "RECIPIENT#a", 1));
    }

    @Test
    void anUpdateOfAProjectedAttributeRewritesTheEntryOnce() {
        Map<String, AttributeValue> once = status(200, "suppressed#07");
        Map<String, AttributeValue> twice =
                with(once, "permanentBounces", AttributeValue.fromN("2"));

        assertThat(CapacityRules.indexWrites(SUPPRESSED, once, twice))
                .containsExactly(new Charge("SuppressedShards", "suppressed#07", 1));
    }

    @Test
    void anItemThatEntersTheIndexIsOneWriteAndOneThatLeavesItIsOneDelete() {
        Map<String, AttributeValue> counted = status(200, null);
        Map<String, AttributeValue> suppressed = status(200, "suppressed#07");

        assertThat(CapacityRules.indexWrites(SUPPRESSED, counted, suppressed))
                .containsExactly(new Charge("SuppressedShards", "suppressed#07", 1));
        assertThat(CapacityRules.indexWrites(SUPPRESSED, suppressed, counted))
                .containsExactly(new Charge("SuppressedShards", "suppressed#07", 1));
        assertThat(
                        CapacityRules.indexWrites(
                                SUPPRESSED,
                                counted,
                                with(counted, "transientBounces", AttributeValue.fromN("3"))))
                .as("in the index neither before nor after")
                .isEmpty();
    }

    @Test
    void aChangedIndexKeyIsADeleteFromTheOldKeyValueAndAPutOnTheNew() {
        Map<String, AttributeValue> before = status(200, "suppressed#07");
        Map<String, AttributeValue> after =
                with(before, "suppressionShard", AttributeValue.fromS("suppressed#12"));

        assertThat(CapacityRules.indexWrites(SUPPRESSED, before, after))
                .containsExactly(
                        new Charge("SuppressedShards", "suppressed#07", 1),
                        new Charge("SuppressedShards", "suppressed#12", 1));
    }

    @Test
    void aDeleteIsBilledOnTheDeletedItemAndRemovesEachEntry() {
        assertThat(RULES.write("MESSAGE#1", message("Bounce#05", 3000), null, 1))
                .containsExactly(
                        new Charge(KeyHeat.TABLE, "MESSAGE#1", 3),
                        new Charge("TypeShards", "Bounce#05", 1),
                        new Charge("MailMessages", "0102-mail", 1));
    }

    @Test
    void aFailedConditionalPutCostsAWriteOfTheItemsSizeInTheTableAndNothingInTheIndexes() {
        Map<String, AttributeValue> redelivered = message("Delivery#03", 2000);

        assertThat(CapacityRules.failedWrite("MESSAGE#1", redelivered, 1))
                .isEqualTo(new Charge(KeyHeat.TABLE, "MESSAGE#1", 2));
        assertThat(CapacityRules.failedWrite("RECIPIENT#a", null, 1))
                .as("no item: one unit")
                .isEqualTo(new Charge(KeyHeat.TABLE, "RECIPIENT#a", 1));
    }

    @Test
    void aTransactionWritesEveryItemTwiceInTheTableAndItsIndexEntriesOnce() {
        assertThat(RULES.write("MESSAGE#1", null, message("Bounce#05", 2000), 2))
                .containsExactly(
                        new Charge(KeyHeat.TABLE, "MESSAGE#1", 4),
                        new Charge("TypeShards", "Bounce#05", 1),
                        new Charge("MailMessages", "0102-mail", 1));
    }

    @Test
    void readsAreFourKilobyteUnitsAndHalfThatWhenEventuallyConsistent() {
        Map<String, AttributeValue> fiveKilobytes = status(5000, null);

        assertThat(CapacityRules.getItem(fiveKilobytes, true)).isEqualTo(2);
        assertThat(CapacityRules.getItem(fiveKilobytes, false)).isEqualTo(1);
        assertThat(CapacityRules.getItem(null, true)).as("an absent item").isEqualTo(1);
        assertThat(CapacityRules.getItem(null, false)).isEqualTo(0.5);
    }

    /**
     * Three 1.5 KB items: 4.5 KB read at once in a Query (2 units), each rounded up in a
     * BatchGetItem (3 units).
     */
    @Test
    void aQueryRoundsTheTotalUpAndABatchGetRoundsEachItemUp() {
        List<Map<String, AttributeValue>> items =
                List.of(status(1500, null), status(1500, null), status(1500, null));

        assertThat(CapacityRules.query(items, true)).isEqualTo(2);
        assertThat(CapacityRules.batchGetItem(items, 1, true)).isEqualTo(4);
        assertThat(CapacityRules.batchGetItem(items, 1, false)).isEqualTo(2);
    }

    @Test
    void aNarrowedQueryIsSizedOnWhatItReadsWithTheNamesAndValuesItsKeyConditionUses() {
        QueryRequest query =
                QueryRequest.builder()
                        .tableName("t")
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :events)")
                        .filterExpression("#type = :type")
                        .projectionExpression("#pk, #type")
                        .select("SPECIFIC_ATTRIBUTES")
                        .expressionAttributeNames(
                                Map.of(
                                        "#pk",
                                        "pk",
                                        "#sk",
                                        "sk",
                                        "#type",
                                        "messageType",
                                        "#pkx",
                                        "other"))
                        .expressionAttributeValues(
                                Map.of(
                                        ":pk",
                                        AttributeValue.fromS("RECIPIENT#a"),
                                        ":events",
                                        AttributeValue.fromS("EVENT#"),
                                        ":type",
                                        AttributeValue.fromS("Bounce")))
                        .limit(20)
                        .consistentRead(true)
                        .build();

        QueryRequest read = MeteredDynamoDb.everythingRead(query);

        assertThat(read.filterExpression()).isNull();
        assertThat(read.projectionExpression()).isNull();
        assertThat(read.select()).isNull();
        assertThat(read.expressionAttributeNames()).containsOnlyKeys("#pk", "#sk");
        assertThat(read.expressionAttributeValues()).containsOnlyKeys(":pk", ":events");
        assertThat(read.limit()).isEqualTo(20);
        assertThat(read.consistentRead()).isTrue();
    }

    /** A message item of about {@code bytes}, keyed for TypeShards and MailMessages. */
    private static Map<String, AttributeValue> message(String typeShard, int bytes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("MESSAGE#1"));
        item.put("sk", AttributeValue.fromS("MESSAGE"));
        item.put("typeShard", AttributeValue.fromS(typeShard));
        item.put(
                "messageType",
                AttributeValue.fromS(typeShard.substring(0, typeShard.indexOf('#'))));
        item.put("sesMessageId", AttributeValue.fromS("0102-mail"));
        item.put("eventKey", AttributeValue.fromS("2026-11-20T10:15:01.337Z#1"));
        item.put("subject", AttributeValue.fromS("Welcome"));
        pad(item, bytes);
        return item;
    }

    /**
     * A status item of about {@code bytes}, in SuppressedShards when {@code suppressionShard} is
     * given.
     */
    private static Map<String, AttributeValue> status(int bytes, String suppressionShard) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("RECIPIENT#a"));
        item.put("sk", AttributeValue.fromS("STATUS"));
        item.put("address", AttributeValue.fromS("a"));
        item.put("permanentBounces", AttributeValue.fromN("1"));
        if (suppressionShard != null) {
            item.put("suppressionShard", AttributeValue.fromS(suppressionShard));
            item.put("suppressedAt", AttributeValue.fromS("2026-11-20T10:15:01.337Z"));
        }
        pad(item, bytes);
        return item;
    }

    /** Grows the item to {@code bytes} with an attribute no index projects. */
    private static void pad(Map<String, AttributeValue> item, int bytes) {
        long missing = bytes - BilledSize.of(item) - "raw".length();
        if (missing > 0) {
            item.put("raw", AttributeValue.fromS("x".repeat((int) missing)));
        }
    }

    private static Map<String, AttributeValue> with(
            Map<String, AttributeValue> item, String name, AttributeValue value) {
        Map<String, AttributeValue> changed = new LinkedHashMap<>(item);
        changed.put(name, value);
        return changed;
    }
}
