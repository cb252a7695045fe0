package io.sesfeedback.store;

import io.sesfeedback.notification.LeftOut;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Counts one bounce or complaint on its address's status item exactly once, without a transaction,
 * in three idempotent steps that a retry or a racing container repeats safely:
 *
 * <ol>
 *   <li>the count, made only if the status item has no marker for this event; it sets the marker to
 *       0 (being counted);
 *   <li>the event item gets {@value FeedbackTable#COUNTED}: from now on every copy of the event
 *       stops before step 1;
 *   <li>the marker becomes the second the count was done, and markers done long ago are removed.
 * </ol>
 *
 * A retry that finds the event counted finishes step 3 ({@link #finish}). A marker goes only once
 * done (so its event item says counted) and {@link #IN_FLIGHT} old, longer than any attempt that
 * may have read the event item before step 2 can still be running; at most {@link #DONE_KEPT} done
 * markers stay, so the status item stays small however often its address bounces.
 */
final class EventCount {

    /**
     * Lambda's longest timeout: no attempt that read the event item uncounted is still running
     * after it.
     */
    static final Duration IN_FLIGHT = Duration.ofMinutes(15);

    /**
     * Done markers a status item keeps at most, the newest; about 30 bytes each (72 bits of the
     * identity's hash).
     */
    static final int DONE_KEPT = 12;

    private final DynamoDbClient dynamo;
    private final String tableName;

    EventCount(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /**
     * Counts {@code recipient}'s event; null, or the recipient left out when DynamoDB refuses its
     * count as invalid.
     */
    LeftOut count(FeedbackItems items, Recipient recipient, StatusChange change, Instant now) {
        String marker = items.countMarker(recipient);
        Map<String, AttributeValue> status = null;
        try {
            status =
                    dynamo.updateItem(items.statusUpdate(recipient, change, tableName))
                            .attributes();
        } catch (ConditionalCheckFailedException countedAlready) {
            // an earlier attempt, or a container recording the same SNS message, made the count
        } catch (DynamoDbException e) {
            if (FeedbackStore.isValidation(e)) {
                return FeedbackStore.refusal(recipient, e);
            }
            throw e;
        }
        ifStillThere(
                () ->
                        dynamo.updateItem(
                                request ->
                                        request.tableName(tableName)
                                                .key(items.eventKey(recipient))
                                                .updateExpression("SET #counted = :true")
                                                .conditionExpression("attribute_exists(#pk)")
                                                .expressionAttributeNames(
                                                        Map.of(
                                                                "#counted",
                                                                FeedbackTable.COUNTED,
                                                                "#pk",
                                                                FeedbackTable.PK))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":true",
                                                                AttributeValue.fromBool(true)))));
        markDone(recipient, marker, status, now);
        return null;
    }

    /**
     * After a retry found the event counted: reads the status item, and marks the count done if an
     * attempt stopped between the event's mark and the marker's (a redelivery writes nothing
     * otherwise).
     */
    LeftOut finish(FeedbackItems items, Recipient recipient, Instant now) {
        String marker = items.countMarker(recipient);
        Map<String, AttributeValue> status =
                dynamo.getItem(
                                request ->
                                        request.tableName(tableName)
                                                .consistentRead(true)
                                                .key(FeedbackTable.statusKey(recipient.address())))
                        .item();
        AttributeValue value = status.get(marker);
        if (value != null && "0".equals(value.n())) {
            markDone(recipient, marker, status, now);
        }
        return null;
    }

    private void markDone(
            Recipient recipient, String marker, Map<String, AttributeValue> status, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#marker", marker));
        StringBuilder update = new StringBuilder("SET #marker = :doneAt");
        List<String> stale = stale(status, marker, now);
        for (int i = 0; i < stale.size(); i++) {
            names.put("#stale" + i, stale.get(i));
            update.append(i == 0 ? " REMOVE " : ", ").append("#stale").append(i);
        }
        ifStillThere(
                () ->
                        dynamo.updateItem(
                                request ->
                                        request.tableName(tableName)
                                                .key(FeedbackTable.statusKey(recipient.address()))
                                                .updateExpression(update.toString())
                                                .conditionExpression("attribute_exists(#marker)")
                                                .expressionAttributeNames(names)
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":doneAt",
                                                                AttributeValue.fromN(
                                                                        Long.toString(
                                                                                now
                                                                                        .getEpochSecond()))))));
    }

    /**
     * The done markers to remove: those done more than {@link #IN_FLIGHT} ago, and any past the
     * newest {@link #DONE_KEPT}.
     */
    static List<String> stale(Map<String, AttributeValue> status, String own, Instant now) {
        if (status == null) {
            return List.of();
        }
        List<Map.Entry<String, Long>> done = new ArrayList<>();
        status.forEach(
                (name, value) -> {
                    if (name.startsWith(FeedbackTable.COUNT_MARKER_PREFIX)
                            && !name.equals(own)
                            && value.n() != null
                            && Long.parseLong(value.n()) > 0) {
                        done.add(Map.entry(name, Long.parseLong(value.n())));
                    }
                });
        done.sort(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()));
        long horizon = now.minus(IN_FLIGHT).getEpochSecond();
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            // the own marker is about to be done too, so it takes one of the places kept
            if (i >= DONE_KEPT - 1 || done.get(i).getValue() < horizon) {
                stale.add(done.get(i).getKey());
            }
        }
        return stale;
    }

    /** An update of an item that `forget` may have deleted meanwhile: nothing to do then. */
    private static void ifStillThere(Runnable update) {
        try {
            update.run();
        } catch (ConditionalCheckFailedException deleted) {
            // forgotten while being recorded
        }
    }
}
