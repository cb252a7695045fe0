package io.sesfeedback.recorder;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.RecordRefusedException;

/**
 * Records one message from the feedback topic: understands it, stores it once, writes its log line once.
 * A message whose parsed record DynamoDB refuses is stored raw, as unrecognised, rather than retried in vain.
 * The log line comes after the table write and is marked on the message item, so a retry after a failed log
 * write finishes the job and a redelivery of a fully recorded message does nothing.
 */
public final class FeedbackRecorder {

    /** What became of one message; {@code redelivered} when it had been recorded before. */
    public record Outcome(FeedbackMessage message, boolean redelivered) {
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
        FeedbackMessage message = parser.parse(sns);
        boolean firstDelivery;
        try {
            firstDelivery = store.save(message);
        } catch (RecordRefusedException refused) {
            message = message.asUnrecognised("DynamoDB refused the parsed record: " + refused.getMessage());
            firstDelivery = store.save(message);
        }
        if (firstDelivery || !store.wasLogged(message.snsMessageId())) {
            log.write(message);
            store.markLogged(message.snsMessageId());
        }
        return new Outcome(message, !firstDelivery);
    }
}
