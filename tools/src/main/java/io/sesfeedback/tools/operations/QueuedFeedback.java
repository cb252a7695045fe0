package io.sesfeedback.tools.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.SnsRecords;
import java.util.List;
import java.util.Map;

/**
 * One message of a redrive queue: Lambda's on-failure record of an event the recorder failed on, an
 * SNS envelope that the subscription could not deliver to the function at all, or an EventBridge
 * event a rule could not deliver (its dead-letter queue holds the event itself: EventBridge User
 * Guide, "Using dead-letter queues to process undelivered events"). Each holds the messages to
 * record.
 */
record QueuedFeedback(List<SnsMessage> messages, String why) {

    /** The body read; {@link IllegalArgumentException} says why it is neither. */
    static QueuedFeedback parse(String body) {
        Object json;
        try {
            json = Json.read(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a Lambda on-failure record, an SNS message or an EventBridge event: the body is not JSON ("
                            + e.getOriginalMessage()
                            + ")");
        }
        if (json instanceof Map<?, ?> fields
                && fields.containsKey("Type")
                && !fields.containsKey("requestContext")) {
            return new QueuedFeedback(
                    List.of(SnsRecords.envelope(json)), "SNS could not deliver it to the function");
        }
        if (LambdaInput.isEventBridge(json)) {
            return new QueuedFeedback(
                    LambdaInput.messages(json), "EventBridge could not deliver it to the function");
        }
        FailureRecord record = FailureRecord.parse(json);
        return new QueuedFeedback(record.messages(), "Lambda: " + record.failure());
    }
}
