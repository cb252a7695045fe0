package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.ACTION;
import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.CLAIMED_EVENT;
import static io.sesfeedback.store.FeedbackTable.CONFIGURATION_SET;
import static io.sesfeedback.store.FeedbackTable.DIAGNOSTIC_CODE;
import static io.sesfeedback.store.FeedbackTable.DOMAIN;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EXPIRES_AT;
import static io.sesfeedback.store.FeedbackTable.FEEDBACK_IDENTITY;
import static io.sesfeedback.store.FeedbackTable.FORMAT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_COUNT;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_ENTRY;
import static io.sesfeedback.store.FeedbackTable.LEFT_OUT_REASON;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.PROBLEM;
import static io.sesfeedback.store.FeedbackTable.PUBLISHED_AT;
import static io.sesfeedback.store.FeedbackTable.RAW_BYTES;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.RECORDED_AT;
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
import static io.sesfeedback.store.FeedbackTable.TOPIC_ARN;
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
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Turns one understood message into the items and updates that record it; see {@link FeedbackTable}. Every item fits
 * DynamoDB by construction: text fields are capped in the domain records, the raw body is compressed, and the
 * message item lists as many recipients and left-out entries as fit ({@code recipientCount} and
 * {@code leftOutCount} always give the whole number; the recipient items carry every address).
 */
final class FeedbackItems {


    private final FeedbackMessage message;
    private final Instant recordedAt;
    private final Instant expiresAt;
    private final boolean withBody;

    FeedbackItems(FeedbackMessage message, Instant recordedAt, Instant expiresAt, boolean withBody) {
        this.message = message;
        this.recordedAt = recordedAt;
        this.expiresAt = expiresAt;
        this.withBody = withBody;
    }

    /**
     * The message item. {@code duplicateOf} names the SNS message that recorded {@code duplicates} of this message's
     * recipients first (null when none); {@code refused} are recipients whose items DynamoDB refused.
     */
    Map<String, AttributeValue> message(String duplicateOf, int duplicates, List<LeftOut> refused) {
        Item item = new Item()
                .put(PK, FeedbackTable.MESSAGE_PREFIX + message.snsMessageId())
                .put(SK, FeedbackTable.MESSAGE_SORT_KEY)
                .put(EVENT_KEY, Timestamps.format(message.occurredAt()) + "#" + message.snsMessageId())
                .put(FORMAT, message.format().label())
                .put(PUBLISHED_AT, Timestamps.format(message.sns().publishedAt()))
                .put(TOPIC_ARN, TextFields.capped(message.sns().topicArn()))
                .put(SNS_SUBJECT, TextFields.capped(message.sns().subject()))
                .put(CONFIGURATION_SET, message.configurationSet())
                .put(PROBLEM, message.problem())
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
        item.listWithin(RECIPIENTS, message.recipients(), r -> AttributeValue.fromS(r.address()));
        item.listWithin(LEFT_OUT, leftOut, entry -> AttributeValue.fromM(Map.of(
                LEFT_OUT_ENTRY, AttributeValue.fromS(entry.entry()), LEFT_OUT_REASON, AttributeValue.fromS(entry.reason()))));
        return item.attributes;
    }

    Map<String, AttributeValue> recipientEvent(Recipient recipient) {
        Item item = new Item()
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

    /** The claim on this message's feedback event for {@code recipient}: whoever writes it first counts the event. */
    Map<String, AttributeValue> claim(Recipient recipient) {
        String identity = message.feedbackIdentity(recipient);
        Map<String, AttributeValue> item = new LinkedHashMap<>(FeedbackTable.claimKey(recipient.address(), identity));
        item.put(SNS_MESSAGE_ID, AttributeValue.fromS(message.snsMessageId()));
        item.put(MESSAGE_TYPE, AttributeValue.fromS(message.type().label()));
        item.put(FEEDBACK_IDENTITY, AttributeValue.fromS(TextFields.capped(identity)));
        item.put(CLAIMED_EVENT, AttributeValue.fromS(FeedbackTable.eventSortKey(message, recipient)));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        return item;
    }

    /** Counts the message against the address and, for a permanent bounce or complaint, suppresses it (first reason wins). */
    Update statusUpdate(Recipient recipient, StatusChange change, String tableName) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#address", ADDRESS, "#domain", DOMAIN, "#updatedAt", UPDATED_AT,
                "#counter", change.counter().attribute()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":address", AttributeValue.fromS(recipient.address()),
                ":domain", AttributeValue.fromS(recipient.domain()),
                ":updatedAt", AttributeValue.fromS(Timestamps.format(recordedAt)),
                ":one", AttributeValue.fromN("1")));
        StringBuilder set = new StringBuilder("SET #address = :address, #domain = :domain, #updatedAt = :updatedAt");
        if (change.suppresses()) {
            names.putAll(Map.of("#suppressed", SUPPRESSED, "#reason", SUPPRESSION_REASON,
                    "#at", FeedbackTable.SUPPRESSED_AT, "#by", SUPPRESSED_BY, "#list", FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE));
            values.putAll(Map.of(":true", AttributeValue.fromBool(true), ":list", AttributeValue.fromS(FeedbackTable.SUPPRESSION_LIST),
                    ":reason", AttributeValue.fromS(change.suppressionReason()),
                    ":at", AttributeValue.fromS(Timestamps.format(message.occurredAt())),
                    ":by", AttributeValue.fromS(message.snsMessageId())));
            set.append(", #suppressed = :true, #list = :list, #reason = if_not_exists(#reason, :reason)")
                    .append(", #at = if_not_exists(#at, :at), #by = if_not_exists(#by, :by)");
        }
        return Update.builder()
                .tableName(tableName)
                .key(FeedbackTable.statusKey(recipient.address()))
                .updateExpression(set + " ADD #counter :one")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private void common(Item item) {
        item.put(MESSAGE_TYPE, message.type().label())
                .put(SNS_MESSAGE_ID, message.snsMessageId())
                .put(OCCURRED_AT, Timestamps.format(message.occurredAt()))
                .put(SES_MESSAGE_ID, message.sesMessageId())
                .put(SENDER, message.sender())
                .put(SUBJECT, message.subject());
        message.details().forEach(item::put);
        item.attributes.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
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

        /** As many of {@code elements} as keep the item within DynamoDB's limit, and {@code <name>Capped} when not all fit. */
        <T> void listWithin(String name, List<T> elements, Function<T, AttributeValue> value) {
            if (elements.isEmpty()) {
                return;
            }
            String cappedFlag = name + "Capped";
            long room = ItemSize.MAX_ITEM_BYTES - ItemSize.of(attributes)
                    - ItemSize.attribute(cappedFlag, AttributeValue.fromBool(true)) - ItemSize.attribute(name, AttributeValue.fromL(List.of()));
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
    }
}
