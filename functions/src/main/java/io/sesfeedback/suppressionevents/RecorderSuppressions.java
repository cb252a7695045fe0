package io.sesfeedback.suppressionevents;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which status changes are the recorder's own suppressions, and what their event says. The operator
 * commands publish their own changes (docs/suppression-events.md), so this publishes only what they
 * do not:
 *
 * <ul>
 *   <li>{@code Suppression Added} when the item is suppressed after the change and was not before
 *       (or did not exist), and no operator suppressed it ({@code suppressionSource} absent): a
 *       permanent bounce, a complaint, a prevented send or the soft-bounce rule;
 *   <li>{@code Suppression Removed} when a suppressed item is deleted (bin/ses-feedback forget,
 *       which publishes nothing itself), whoever suppressed it.
 * </ul>
 *
 * A suppressed item that stays suppressed, an unsuppress (a modify the command published), and an
 * item never suppressed publish nothing. The change's id is the stream record's eventID, the same
 * on every retry of the record.
 */
public final class RecorderSuppressions {

    /** The soft-bounce rule's reason begins so (the recorder's SoftBounceRule.REASON). */
    static final String SOFT_BOUNCE_REASON = "Transient bounces";

    /** A complaint's reason begins so (the recorder's FeedbackMessage). */
    static final String COMPLAINT_REASON = "Complaint";

    private final String recorder;
    private final String publisher;

    /**
     * {@code recorder}: the actor of what the recorder suppressed (its function's name); {@code
     * publisher}: the actor of a deletion, which the stream record does not name (this function's).
     */
    public RecorderSuppressions(String recorder, String publisher) {
        this.recorder = recorder;
        this.publisher = publisher;
    }

    public Optional<SuppressionEvent> eventOf(StatusRecord record) {
        StatusImage before = record.before();
        StatusImage after = record.after();
        if (record.kind() == StatusRecord.Kind.REMOVE) {
            if (before == null || !before.suppressed()) {
                return Optional.empty();
            }
            return Optional.of(
                    new SuppressionEvent(
                            record.sequenceNumber(),
                            record.eventId(),
                            SuppressionEvent.Change.REMOVED,
                            before.address(),
                            "Status item deleted (bin/ses-feedback forget); it was suppressed: "
                                    + before.suppressionReason(),
                            sourceOf(before),
                            publisher,
                            record.madeAt()));
        }
        if (after == null
                || !after.suppressed()
                || after.suppressedByOperator()
                || (before != null && before.suppressed())) {
            return Optional.empty();
        }
        return Optional.of(
                new SuppressionEvent(
                        record.sequenceNumber(),
                        record.eventId(),
                        SuppressionEvent.Change.ADDED,
                        after.address(),
                        after.suppressionReason(),
                        sourceOf(after),
                        recorder,
                        madeAt(after, record)));
    }

    /**
     * The operator's source when an operator suppressed it; else the recorder's rule, read from the
     * reason it wrote: {@code complaint}, {@code soft-bounce}, or {@code bounce} (a permanent
     * bounce or a prevented send, SES's own suppression list refusing the send).
     */
    static String sourceOf(StatusImage image) {
        if (image.suppressionSource() != null) {
            return image.suppressionSource();
        }
        String reason = image.suppressionReason() == null ? "" : image.suppressionReason();
        if (reason.startsWith(COMPLAINT_REASON)) {
            return "complaint";
        }
        if (reason.startsWith(SOFT_BOUNCE_REASON)) {
            return "soft-bounce";
        }
        return "bounce";
    }

    /** When the recorder wrote the suppression (the item's updatedAt), else the stream's time. */
    private static Instant madeAt(StatusImage after, StatusRecord record) {
        if (after.updatedAt() != null) {
            try {
                return Instant.parse(after.updatedAt());
            } catch (DateTimeParseException unreadable) {
                // the stream's own time says as much, to the second
            }
        }
        return record.madeAt();
    }
}
