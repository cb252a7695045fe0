package io.sesfeedback.suppressionevents;

import java.time.Instant;

/**
 * One change of a recipient's status item, as the table's stream tells it: which kind, the item
 * before ({@code before}, null for an insert) and after ({@code after}, null for a delete), the
 * stream record's id and sequence number, and about when DynamoDB made it.
 */
public record StatusRecord(
        String eventId,
        String sequenceNumber,
        Kind kind,
        StatusImage before,
        StatusImage after,
        Instant madeAt) {

    /** DynamoDB Streams' eventName. */
    public enum Kind {
        INSERT,
        MODIFY,
        REMOVE
    }
}
