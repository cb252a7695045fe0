package io.sesfeedback.notification;

import com.fasterxml.jackson.jr.ob.JSON;
import io.sesfeedback.notification.FeedbackMessage.Format;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of an SNS message from the feedback topic: SES identity notifications, SES event publishing
 * records, CloudWatch alarm state changes and SES's topic validation text. It never throws on bad input: what it
 * cannot read comes back as {@link MessageType#UNRECOGNISED} with the reason, so that the raw body is still kept.
 */
public class NotificationParser {

    private static final String VALIDATION_TEXT = "Successfully validated SNS topic for Amazon SES";
    /** SES's confirmation after SetIdentityNotificationTopic, sent as an identity notification. */
    private static final String SUBSCRIPTION_CONFIRMATION = "AmazonSnsSubscriptionSucceeded";
    private static final Set<MessageType> IDENTITY_NOTIFICATION_TYPES =
            EnumSet.of(MessageType.BOUNCE, MessageType.COMPLAINT, MessageType.DELIVERY);

    public FeedbackMessage parse(SnsMessage sns) {
        String body = sns.body().strip();
        if (!body.startsWith("{")) {
            return body.startsWith(VALIDATION_TEXT)
                    ? textMessage(sns, MessageType.TOPIC_VALIDATION)
                    : FeedbackMessage.unrecognised(sns, Format.TEXT, "Body is neither JSON nor SES's topic validation text");
        }
        Map<String, Object> json;
        try {
            json = JSON.std.mapFrom(body);
        } catch (IOException | RuntimeException e) {
            return FeedbackMessage.unrecognised(sns, Format.UNKNOWN, "Body is not valid JSON: " + firstLine(e.getMessage()));
        }
        try {
            return parseJson(sns, new JsonObject(json, ""));
        } catch (MalformedMessageException e) {
            return FeedbackMessage.unrecognised(sns, Format.UNKNOWN, e.getMessage());
        } catch (RuntimeException e) {
            // a shape nobody foresaw: keep it raw rather than fail the invocation on every retry
            return FeedbackMessage.unrecognised(sns, Format.UNKNOWN, "Could not read the message: " + e);
        }
    }

    private FeedbackMessage parseJson(SnsMessage sns, JsonObject json) {
        Optional<String> notificationType = json.string("notificationType");
        if (notificationType.isPresent()) {
            if (SUBSCRIPTION_CONFIRMATION.equals(notificationType.get())) {
                return textMessage(sns, MessageType.TOPIC_VALIDATION);
            }
            return parseSes(sns, json, Format.SES_NOTIFICATION, "notificationType", notificationType.get());
        }
        Optional<String> eventType = json.string("eventType");
        if (eventType.isPresent()) {
            return parseSes(sns, json, Format.SES_EVENT, "eventType", eventType.get());
        }
        if (json.has("AlarmName") && json.has("NewStateValue")) {
            return parseAlarm(sns, json);
        }
        throw new MalformedMessageException("JSON without notificationType, eventType or AlarmName");
    }

    private FeedbackMessage parseSes(SnsMessage sns, JsonObject json, Format format, String typeField, String typeName) {
        MessageType type = MessageType.ofSesName(typeName)
                .filter(t -> format == Format.SES_EVENT || IDENTITY_NOTIFICATION_TYPES.contains(t))
                .orElseThrow(() -> new MalformedMessageException("Unknown " + typeField + " '" + typeName + "'"));
        JsonObject mail = json.object("mail")
                .orElseThrow(() -> new MalformedMessageException(typeName + " without a 'mail' object"));
        JsonObject feedback = json.object(type.objectKey())
                .orElseThrow(() -> new MalformedMessageException(typeName + " without a '" + type.objectKey() + "' object"));

        Map<String, String> details = new LinkedHashMap<>();
        for (MessageType.DetailField field : type.detailFields()) {
            feedback.scalar(field.jsonName()).ifPresent(value -> details.put(field.name(), value));
        }
        mail.string("timestamp").ifPresent(sentAt -> details.put("sentAt", sentAt));
        String sesMessageId = mail.string("messageId").filter(id -> !id.isBlank()).orElse(null);
        if (sesMessageId != null && sesMessageId.length() > TextFields.MAX_LENGTH) {
            throw new MalformedMessageException("mail.messageId is longer than " + TextFields.MAX_LENGTH + " characters");
        }

        return new FeedbackMessage(sns, type, format,
                feedback.string("timestamp").or(() -> mail.string("timestamp"))
                        .flatMap(Timestamps::parse).orElse(sns.publishedAt()),
                sesMessageId,
                mail.string("source").orElse(null),
                mail.object("commonHeaders").flatMap(headers -> headers.string("subject")).orElse(null),
                mail.object("tags").flatMap(tags -> tags.firstOf("ses:configuration-set")).orElse(null),
                details,
                recipients(type, feedback, mail),
                null);
    }

    private static List<Recipient> recipients(MessageType type, JsonObject feedback, JsonObject mail) {
        List<Recipient> named = switch (type) {
            case BOUNCE -> detailedRecipients(feedback, "bouncedRecipients");
            case COMPLAINT -> detailedRecipients(feedback, "complainedRecipients");
            case DELIVERY_DELAY -> detailedRecipients(feedback, "delayedRecipients");
            case DELIVERY -> plainRecipients(feedback, "recipients");
            default -> plainRecipients(mail, "destination");
        };
        return distinctAddresses(named);
    }

    private static List<Recipient> detailedRecipients(JsonObject feedback, String field) {
        List<Recipient> recipients = new ArrayList<>();
        for (JsonObject entry : feedback.objects(field)) {
            entry.string("emailAddress").ifPresent(address -> recipients.add(new Recipient(
                    address,
                    entry.string("status").orElse(null),
                    entry.string("action").orElse(null),
                    entry.string("diagnosticCode").orElse(null))));
        }
        return recipients;
    }

    private static List<Recipient> plainRecipients(JsonObject object, String field) {
        return object.strings(field).stream().map(Recipient::of).toList();
    }

    /** A recipient named twice in one message is recorded once (its first entry wins); what is not an address not at all. */
    private static List<Recipient> distinctAddresses(List<Recipient> recipients) {
        Set<String> seen = new LinkedHashSet<>();
        return recipients.stream().filter(r -> r.isAddress() && seen.add(r.address())).toList();
    }

    private FeedbackMessage parseAlarm(SnsMessage sns, JsonObject json) {
        Map<String, String> details = new LinkedHashMap<>();
        json.scalar("AlarmName").ifPresent(v -> details.put("alarmName", v));
        json.scalar("NewStateValue").ifPresent(v -> details.put("alarmState", v));
        json.scalar("OldStateValue").ifPresent(v -> details.put("previousAlarmState", v));
        json.scalar("NewStateReason").ifPresent(v -> details.put("alarmReason", v));
        json.scalar("AlarmArn").ifPresent(v -> details.put("alarmArn", v));
        json.object("Trigger").ifPresent(trigger -> {
            trigger.scalar("MetricName").ifPresent(v -> details.put("metricName", v));
            trigger.scalar("Threshold").ifPresent(v -> details.put("threshold", v));
        });
        return new FeedbackMessage(sns, MessageType.ALARM, Format.CLOUDWATCH_ALARM,
                json.string("StateChangeTime").flatMap(Timestamps::parse).orElse(sns.publishedAt()),
                null, null, sns.subject(), null, details, List.of(), null);
    }

    private static FeedbackMessage textMessage(SnsMessage sns, MessageType type) {
        return new FeedbackMessage(sns, type, Format.TEXT, sns.publishedAt(), null, null, sns.subject(), null,
                Map.of(), List.of(), null);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A field holds something other than what the format promises. */
    private static final class MalformedMessageException extends RuntimeException {
        MalformedMessageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Typed, null-safe reads of a parsed JSON object; a wrong type is a {@link MalformedMessageException}. */
    private record JsonObject(Map<String, Object> fields, String path) {

        boolean has(String name) {
            return fields.get(name) != null;
        }

        Optional<String> string(String name) {
            Object value = fields.get(name);
            if (value == null || value instanceof String) {
                return Optional.ofNullable((String) value);
            }
            throw wrongType(name, "a string", value);
        }

        /** A string, number or boolean, as text. */
        Optional<String> scalar(String name) {
            Object value = fields.get(name);
            if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                return Optional.ofNullable(value).map(String::valueOf);
            }
            throw wrongType(name, "a string, number or boolean", value);
        }

        @SuppressWarnings("unchecked")
        Optional<JsonObject> object(String name) {
            Object value = fields.get(name);
            if (value == null || value instanceof Map) {
                return Optional.ofNullable((Map<String, Object>) value).map(map -> new JsonObject(map, path + name + "."));
            }
            throw wrongType(name, "an object", value);
        }

        List<String> strings(String name) {
            List<String> strings = new ArrayList<>();
            for (Object element : list(name)) {
                if (!(element instanceof String text)) {
                    throw wrongType(name, "a list of strings", element);
                }
                strings.add(text);
            }
            return strings;
        }

        Optional<String> firstOf(String name) {
            Object value = fields.get(name);
            return value instanceof String text ? Optional.of(text) : strings(name).stream().findFirst();
        }

        @SuppressWarnings("unchecked")
        List<JsonObject> objects(String name) {
            List<JsonObject> objects = new ArrayList<>();
            for (Object element : list(name)) {
                if (!(element instanceof Map)) {
                    throw wrongType(name, "a list of objects", element);
                }
                objects.add(new JsonObject((Map<String, Object>) element, path + name + "[]."));
            }
            return objects;
        }

        private List<?> list(String name) {
            Object value = fields.get(name);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return list;
            }
            throw wrongType(name, "a list", value);
        }

        private MalformedMessageException wrongType(String name, String expected, Object actual) {
            String found = actual == null ? "null" : actual instanceof String ? "a string" : actual.getClass().getSimpleName();
            return new MalformedMessageException(path + name + " should be " + expected + " but holds " + found);
        }
    }
}
