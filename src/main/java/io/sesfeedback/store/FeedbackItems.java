package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.ACCOUNT;
import static io.sesfeedback.store.FeedbackTable.ACTION;
import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.CONFIGURATION_SET;
import static io.sesfeedback.store.FeedbackTable.DIAGNOSTIC_CODE;
import static io.sesfeedback.store.FeedbackTable.DOMAIN;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.ENVIRONMENT;
import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EXPIRES_AT;
import static io.sesfeedback.store.FeedbackTable.FORMAT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_COUNT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_ENTRY;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_REASON;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.PREVENTED;
import static io.sesfeedback.store.FeedbackTable.PROBLEM;
import static io.sesfeedback.store.FeedbackTable.PUBLISHED_AT;
import static io.sesfeedback.store.FeedbackTable.RAW_BYTES;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.RECORDED_AT;
import static io.sesfeedback.store.FeedbackTable.REGION;
import static io.sesfeedback.store.FeedbackTable.SENDER;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SNS_SUBJECT;
import static io.sesfeedback.store.FeedbackTable.STATUS;
import static io.sesfeedback.store.FeedbackTable.SUBJECT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_BY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;
import static io.sesfeedback.store.FeedbackTable.TENANT;
import static io.sesfeedback.store.FeedbackTable.TOPIC_ARN;
import static io.sesfeedback.store.FeedbackTable.TYPE_SHARD;
import static io.sesfeedback.store.FeedbackTable.UPDATED_AT;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.LeftOut;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.StatusChange;
import io.sesfeedback.notification.TextFields;
import io.sesfeedback.notification.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Turns one understood message into the items and updates that record it; see {@link
 * FeedbackTable}. Every item fits DynamoDB by construction: text fields are capped in the domain
 * records, the raw body is compressed, and the message item lists as many recipients and left-out
 * entries as fit ({@code recipientCount} and {@code leftOutCount} always give the whole number; the
 * recipient items carry every address).
 */
final class FeedbackItems {

    private final FeedbackMessage message;
    private final Instant recordedAt;
    private final Instant expiresAt;
    private final boolean withBody;

    FeedbackItems(
            FeedbackMessage message, Instant recordedAt, Instant expiresAt, boolean withBody) {
        this.message = message;
        this.recordedAt = recordedAt;
        this.expiresAt = expiresAt;
        this.withBody = withBody;
    }

    /**
     * The message item. {@code duplicateOf} names the SNS message that recorded {@code duplicates}
     * of this message's recipients first (null when none); {@code refused} are recipients whose
     * items DynamoDB refused.
     */
    Map<String, AttributeValue> message(String duplicateOf, int duplicates, List<LeftOut> refused) {
        Item item =
                new Item()
                        .put(PK, FeedbackTable.MESSAGE_PREFIX + message.snsMessageId())
                        .put(SK, FeedbackTable.MESSAGE_SORT_KEY)
                        .put(
                                EVENT_KEY,
                                Timestamps.format(message.occurredAt())
                                        + "#"
                                        + message.snsMessageId())
                        .put(
                                TYPE_SHARD,
                                FeedbackTable.typeShard(
                                        message.type().label(), message.snsMessageId()))
                        .put(FORMAT, message.format().label())
                        .put(PUBLISHED_AT, Timestamps.format(message.sns().publishedAt()))
                        .put(TOPIC_ARN, TextFields.capped(message.sns().topicArn()))
                        .put(SNS_SUBJECT, TextFields.capped(message.sns().subject()))
                        .put(CONFIGURATION_SET, message.configurationSet())
                        .put(PROBLEM, message.problem() == null ? null : message.problem().text())
                        .put(DUPLICATE_OF, duplicateOf)
                        .put(RECORDED_AT, Timestamps.format(recordedAt));
        common(item);
        if (withBody) {
            item.attributes.put(RawBody.ATTRIBUTE, RawBody.of(message.sns().body()));
        }
        item.number(RAW_BYTES, message.sns().body().getBytes(StandardCharsets.UTF_8).length);
        item.number(RECIPIENT_COUNT, message.recipients().size());
        if (duplicates > 0) {
            item.number(DUPLICATE_RECIPIENTS, duplicates);
        }
        List<LeftOut> leftOut = new ArrayList<>(message.leftOut());
        leftOut.addAll(refused);
        if (!leftOut.isEmpty()) {
            item.number(LEFT_OUT_COUNT, leftOut.size());
        }
        // the recipients leave room for at least an empty, capped leftOut list
        item.listWithin(
                RECIPIENTS,
                message.recipients(),
                r -> AttributeValue.fromS(r.address()),
                leftOut.isEmpty() ? 0 : Item.emptyCappedList(LEFT_OUT));
        item.listWithin(
                LEFT_OUT,
                leftOut,
                entry ->
                        AttributeValue.fromM(
                                Map.of(
                                        LEFT_OUT_ENTRY,
                                        AttributeValue.fromS(entry.entry()),
                                        LEFT_OUT_REASON,
                                        AttributeValue.fromS(entry.reason()))),
                0);
        return item.attributes;
    }

    Map<String, AttributeValue> recipientEvent(Recipient recipient) {
        Item item =
                new Item()
                        .put(PK, RECIPIENT_PREFIX + recipient.address())
                        .put(SK, FeedbackTable.eventSortKey(message, recipient))
                        .put(ADDRESS, recipient.address())
                        .put(DOMAIN, recipient.domain())
                        .put(STATUS, recipient.status())
                        .put(ACTION, recipient.action())
                        .put(DIAGNOSTIC_CODE, recipient.diagnosticCode());
        common(item);
        return item.attributes;
    }

