package io.sesfeedback.testing.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An SNS message as the Lambda event that delivers it: what a handler reads. */
public final class LambdaSnsEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaSnsEvent() {}

    public static InputStream of(
            String messageId, String topicArn, String subject, String body, Instant publishedAt) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("Type", "Notification");
        message.put("MessageId", messageId);
        message.put("TopicArn", topicArn);
        message.put("Subject", subject);
        message.put("Message", body);
        message.put("Timestamp", publishedAt.toString());
        Map<String, Object> record =
                Map.of("EventSource", "aws:sns", "EventVersion", "1.0", "Sns", message);
        try {
            return new ByteArrayInputStream(
                    JSON.writeValueAsString(Map.of("Records", List.of(record)))
                            .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the SNS event", e);
        }
    }
}
