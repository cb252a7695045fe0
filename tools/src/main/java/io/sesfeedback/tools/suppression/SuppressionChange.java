package io.sesfeedback.tools.suppression;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One change to an address's suppression: what its history item records and its event carries.
 * {@code source} is where the suppression came from: {@code manual}, {@code import}, or the
 * recorder's {@code bounce} and {@code complaint}.
 */
public record SuppressionChange(
        String changeId,
        Kind kind,
        String address,
        String reason,
        String source,
        String actor,
        Instant at) {

    /** The event schema's version: a field added keeps it, a field renamed or removed bumps it. */
    public static final String SCHEMA_VERSION = "1";

    /** The events' source on the default bus, as the account watch's. */
    public static final String EVENT_SOURCE = "ses-feedback";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Added or removed, with the event's detail-type and the history item's word. */
    public enum Kind {
        ADDED("Suppression Added", "suppressed"),
        REMOVED("Suppression Removed", "unsuppressed");

        private final String detailType;
        private final String word;

        Kind(String detailType, String word) {
            this.detailType = detailType;
            this.word = word;
        }

        public String detailType() {
            return detailType;
        }

        public String word() {
            return word;
        }

        static Kind ofWord(String word) {
            return word.equals(REMOVED.word) ? REMOVED : ADDED;
        }
    }

    /** The event's detail, docs/suppression-events.md's schema. */
    public String detail() {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("version", SCHEMA_VERSION);
        detail.put("changeId", changeId);
        detail.put("change", kind == Kind.ADDED ? "added" : "removed");
        detail.put("address", address);
        detail.put("reason", reason);
        detail.put("source", source);
        detail.put("actor", actor);
        detail.put("at", at.toString());
        return detail.toString();
    }
}
