package io.sesfeedback.notification;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SNS messages of a Lambda event, read from the bytes Lambda delivers. An event that is not
 * what an SNS subscription delivers fails with a message naming what is wrong: it cannot be
 * recorded, and Lambda keeps it for the failed-feedback queue.
 */
public final class SnsRecords {

    private static final String SNS_EVENT_SOURCE = "aws:sns";

    private SnsRecords() {}

    public static List<SnsMessage> messages(InputStream event) {
        try {
            return messages(JsonObject.read(event));
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException(
                    "The event is not an SNS event: " + e.getMessage(), e);
        }
    }

    /** The same, for an event that {@link Json} has read already. */
    public static List<SnsMessage> messages(Object event) {
        try {
            return messages(JsonObject.of(event));
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException(
                    "The event is not an SNS event: " + e.getMessage(), e);
        }
    }

    private static List<SnsMessage> messages(JsonObject event) {
        if (!event.has("Records")) {
            throw new IllegalArgumentException("The event has no Records: it is not an SNS event");
        }
        List<JsonObject> records = event.objects("Records");
        List<SnsMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            messages.add(message(records.get(i), "Records[" + i + "]"));
        }
        return messages;
    }

    private static SnsMessage message(JsonObject record, String where) {
        if (record.isNull()) {
            throw new IllegalArgumentException(where + " is null");
        }
        String eventSource =
                record.string("EventSource")
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                where
                                                        + " has no EventSource: it is not from an SNS subscription"));
        if (!SNS_EVENT_SOURCE.equals(eventSource)) {
            throw new IllegalArgumentException(
                    where + " has EventSource '" + eventSource + "', not " + SNS_EVENT_SOURCE);
        }
        JsonObject sns =
                record.object("Sns")
                        .orElseThrow(
                                () -> new IllegalArgumentException(where + " has no Sns object"));
        return envelope(sns, where + ".Sns");
    }

    /**
     * One SNS envelope on its own, as a subscription's dead-letter queue keeps what it could not
     * deliver: the fields of a record's {@code Sns} object, with {@code Type} Notification.
     */
    public static SnsMessage envelope(Object json) {
        JsonObject sns;
        try {
            sns = JsonObject.of(json);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("not an SNS message: " + e.getMessage(), e);
        }
        String type = sns.string("Type").orElse(null);
        if (!"Notification".equals(type)) {
            throw new IllegalArgumentException(
                    "not an SNS message: its Type is "
                            + (type == null ? "missing" : "'" + type + "'")
                            + ", not Notification");
        }
        return envelope(sns, "the SNS message");
    }

    private static SnsMessage envelope(JsonObject sns, String where) {
        String messageId =
                sns.string("MessageId")
                        .filter(id -> !id.isBlank())
                        .orElseThrow(
                                () -> new IllegalArgumentException(where + " has no MessageId"));
        String timestamp =
                sns.string("Timestamp")
                        .orElseThrow(
                                () -> new IllegalArgumentException(where + " has no Timestamp"));
        return new SnsMessage(
                messageId,
                sns.string("TopicArn").orElse(null),
                sns.string("Subject").orElse(null),
                publishedAt(timestamp, where),
                sns.string("Message").orElse(null));
    }

    private static Instant publishedAt(String timestamp, String where) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    where + ".Timestamp '" + timestamp + "' is not an ISO-8601 time", e);
        }
    }
}
