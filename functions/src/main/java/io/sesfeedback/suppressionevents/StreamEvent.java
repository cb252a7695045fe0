package io.sesfeedback.suppressionevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event Lambda hands a function from a DynamoDB stream ({@code Records}, each with {@code
 * eventID}, {@code eventName} and {@code dynamodb}: {@code Keys}, {@code NewImage}, {@code
 * OldImage}, {@code SequenceNumber}, {@code ApproximateCreationDateTime} in epoch seconds;
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html), read into the status records it
 * holds. A record that is not a status item's, or cannot be read, is answered as unreadable, with
 * why: never a reason to retry.
 */
public final class StreamEvent {

    /** The table's names (the recorder's FeedbackTable; a test in this build holds them to it). */
    static final String SK = "sk";

    static final String STATUS_SORT_KEY = "STATUS";
    static final String ADDRESS = "address";
    static final String SUPPRESSED = "suppressed";
    static final String SUPPRESSION_REASON = "suppressionReason";
    static final String SUPPRESSED_BY = "suppressedBy";
    static final String SUPPRESSED_AT = "suppressedAt";
    static final String UPDATED_AT = "updatedAt";
    static final String UNSUPPRESSED_AT = "unsuppressedAt";

    /** The operator commands' (tools, SuppressionChanges). */
    static final String SUPPRESSION_SOURCE = "suppressionSource";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record that is not a status change this function can read, and why. */
    public record Unreadable(String eventId, String sequenceNumber, String problem) {}

    /** The batch's records, in the stream's order. */
    public record Batch(List<StatusRecord> records, List<Unreadable> unreadable) {}

    private StreamEvent() {}

    /** Reads the whole event; a body that is not a stream event at all throws. */
    public static Batch read(InputStream input) throws IOException {
        JsonNode event = JSON.readTree(input);
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            throw new IOException("Not a DynamoDB stream event: no Records array");
        }
        List<StatusRecord> read = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (JsonNode record : records) {
            String eventId = text(record, "eventID");
            JsonNode dynamodb = record.path("dynamodb");
            String sequenceNumber = text(dynamodb, "SequenceNumber");
            try {
                read.add(statusRecord(record, dynamodb, eventId, sequenceNumber));
            } catch (IllegalArgumentException e) {
                unreadable.add(new Unreadable(eventId, sequenceNumber, e.getMessage()));
            }
        }
        return new Batch(read, unreadable);
    }

    private static StatusRecord statusRecord(
            JsonNode record, JsonNode dynamodb, String eventId, String sequenceNumber) {
        if (eventId == null || sequenceNumber == null) {
            throw new IllegalArgumentException("no eventID or SequenceNumber");
        }
        String sortKey = text(dynamodb.path("Keys").path(SK), "S");
        if (!STATUS_SORT_KEY.equals(sortKey)) {
            throw new IllegalArgumentException("not a status item (sk " + sortKey + ")");
        }
        StatusRecord.Kind kind;
        try {
            kind = StatusRecord.Kind.valueOf(String.valueOf(text(record, "eventName")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown eventName " + text(record, "eventName"));
        }
        StatusImage before = image(dynamodb.get("OldImage"));
        StatusImage after = image(dynamodb.get("NewImage"));
        if ((kind == StatusRecord.Kind.REMOVE ? before : after) == null) {
            throw new IllegalArgumentException(
                    "no " + (kind == StatusRecord.Kind.REMOVE ? "OldImage" : "NewImage"));
        }
        return new StatusRecord(eventId, sequenceNumber, kind, before, after, madeAt(dynamodb));
    }

    private static StatusImage image(JsonNode image) {
        if (image == null || !image.isObject()) {
            return null;
        }
        return new StatusImage(
                string(image, ADDRESS),
                image.path(SUPPRESSED).path("BOOL").asBoolean(false),
                string(image, SUPPRESSION_REASON),
                string(image, SUPPRESSED_BY),
                string(image, SUPPRESSED_AT),
                string(image, UPDATED_AT),
                string(image, SUPPRESSION_SOURCE),
                string(image, UNSUPPRESSED_AT));
    }

    /** ApproximateCreationDateTime: epoch seconds, a number (or its text), maybe fractional. */
    private static Instant madeAt(JsonNode dynamodb) {
        JsonNode time = dynamodb.get("ApproximateCreationDateTime");
        if (time == null || time.isNull()) {
            throw new IllegalArgumentException("no ApproximateCreationDateTime");
        }
        try {
            BigDecimal seconds = new BigDecimal(time.asText());
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ApproximateCreationDateTime " + time.asText());
        }
    }

    private static String string(JsonNode image, String attribute) {
        return text(image.path(attribute), "S");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
