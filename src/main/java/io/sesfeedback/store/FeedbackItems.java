package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EVENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.EXPIRES_AT;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.StatusChange;
import io.sesfeedback.notification.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Turns one understood message into the items and updates that record it; see {@link FeedbackTable}. */
final class FeedbackItems {

    private final FeedbackMessage message;
    private final Instant recordedAt;
    private final Instant expiresAt;

    FeedbackItems(FeedbackMessage message, Instant recordedAt, Instant expiresAt) {
        this.message = message;
        this.recordedAt = recordedAt;
        this.expiresAt = expiresAt;
    }

    Map<String, AttributeValue> message() {
        Item item = new Item()
                .put(PK, FeedbackTable.MESSAGE_PREFIX + message.snsMessageId())
                .put(SK, FeedbackTable.MESSAGE_SORT_KEY)
                .put(EVENT_KEY, Timestamps.format(message.occurredAt()) + "#" + message.snsMessageId())
                .put("format", message.format().label())
                .put("publishedAt", Timestamps.format(message.sns().publishedAt()))
                .put("topicArn", message.sns().topicArn())
                .put("snsSubject", message.sns().subject())
                .put("configurationSet", message.configurationSet())
                .put("problem", message.problem())
                .put("raw", message.sns().body())
                .put("recordedAt", Timestamps.format(recordedAt));
        common(item);
        if (!message.recipients().isEmpty()) {
            item.attributes.put("recipients", AttributeValue.fromL(message.recipients().stream()
                    .map(r -> AttributeValue.fromS(r.address())).toList()));
        }
        item.attributes.put("recipientCount", AttributeValue.fromN(Integer.toString(message.recipients().size())));
        return item.attributes;
    }

    Map<String, AttributeValue> recipientEvent(Recipient recipient) {
        Item item = new Item()
                .put(PK, RECIPIENT_PREFIX + recipient.address())
                .put(SK, EVENT_PREFIX + Timestamps.format(message.occurredAt()) + "#" + message.snsMessageId())
                .put("address", recipient.address())
                .put("domain", recipient.domain())
                .put("status", recipient.status())
                .put("action", recipient.action())
                .put("diagnosticCode", recipient.diagnosticCode());
        common(item);
        return item.attributes;
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
                    "#at", "suppressedAt", "#by", "suppressedBy"));
            values.putAll(Map.of(":true", AttributeValue.fromBool(true),
                    ":reason", AttributeValue.fromS(change.suppressionReason()),
                    ":at", AttributeValue.fromS(Timestamps.format(message.occurredAt())),
                    ":by", AttributeValue.fromS(message.snsMessageId())));
            set.append(", #suppressed = :true, #reason = if_not_exists(#reason, :reason)")
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
                .put("snsMessageId", message.snsMessageId())
                .put("occurredAt", Timestamps.format(message.occurredAt()))
                .put(SES_MESSAGE_ID, message.sesMessageId())
                .put("sender", message.sender())
                .put("subject", message.subject());
        message.details().forEach(item::put);
        item.attributes.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    }

    /** String attributes; a null value is left out. */
    private static final class Item {
        private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

        Item put(String name, String value) {
            if (value != null) {
                attributes.put(name, AttributeValue.fromS(value));
            }
            return this;
        }
    }
}
