package io.sesfeedback.recorder;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.RecordRefusedException;

/**
 * Records one message from the feedback topic: understands it, stores it so that each SES feedback event counts
 * once, and writes its log line. A message whose message item DynamoDB refuses is stored raw, as unrecognised,
 * rather than retried in vain. The log line comes after the table write and is marked on the message item, so a
 * retry after a failed log write finishes the job and a redelivery of a fully recorded message writes nothing.
 * A line can still be written twice (an invocation that fails between the line and its mark, or two copies of one
 * SNS message at the same moment): the log is at least once, and its lines carry the SNS MessageId to deduplicate.
 */
public final class FeedbackRecorder {

    /**
     * What became of one message: {@code redelivered} when it had been recorded before; {@code duplicateOf} names
     * the SNS message that had recorded the same SES events first, in the other format (null when none).
     */
    public record Outcome(FeedbackMessage message, boolean redelivered, String duplicateOf) {
    }

    private final NotificationParser parser;
    private final FeedbackStore store;
    private final FeedbackLog log;

    public FeedbackRecorder(NotificationParser parser, FeedbackStore store, FeedbackLog log) {
        this.parser = parser;
        this.store = store;
        this.log = log;
    }

    public Outcome record(SnsMessage sns) {
        return record(parser.parse(sns));
    }

    /** Records a message already parsed. */
    public Outcome record(FeedbackMessage parsed) {
        FeedbackMessage message = parsed;
        FeedbackStore.Saved saved;
        try {
            saved = store.save(message);
        } catch (RecordRefusedException refused) {
            message = message.asUnrecognised("DynamoDB refused the parsed record: " + refused.getMessage());
            saved = store.save(message);
        }
        if (saved.firstDelivery() || !store.wasLogged(message.snsMessageId())) {
            log.write(message, saved.duplicateOf());
            store.markLogged(message.snsMessageId());
        }
        return new Outcome(message, !saved.firstDelivery(), saved.duplicateOf());
    }
}
