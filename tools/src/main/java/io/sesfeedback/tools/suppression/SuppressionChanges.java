package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.DOMAIN;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_BY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_SHARD;
import static io.sesfeedback.store.FeedbackTable.UPDATED_AT;

import io.sesfeedback.notification.EmailAddress;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.items.Items;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Suppressions made and lifted by an operator, each with its history item, and published once.
 *
 * <pre>
 * status   pk = RECIPIENT#{address}  sk = STATUS                      + suppressionSource, pendingChange, unsuppressedAt
 * change   pk = RECIPIENT#{address}  sk = CHANGE#{at}#{changeId}      who, when, why, before and after; no TTL
 * </pre>
 *
 * A change is one transaction: the status item's update, conditional on the status read just before
 * (so two operators at once cannot lose a change: the second reads again), and the history item.
 * While the bus has not taken its event, the status item's {@value #PENDING_CHANGE} names the
 * history item; the next change of that address, or a re-run, publishes it first, so each change is
 * published once, and only if it was made.
 */
final class SuppressionChanges {

    static final String CHANGE_PREFIX = "CHANGE#";

    /** On a status item an operator suppressed: {@code manual} or {@code import}. */
    static final String SUPPRESSION_SOURCE = "suppressionSource";

    /**
     * On a status item an operator suppressed for one SES tenant (suppress --tenant): whose list
     * ses-suppression --tenant puts it on.
     */
    static final String SUPPRESSION_TENANT = "suppressionTenant";

    /** On a status item: the sort key of the change whose event the bus has not taken yet. */
    static final String PENDING_CHANGE = "pendingChange";

    /** On a status item: when an operator last lifted its suppression. */
    static final String UNSUPPRESSED_AT = FeedbackTable.UNSUPPRESSED_AT;

    // History items
    static final String CHANGE = "change";
    static final String CHANGE_ID = "changeId";
    static final String REASON = "reason";
    static final String SOURCE = "source";
    static final String ACTOR = "actor";
    static final String AT = "at";
    static final String BEFORE = "before";
    static final String AFTER = "after";
    static final String PUBLISHED_AT = "publishedAt";

    /** Reads and conditional writes before a change gives up on an address others keep changing. */
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SuppressionEvents events;
    private final Clock clock;

    SuppressionChanges(DynamoDbClient dynamo, String table, SuppressionEvents events, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.events = events;
        this.clock = clock;
    }

    /** What one call did: the change made, or none and the status that made it needless. */
    record Outcome(SuppressionChange change, Map<String, AttributeValue> status) {
        boolean changed() {
            return change != null;
        }
    }

    /** The address's status item, read consistently; empty when it has none. */
    Map<String, AttributeValue> status(String address) {
        return dynamo.getItem(
                        r ->
                                r.tableName(table)
                                        .consistentRead(true)
                                        .key(FeedbackTable.statusKey(address)))
                .item();
    }

