package io.sesfeedback.notification;

import java.time.Instant;
import java.util.Objects;

/**
 * One message as the feedback topic delivered it: the SNS envelope and its body, untouched, and
 * where it comes from ({@link Origin}: the topic's account and region, or an EventBridge event's).
 */
public record SnsMessage(
        String messageId,
        String topicArn,
        String subject,
        Instant publishedAt,
        String body,
        Origin origin) {

    public SnsMessage {
        Objects.requireNonNull(messageId, "SNS MessageId is required: it is the idempotency key");
        Objects.requireNonNull(publishedAt, "SNS Timestamp is required");
        body = body == null ? "" : body;
        origin = origin == null ? Origin.UNKNOWN : origin;
    }

    /** A message published to {@code topicArn}: from the topic's account and region. */
    public SnsMessage(
            String messageId, String topicArn, String subject, Instant publishedAt, String body) {
        this(messageId, topicArn, subject, publishedAt, body, Origin.ofTopic(topicArn));
    }

    /** The same message from {@code other}. */
    public SnsMessage from(Origin other) {
        return new SnsMessage(messageId, topicArn, subject, publishedAt, body, other);
    }
}
