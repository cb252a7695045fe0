package io.sesfeedback.logs;

import io.sesfeedback.notification.FeedbackMessage;

/**
 * Where each message's log line goes: a stream per message type. Failures throw, so that Lambda
 * retries. The recorder calls it from its log thread, one line at a time per recorder.
 */
public interface FeedbackLog {

    void write(FeedbackMessage message);
}