    static boolean suppressed(Map<String, AttributeValue> status) {
        AttributeValue value = status.get(SUPPRESSED);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    /**
     * Suppresses the address unless it is suppressed already (then its first reason stays); {@code
     * since} is the suppression's time (an import's date, else now).
     */
    Outcome suppress(String address, String reason, String source, String actor, Instant since) {
        return suppress(address, reason, source, actor, since, null);
    }

    /** The same, on behalf of {@code tenant} (null for none). */
    Outcome suppress(
            String address,
            String reason,
            String source,
            String actor,
            Instant since,
            String tenant) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> status = settled(address);
            if (suppressed(status)) {
                return new Outcome(null, status);
            }
            SuppressionChange change =
                    change(SuppressionChange.Kind.ADDED, address, reason, source, actor);
            Map<String, String> names = new HashMap<>(names());
            Map<String, AttributeValue> values = new HashMap<>();
            names.putAll(
                    Map.of(
                            "#address", ADDRESS,
                            "#domain", DOMAIN,
                            "#list", SUPPRESSION_LIST_ATTRIBUTE,
                            "#shard", SUPPRESSION_SHARD,
                            "#reason", SUPPRESSION_REASON,
                            "#at", SUPPRESSED_AT,
                            "#by", SUPPRESSED_BY,
                            "#source", SUPPRESSION_SOURCE));
            values.putAll(
                    Map.of(
                            ":address", AttributeValue.fromS(address),
                            ":domain", AttributeValue.fromS(EmailAddress.domainOf(address)),
                            ":true", AttributeValue.fromBool(true),
                            ":list", AttributeValue.fromS(SUPPRESSION_LIST),
                            ":shard", AttributeValue.fromS(FeedbackTable.suppressionShard(address)),
                            ":reason", AttributeValue.fromS(reason),
                            ":at", AttributeValue.fromS(Timestamps.format(since)),
                            ":by", AttributeValue.fromS(actor),
                            ":source", AttributeValue.fromS(source),
                            ":now", AttributeValue.fromS(Timestamps.format(change.at()))));
            String set =
                    "SET #address = :address, #domain = :domain, #suppressed = :true, #list = :list,"
                            + " #shard = :shard, #reason = :reason, #at = :at, #by = :by,"
                            + " #source = :source, #updatedAt = :now"
                            + (tenant == null ? "" : ", #tenant = :tenant");
            if (tenant != null) {
                names.put("#tenant", SUPPRESSION_TENANT);
                values.put(":tenant", AttributeValue.fromS(tenant));
            }
            // the recorder may have suppressed it since the read: its reason then stays first
            String condition =
                    "(attribute_not_exists(#suppressed) OR #suppressed <> :true)"
                            + " AND attribute_not_exists(#pending)";
            if (write(
                    change,
                    set,
                    condition,
                    names,
                    values,
                    "not suppressed",
                    "suppressed: " + reason)) {
                return new Outcome(change, status);
            }
        }
        throw busy(address);
    }

    /** Lifts the address's suppression, keeping its counters and events; none if not suppressed. */
    Outcome unsuppress(String address, String reason, String actor) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> status = settled(address);
            if (!suppressed(status)) {
                return new Outcome(null, status);
            }
            SuppressionChange change =
                    change(SuppressionChange.Kind.REMOVED, address, reason, "manual", actor);
            Map<String, String> names = new HashMap<>(names());
            names.putAll(
                    Map.of(
                            "#list", SUPPRESSION_LIST_ATTRIBUTE,
                            "#shard", SUPPRESSION_SHARD,
                            "#reason", SUPPRESSION_REASON,
                            "#at", SUPPRESSED_AT,
                            "#by", SUPPRESSED_BY,
                            "#source", SUPPRESSION_SOURCE,
                            "#tenant", SUPPRESSION_TENANT,
                            "#unsuppressedAt", UNSUPPRESSED_AT));
            Map<String, AttributeValue> values =
                    new HashMap<>(
                            Map.of(
                                    ":true", AttributeValue.fromBool(true),
                                    ":readAt",
                                            status.getOrDefault(
                                                    SUPPRESSED_AT, AttributeValue.fromS("")),
                                    ":now", AttributeValue.fromS(Timestamps.format(change.at()))));
            // the SuppressedShards key goes with the suppression; counters and events stay
            String set =
                    "SET #updatedAt = :now, #unsuppressedAt = :now"
                            + " REMOVE #suppressed, #list, #shard, #reason, #at, #by, #source, #tenant";
            String condition =
                    "#suppressed = :true AND #at = :readAt AND attribute_not_exists(#pending)";
            if (write(change, set, condition, names, values, describe(status), "not suppressed")) {
                return new Outcome(change, status);
            }
        }
        throw busy(address);
    }

    /** The status item, once any change left unpublished by an earlier run is published. */
    private Map<String, AttributeValue> settled(String address) {
        Map<String, AttributeValue> status = status(address);
        if (status.containsKey(PENDING_CHANGE)) {
            publishPending(address, status.get(PENDING_CHANGE).s());
            status = status(address);
        }
        return status;
    }

    /** "suppressed since AT by WHO (SOURCE): REASON", what an unsuppress changed. */
    static String describe(Map<String, AttributeValue> status) {
        return "suppressed since "
                + Items.text(status, SUPPRESSED_AT)
                + " by "
                + Items.text(status, SUPPRESSED_BY)
                + " ("
                + Optional.ofNullable(status.get(SUPPRESSION_SOURCE))
                        .map(AttributeValue::s)
                        .orElse("recorder")
                + "): "
                + Items.text(status, SUPPRESSION_REASON);
    }

    private SuppressionChange change(
            SuppressionChange.Kind kind,
            String address,
            String reason,
            String source,
            String actor) {
        return new SuppressionChange(
                UUID.randomUUID().toString(),
                kind,
                address,
                reason,
                source,
                actor,
                clock.instant());
    }

    private static Map<String, String> names() {
        return Map.of(
                "#suppressed", SUPPRESSED, "#updatedAt", UPDATED_AT, "#pending", PENDING_CHANGE);
    }

    /**
     * The status update and the history item in one transaction, then the event; false when the
     * status changed since it was read.
     */
    private boolean write(
            SuppressionChange change,
            String set,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String before,
            String after) {
        String sortKey = CHANGE_PREFIX + Timestamps.format(change.at()) + "#" + change.changeId();
        String update = set;
        if (events.publishes()) {
            update = set.replaceFirst("^SET ", "SET #pending = :pending, ");
            values.put(":pending", AttributeValue.fromS(sortKey));
        }
        String statusUpdate = update;
        Map<String, AttributeValue> history = new HashMap<>();
        history.put(PK, AttributeValue.fromS(RECIPIENT_PREFIX + change.address()));
        history.put(SK, AttributeValue.fromS(sortKey));
        history.put(ADDRESS, AttributeValue.fromS(change.address()));
        history.put(CHANGE, AttributeValue.fromS(change.kind().word()));
        history.put(CHANGE_ID, AttributeValue.fromS(change.changeId()));
        history.put(REASON, AttributeValue.fromS(change.reason()));
        history.put(SOURCE, AttributeValue.fromS(change.source()));
        history.put(ACTOR, AttributeValue.fromS(change.actor()));
        history.put(AT, AttributeValue.fromS(Timestamps.format(change.at())));
        history.put(BEFORE, AttributeValue.fromS(before));
        history.put(AFTER, AttributeValue.fromS(after));
        try {
            dynamo.transactWriteItems(
                    r ->
                            r.transactItems(
                                    TransactWriteItem.builder()
                                            .update(
                                                    u ->
                                                            u.tableName(table)
                                                                    .key(
                                                                            FeedbackTable.statusKey(
                                                                                    change
                                                                                            .address()))
                                                                    .updateExpression(statusUpdate)
                                                                    .conditionExpression(condition)
                                                                    .expressionAttributeNames(names)
                                                                    .expressionAttributeValues(
                                                                            values))
                                            .build(),
                                    TransactWriteItem.builder()
                                            .put(
                                                    p ->
                                                            p.tableName(table)
                                                                    .item(history)
                                                                    .conditionExpression(
                                                                            "attribute_not_exists(#pk)")
                                                                    .expressionAttributeNames(
                                                                            Map.of("#pk", PK)))
                                            .build()));
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e)) {
                return false;
            }
            throw e;
        }
        if (events.publishes()) {
            publish(change, sortKey);
        }
        return true;
    }

    /**
     * A transaction refused by a condition, not by a conflict with another write
     * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
     */
    private static boolean conditionFailed(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null
                && reasons.stream()
                        .anyMatch(
                                reason ->
                                        "ConditionalCheckFailed".equals(reason.code())
                                                || "TransactionConflict".equals(reason.code()));
    }

    /** Publishes the change an earlier run wrote but did not publish, from its history item. */
    private void publishPending(String address, String sortKey) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                r ->
                                        r.tableName(table)
                                                .consistentRead(true)
                                                .key(
                                                        Map.of(
                                                                PK,
                                                                AttributeValue.fromS(
                                                                        RECIPIENT_PREFIX + address),
                                                                SK,
                                                                AttributeValue.fromS(sortKey))))
                        .item();
        if (item.isEmpty() || item.containsKey(PUBLISHED_AT)) {
            // forgotten since, or published by a run that stopped before it cleared the marker
            clearPending(address, sortKey);
            return;
        }
        SuppressionChange change =
                new SuppressionChange(
                        Items.text(item, CHANGE_ID),
                        SuppressionChange.Kind.ofWord(Items.text(item, CHANGE)),
                        address,
                        Items.text(item, REASON),
                        Items.text(item, SOURCE),
                        Items.text(item, ACTOR),
                        Instant.parse(Items.text(item, AT)));
        publish(change, sortKey);
    }

    private void publish(SuppressionChange change, String sortKey) {
        try {
            events.publish(change);
        } catch (RuntimeException e) {
            throw new UserError(
                    change.kind().detailType()
                            + " for "
                            + change.address()
                            + " is stored but not published ("
                            + io.sesfeedback.tools.ErrorReport.describe(e)
                            + "): run the command again to publish it");
        }
        dynamo.updateItem(
                r ->
                        r.tableName(table)
                                .key(
                                        Map.of(
                                                PK,
                                                AttributeValue.fromS(
                                                        RECIPIENT_PREFIX + change.address()),
                                                SK,
                                                AttributeValue.fromS(sortKey)))
                                .updateExpression("SET #published = :now")
                                .expressionAttributeNames(Map.of("#published", PUBLISHED_AT))
                                .expressionAttributeValues(
                                        Map.of(
                                                ":now",
                                                AttributeValue.fromS(
                                                        Timestamps.format(clock.instant())))));
        clearPending(change.address(), sortKey);
    }

    private void clearPending(String address, String sortKey) {
        try {
            dynamo.updateItem(
                    r ->
                            r.tableName(table)
                                    .key(FeedbackTable.statusKey(address))
                                    .updateExpression("REMOVE #pending")
                                    .conditionExpression("#pending = :sk")
                                    .expressionAttributeNames(Map.of("#pending", PENDING_CHANGE))
                                    .expressionAttributeValues(
                                            Map.of(":sk", AttributeValue.fromS(sortKey))));
        } catch (ConditionalCheckFailedException cleared) {
            // another run published it and cleared the marker first
        }
    }

    private static UserError busy(String address) {
        return new UserError(
                address + " changed " + ATTEMPTS + " times while being changed: try again");
    }
}