    /** The key of the event item that records this message's event for {@code recipient}. */
    Map<String, AttributeValue> eventKey(Recipient recipient) {
        return FeedbackTable.key(
                RECIPIENT_PREFIX + recipient.address(),
                FeedbackTable.eventSortKey(message, recipient));
    }

    /** The status item's marker of this message's event for {@code recipient}. */
    String countMarker(Recipient recipient) {
        return FeedbackTable.countMarker(message.feedbackIdentity(recipient));
    }

    /**
     * Counts the event against the address, unless its marker shows it counted, and sets the marker
     * to 0 (being counted); for a permanent bounce or complaint, suppresses the address (first
     * reason wins). Answers the whole item, whose markers the count's last step reads.
     */
    UpdateItemRequest statusUpdate(Recipient recipient, StatusChange change, String tableName) {
        Map<String, String> names =
                new HashMap<>(
                        Map.of(
                                "#address",
                                ADDRESS,
                                "#domain",
                                DOMAIN,
                                "#updatedAt",
                                UPDATED_AT,
                                "#counter",
                                change.counter().attribute(),
                                "#marker",
                                countMarker(recipient)));
        Map<String, AttributeValue> values =
                new HashMap<>(
                        Map.of(
                                ":address", AttributeValue.fromS(recipient.address()),
                                ":domain", AttributeValue.fromS(recipient.domain()),
                                ":updatedAt", AttributeValue.fromS(Timestamps.format(recordedAt)),
                                ":one", AttributeValue.fromN("1"),
                                ":counting", AttributeValue.fromN("0")));
        StringBuilder set =
                new StringBuilder(
                        "SET #address = :address, #domain = :domain, #updatedAt = :updatedAt, #marker = :counting");
        if (change.suppresses()) {
            names.putAll(
                    Map.of(
                            "#suppressed",
                            SUPPRESSED,
                            "#reason",
                            SUPPRESSION_REASON,
                            "#at",
                            FeedbackTable.SUPPRESSED_AT,
                            "#by",
                            SUPPRESSED_BY,
                            "#list",
                            FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE,
                            "#shard",
                            FeedbackTable.SUPPRESSION_SHARD));
            values.putAll(
                    Map.of(
                            ":true",
                            AttributeValue.fromBool(true),
                            ":list",
                            AttributeValue.fromS(FeedbackTable.SUPPRESSION_LIST),
                            ":shard",
                            AttributeValue.fromS(
                                    FeedbackTable.suppressionShard(recipient.address())),
                            ":reason",
                            AttributeValue.fromS(change.suppressionReason()),
                            ":at",
                            AttributeValue.fromS(Timestamps.format(message.occurredAt())),
                            ":by",
                            AttributeValue.fromS(message.snsMessageId())));
            set.append(
                            ", #suppressed = :true, #list = :list, #shard = :shard, #reason = if_not_exists(#reason, :reason)")
                    .append(", #at = if_not_exists(#at, :at), #by = if_not_exists(#by, :by)");
        }
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(FeedbackTable.statusKey(recipient.address()))
                .updateExpression(set + " ADD #counter :one")
                .conditionExpression("attribute_not_exists(#marker)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build();
    }

    private void common(Item item) {
        item.put(MESSAGE_TYPE, message.type().label())
                .put(SNS_MESSAGE_ID, message.snsMessageId())
                .put(OCCURRED_AT, Timestamps.format(message.occurredAt()))
                .put(SES_MESSAGE_ID, message.sesMessageId())
                .put(SENDER, message.sender())
                .put(SUBJECT, message.subject())
                .put(TENANT, message.tenant());
        if (message.prevented()) {
            item.attributes.put(PREVENTED, AttributeValue.fromBool(true));
        }
        message.details().forEach(item::put);
        // after the details: an AccountStatus's own region is the same, its origin the one kept
        item.put(ACCOUNT, message.origin().account())
                .put(REGION, message.origin().region())
                .put(ENVIRONMENT, message.origin().environment());
        item.attributes.put(
                EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    }

    /** An item under construction; a null string is left out. */
    private static final class Item {
        private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

        Item put(String name, String value) {
            if (value != null) {
                attributes.put(name, AttributeValue.fromS(value));
            }
            return this;
        }

        void number(String name, long value) {
            attributes.put(name, AttributeValue.fromN(Long.toString(value)));
        }

        /**
         * As many of {@code elements} as keep the item within DynamoDB's limit, and {@code
         * <name>Capped} when not all fit.
         */
        <T> void listWithin(
                String name, List<T> elements, Function<T, AttributeValue> value, long reserved) {
            if (elements.isEmpty()) {
                return;
            }
            String cappedFlag = name + "Capped";
            long room =
                    ItemSize.MAX_ITEM_BYTES
                            - ItemSize.of(attributes)
                            - emptyCappedList(name)
                            - reserved;
            List<AttributeValue> kept = new ArrayList<>();
            for (T element : elements) {
                AttributeValue v = value.apply(element);
                long cost = 1 + ItemSize.value(v);
                if (cost > room) {
                    break;
                }
                room -= cost;
                kept.add(v);
            }
            attributes.put(name, AttributeValue.fromL(kept));
            if (kept.size() < elements.size()) {
                attributes.put(cappedFlag, AttributeValue.fromBool(true));
            }
        }

        /**
         * What a list that keeps none of its elements takes: the empty list and its capped flag.
         */
        static long emptyCappedList(String name) {
            return ItemSize.attribute(name + "Capped", AttributeValue.fromBool(true))
                    + ItemSize.attribute(name, AttributeValue.fromL(List.of()));
        }
    }
}
