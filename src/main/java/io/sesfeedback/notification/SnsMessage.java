package io.sesfeedback.notification;

import java.time.Instant;
import java.util.Objects;

/** One message as the feedback topic delivered it: the SNS envelope and its body, untouched. */
public record SnsMessage(
        String messageId, String topicArn, String subject, Instant publishedAt, String body) {

    public SnsMessage {
        Objects.requireNonNull(messageId, "SNS MessageId is required: it is the idempotency key");
        Objects.requireNonNull(publishedAt, "SNS Timestamp is required");
        body = body == null ? "" : body;
    }
}
