package io.sesfeedback.tools.operations;

import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.SnsMessage;
import java.util.List;
import java.util.Map;

/**
 * Lambda's record of an asynchronous invocation that failed all its attempts, as its on-failure
 * destination receives it: {@code requestContext} (condition, attempts), {@code requestPayload}
 * (the SNS or EventBridge event exactly as the function received it) and {@code responsePayload}
 * (the function's error).
 */
record FailureRecord(List<SnsMessage> messages, String condition, int attempts, String error) {

    private static final int MAX_ERROR_LENGTH = 200;

    /**
     * The record in a queue message's body, read as JSON; {@link IllegalArgumentException} says why
     * it is not one.
     */
    static FailureRecord parse(Object record) {
        if (!(record instanceof Map<?, ?> fields)
                || !(fields.get("requestContext") instanceof Map<?, ?> context)
                || !(fields.get("requestPayload") instanceof Map<?, ?> payload)) {
            throw new IllegalArgumentException(
                    "not a Lambda on-failure record: the body has no requestContext and requestPayload objects");
        }
        Map<?, ?> response =
                fields.get("responsePayload") instanceof Map<?, ?> answer ? answer : Map.of();
        String qualifiedType = text(response.get("errorType"));
        String type = qualifiedType.substring(qualifiedType.lastIndexOf('.') + 1);
        String message = text(response.get("errorMessage"));
        String error = type.isEmpty() || message.isEmpty() ? type + message : type + ": " + message;
        List<SnsMessage> messages = messages(payload);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException(
                    "the requestPayload has no Records: there is nothing to record");
        }
        String condition =
                context.get("condition") instanceof String text ? text : "unknown condition";
        int attempts =
                context.get("approximateInvokeCount") instanceof Number count
                        ? count.intValue()
                        : 0;
        return new FailureRecord(messages, condition, attempts, firstLine(error));
    }

    /** Read as the function reads its event. */
    private static List<SnsMessage> messages(Object payload) {
        try {
            return LambdaInput.messages(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the requestPayload is not an SNS event: "
                            + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /**
     * Why Lambda gave up, as one short line: "RetriesExhausted after 3 attempts: ErrorType:
     * message".
     */
    String failure() {
        String attemptsText =
                attempts > 0 ? " after " + attempts + " attempt" + (attempts == 1 ? "" : "s") : "";
        return condition + attemptsText + (error.isEmpty() ? "" : ": " + error);
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > MAX_ERROR_LENGTH
                ? line.substring(0, MAX_ERROR_LENGTH) + "..."
                : line;
    }
}
