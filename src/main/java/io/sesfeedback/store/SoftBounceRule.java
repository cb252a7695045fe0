package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.BOUNCE_TYPE;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_BY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;
import static io.sesfeedback.store.FeedbackTable.UPDATED_AT;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.StatusChange;
import io.sesfeedback.notification.Timestamps;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Suppresses an address after {@code limit} transient bounces in a row with no delivery between, as
 * the best senders do (PyPI's warehouse: 5). Checked at each transient bounce, after it is stored:
 * the address's events are read newest first (by when SES saw them) until a delivery or the limit.
 * It reads only what the table still keeps, so a delivery older than {@code DeliveryRetentionDays}
 * no longer breaks a run. Idempotent: a redelivered bounce checks again and suppresses nothing
 * twice, so a retry after a failure between the two writes still suppresses.
 */
final class SoftBounceRule {

    static final String REASON = "Transient bounces";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final FeedbackQueries events;
    private final int limit;

    SoftBounceRule(DynamoDbClient dynamo, String tableName, int limit) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.events = new FeedbackQueries(dynamo, tableName);
        this.limit = limit;
    }

    /** Whether this message is one the rule looks at for {@code recipient}. */
    boolean appliesTo(FeedbackMessage message, Recipient recipient) {
        return limit > 0
                && message.statusChangeFor(recipient)
                        .filter(
                                change ->
                                        change.counter() == StatusChange.Counter.TRANSIENT_BOUNCES)
                        .isPresent();
    }

    /**
     * Suppresses {@code recipient} when its newest events end in a run of {@code limit} transient
     * bounces; true when this call did.
     */
    boolean apply(FeedbackMessage message, Recipient recipient, Instant now) {
        if (!appliesTo(message, recipient)) {
            return false;
        }
        Run run = transientRun(recipient.address());
        if (run.bounces() < limit) {
            return false;
        }
        Map<String, AttributeValue> values =
                Map.of(
                        ":true", AttributeValue.fromBool(true),
                        ":list", AttributeValue.fromS(FeedbackTable.SUPPRESSION_LIST),
                        ":shard",
                                AttributeValue.fromS(
                                        FeedbackTable.suppressionShard(recipient.address())),
                        ":reason", AttributeValue.fromS(reason(recipient)),
                        ":at", AttributeValue.fromS(Timestamps.format(message.occurredAt())),
                        ":by", AttributeValue.fromS(message.snsMessageId()),
                        ":updatedAt", AttributeValue.fromS(Timestamps.format(now)),
                        ":runStart", AttributeValue.fromS(run.start()));
        try {
            dynamo.updateItem(
                    request ->
                            request.tableName(tableName)
                                    .key(FeedbackTable.statusKey(recipient.address()))
                                    .updateExpression(
                                            "SET #suppressed = :true, #list = :list, #shard = :shard, #reason = :reason, #at = :at, #by = :by,"
                                                    + " #updatedAt = :updatedAt")
                                    .conditionExpression(
                                            "attribute_exists(#pk) AND (attribute_not_exists(#suppressed) OR #suppressed <> :true)"
                                                    // an operator's unsuppress counts: the run must
                                                    // start after it
                                                    + " AND (attribute_not_exists(#unsuppressedAt) OR #unsuppressedAt < :runStart)")
                                    .expressionAttributeNames(
                                            Map.of(
                                                    "#pk",
                                                    PK,
                                                    "#suppressed",
                                                    SUPPRESSED,
                                                    "#list",
                                                    FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE,
                                                    "#shard",
                                                    FeedbackTable.SUPPRESSION_SHARD,
                                                    "#reason",
                                                    SUPPRESSION_REASON,
                                                    "#at",
                                                    FeedbackTable.SUPPRESSED_AT,
                                                    "#by",
                                                    SUPPRESSED_BY,
                                                    "#updatedAt",
                                                    UPDATED_AT,
                                                    "#unsuppressedAt",
                                                    FeedbackTable.UNSUPPRESSED_AT))
                                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadySuppressed) {
            return false;
        }
    }

    /** A run of transient bounces: how many, and when SES saw the oldest of them. */
    private record Run(int bounces, String start) {}

    /**
     * The transient bounces among the address's newest events before its latest delivery, up to the
     * limit, and the time of the oldest counted (its sort key is {@code EVENT#<occurredAt>#...}).
     */
    private Run transientRun(String address) {
        int run = 0;
        String start = "";
        for (Map<String, AttributeValue> event : events.newestEvents(address, 4 * limit)) {
            String type = text(event, MESSAGE_TYPE);
            if (MessageType.DELIVERY.label().equals(type)) {
                return new Run(run, start);
            }
            if (MessageType.BOUNCE.label().equals(type)
                    && "Transient".equals(text(event, BOUNCE_TYPE))) {
                start = occurredAt(event);
                if (++run == limit) {
                    return new Run(run, start);
                }
            }
        }
        return new Run(run, start);
    }

    private static String occurredAt(Map<String, AttributeValue> event) {
        String sortKey = text(event, FeedbackTable.SK);
        int from = sortKey.indexOf('#') + 1;
        return sortKey.substring(from, sortKey.indexOf('#', from));
    }

    private String reason(Recipient recipient) {
        String reason = REASON + " (" + limit + " in a row, no delivery between)";
        return recipient.diagnosticCode() == null
                ? reason
                : reason + ": " + recipient.diagnosticCode();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
