package io.sesfeedback.suppressionevents;

import io.sesfeedback.support.JsonText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One suppression added or removed, as docs/suppression-events.md's schema (version 1) puts it in
 * an event's detail; {@code sequenceNumber} names the stream record it comes from, never published.
 */
public record SuppressionEvent(
        String sequenceNumber,
        String changeId,
        Change change,
        String address,
        String reason,
        String source,
        String actor,
        Instant at) {

    /** The bin/ses-feedback commands' source, so that an application's rule matches both. */
    public static final String SOURCE = "ses-feedback";

    static final String SCHEMA_VERSION = "1";

    /** The schema's {@code at}: UTC to the millisecond. */
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public enum Change {
        ADDED("Suppression Added", "added"),
        REMOVED("Suppression Removed", "removed");

        private final String detailType;
        private final String word;

        Change(String detailType, String word) {
            this.detailType = detailType;
            this.word = word;
        }

        public String detailType() {
            return detailType;
        }

        public String word() {
            return word;
        }
    }

    public String detailType() {
        return change.detailType();
    }

    /** The event's detail as JSON, its fields in the schema's order. */
    public String detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", SCHEMA_VERSION);
        detail.put("changeId", changeId);
        detail.put("change", change.word());
        detail.put("address", address);
        detail.put("reason", reason);
        detail.put("source", source);
        detail.put("actor", actor);
        detail.put("at", AT.format(at));
        return JsonText.write(detail);
    }
}
