package io.sesfeedback.local;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An SNS message as the Lambda event that delivers it: what a handler reads. */
public final class LambdaSnsEvent {

    private LambdaSnsEvent() {}

    public static InputStream of(SnsMessage sns) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("Type", "Notification");
        message.put("MessageId", sns.messageId());
        message.put("TopicArn", sns.topicArn());
        message.put("Subject", sns.subject());
        message.put("Message", sns.body());
        message.put("Timestamp", sns.publishedAt().toString());
        Map<String, Object> record =
                Map.of("EventSource", "aws:sns", "EventVersion", "1.0", "Sns", message);
        return new ByteArrayInputStream(
                Json.write(Map.of("Records", List.of(record))).getBytes(StandardCharsets.UTF_8));
    }
}
