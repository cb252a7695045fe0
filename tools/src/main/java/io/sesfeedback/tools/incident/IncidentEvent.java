package io.sesfeedback.tools.incident;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.tools.items.MemberAccount;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One bounce or complaint as the incident report counts it: its message item's raw body read again
 * with the recorder's parser, plus what only the raw body holds (when the mail was sent, its
 * message tags), and on a hub the member account it came from ({@code account region environment};
 * null where the item has none); its SES tenant, and whether SES never tried to deliver it (a
 * prevented send, not a bounce).
 */
record IncidentEvent(
        MessageType type,
        Instant occurredAt,
        Instant sentAt,
        String sesMessageId,
        String sender,
        String subject,
        String configurationSet,
        List<String> tags,
        List<Recipient> recipients,
        String bounceType,
        String complaintFeedbackType,
        String memberAccount,
        String tenant,
        boolean prevented) {

    static final String PERMANENT = "Permanent";
    static final String NOT_SPAM = "not-spam";

    /**
     * SES's own tag of the configuration set, shown as its own attribution rather than as a tag.
     */
    private static final String CONFIGURATION_SET_TAG = "ses:configuration-set";

    static IncidentEvent of(Map<String, AttributeValue> item, NotificationParser parser) {
        String raw = RawBody.of(item);
        FeedbackMessage message =
                parser.parse(
                        new SnsMessage(
                                item.get(FeedbackTable.SNS_MESSAGE_ID).s(),
                                null,
                                null,
                                eventTime(item),
                                raw));
        Object mail = Json.readObject(raw).get("mail");
        Map<?, ?> mailObject = mail instanceof Map<?, ?> map ? map : Map.of();
        return new IncidentEvent(
                message.type(),
                message.occurredAt(),
                sentAt(mailObject),
                message.sesMessageId(),
                message.sender(),
                message.subject(),
                message.configurationSet(),
                tags(mailObject),
                message.recipients(),
                message.detail("bounceType"),
                message.detail("complaintFeedbackType"),
                item.containsKey(MemberAccount.ACCOUNT) ? MemberAccount.of(item).label() : null,
                message.tenant(),
                message.prevented());
    }

    /** The same event of {@code named}, the tenant its configuration-set copy names. */
    IncidentEvent ofTenant(String named) {
        return new IncidentEvent(
                type,
                occurredAt,
                sentAt,
                sesMessageId,
                sender,
                subject,
                configurationSet,
                tags,
                recipients,
                bounceType,
                complaintFeedbackType,
                memberAccount,
                named,
                prevented);
    }

    /** When a message item's event occurred: the time its eventKey begins with. */
    static Instant eventTime(Map<String, AttributeValue> item) {
        String eventKey = item.get(FeedbackTable.EVENT_KEY).s();
        return Instant.parse(eventKey.substring(0, eventKey.indexOf('#')));
    }

    boolean hard() {
        return type == MessageType.BOUNCE && PERMANENT.equals(bounceType);
    }

    boolean notSpam() {
        return type == MessageType.COMPLAINT && NOT_SPAM.equals(complaintFeedbackType);
    }

    /** When SES accepted the mail; the event's time when the body does not say. */
    Instant sentOrOccurred() {
        return sentAt != null ? sentAt : occurredAt;
    }

    private static Instant sentAt(Map<?, ?> mail) {
        try {
            return mail.get("timestamp") instanceof String text ? Instant.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code mail.tags} (configuration-set events only) as {@code name=value}, one per value. */
    private static List<String> tags(Map<?, ?> mail) {
        List<String> tags = new ArrayList<>();
        if (mail.get("tags") instanceof Map<?, ?> byName) {
            byName.forEach(
                    (name, values) -> {
                        if (!CONFIGURATION_SET_TAG.equals(name) && values instanceof List<?> list) {
                            list.forEach(value -> tags.add(name + "=" + value));
                        }
                    });
        }
        return List.copyOf(tags);
    }
}
