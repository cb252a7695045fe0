package io.sesfeedback.logs;

import io.sesfeedback.notification.FeedbackMessage;

/** Where each message's log line goes: a stream per message type. Failures throw, so that Lambda retries. */
public interface FeedbackLog {

    /** {@code duplicateOf}: the SNS message that recorded the same SES events first, or null. */
    void write(FeedbackMessage message, String duplicateOf);
}
