package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EXPIRES_AT;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;

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

    static final String DUPLICATE_RECIPIENTS = "duplicateRecipients";
    static final String RECORDED_AT = "recordedAt";

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
                .put("format", message.format().label())
                .put("publishedAt", Timestamps.format(message.sns().publishedAt()))
                .put("topicArn", TextFields.capped(message.sns().topicArn()))
                .put("snsSubject", TextFields.capped(message.sns().subject()))
                .put("configurationSet", message.configurationSet())
                .put("problem", message.problem())
                .put("duplicateOf", duplicateOf)
                .put(RECORDED_AT, Timestamps.format(recordedAt));
        common(item);
        if (withBody) {
            item.attributes.put(RawBody.ATTRIBUTE, RawBody.of(message.sns().body()));
        }
        item.number("rawBytes", message.sns().body().getBytes(StandardCharsets.UTF_8).length);
        item.number("recipientCount", message.recipients().size());
        if (duplicates > 0) {
            item.number(DUPLICATE_RECIPIENTS, duplicates);
        }
        List<LeftOut> leftOut = new ArrayList<>(message.leftOut());
        leftOut.addAll(refused);
        if (!leftOut.isEmpty()) {
            item.number("leftOutCount", leftOut.size());
        }
        item.listWithin("recipients", message.recipients(), r -> AttributeValue.fromS(r.address()));
        item.listWithin("leftOut", leftOut, entry -> AttributeValue.fromM(Map.of(
                "entry", AttributeValue.fromS(entry.entry()), "reason", AttributeValue.fromS(entry.reason()))));
        return item.attributes;
    }

    Map<String, AttributeValue> recipientEvent(Recipient recipient) {
        Item item = new Item()
                .put(PK, RECIPIENT_PREFIX + recipient.address())
                .put(SK, FeedbackTable.eventSortKey(message, recipient))
                .put("address", recipient.address())
                .put("domain", recipient.domain())
                .put("status", recipient.status())
                .put("action", recipient.action())
                .put("diagnosticCode", recipient.diagnosticCode());
        common(item);
        return item.attributes;
    }

    /** The claim on this message's feedback event for {@code recipient}: whoever writes it first counts the event. */
    Map<String, AttributeValue> claim(Recipient recipient) {
        String identity = message.feedbackIdentity(recipient);
        Map<String, AttributeValue> item = new LinkedHashMap<>(FeedbackTable.claimKey(recipient.address(), identity));
        item.put(SNS_MESSAGE_ID, AttributeValue.fromS(message.snsMessageId()));
        item.put(MESSAGE_TYPE, AttributeValue.fromS(message.type().label()));
        item.put("feedbackIdentity", AttributeValue.fromS(TextFields.capped(identity)));
        item.put("event", AttributeValue.fromS(FeedbackTable.eventSortKey(message, recipient)));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        return item;
    }

    /** Counts the message against the address and, for a permanent bounce or complaint, suppresses it (first reason wins). */
    Update statusUpdate(Recipient recipient, StatusChange change, String tableName) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#address", "address", "#domain", "domain", "#updatedAt", "updatedAt",
                "#counter", change.counter().attribute()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":address", AttributeValue.fromS(recipient.address()),
                ":domain", AttributeValue.fromS(recipient.domain()),
                ":updatedAt", AttributeValue.fromS(Timestamps.format(recordedAt)),
                ":one", AttributeValue.fromN("1")));
        StringBuilder set = new StringBuilder("SET #address = :address, #domain = :domain, #updatedAt = :updatedAt");
        if (change.suppresses()) {
            names.putAll(Map.of("#suppressed", "suppressed", "#reason", "suppressionReason",
                    "#at", FeedbackTable.SUPPRESSED_AT, "#by", "suppressedBy", "#list", FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE));
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
                .put("occurredAt", Timestamps.format(message.occurredAt()))
                .put(SES_MESSAGE_ID, message.sesMessageId())
                .put("sender", message.sender())
                .put("subject", message.subject());
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
