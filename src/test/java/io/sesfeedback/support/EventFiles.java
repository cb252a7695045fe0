package io.sesfeedback.support;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.SnsRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The SNS event files in events/, as the bytes Lambda delivers, and their messages. */
public final class EventFiles {

    public static final Path FOLDER = Path.of("events");

    private EventFiles() {}

    public static List<String> names() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event file's bytes, as Lambda hands them to the handler. */
    public static InputStream event(String name) {
        return event(FOLDER.resolve(name));
    }

    public static InputStream event(Path file) {
        try {
            return new ByteArrayInputStream(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first (in practice only) record of an event file. */
    public static SnsMessage message(String name) {
        return SnsRecords.messages(event(name)).get(0);
    }

    /** The message of an event that aws-lambda-java-tests' {@code @Event} loaded. */
    public static SnsMessage message(SNSEvent event) {
        SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
        return new SnsMessage(
                sns.getMessageId(),
                sns.getTopicArn(),
                sns.getSubject(),
                Instant.ofEpochMilli(sns.getTimestamp().getMillis()),
                sns.getMessage());
    }

    /**
     * The same event file's message published again as a different SNS message, its body edited.
     */
    public static SnsMessage republished(String name, String find, String replacement) {
        SnsMessage original = message(name);
        return new SnsMessage(
                UUID.randomUUID().toString(),
                original.topicArn(),
                original.subject(),
                original.publishedAt(),
                original.body().replace(find, replacement));
    }

    /**
     * The same SES event as SES publishes it in the other format (identity notification or
     * configuration-set event), under a new SNS MessageId: what a topic wired both ways receives.
     */
    @SuppressWarnings("unchecked")
    public static SnsMessage inOtherFormat(SnsMessage sns) {
        Map<String, Object> body = Json.readObject(sns.body());
        Map<String, Object> mail = (Map<String, Object>) body.get("mail");
        if (body.containsKey("notificationType")) {
            body.put("eventType", body.remove("notificationType"));
            mail.put("tags", Map.of("ses:configuration-set", List.of("ses-feedback-test")));
        } else {
            body.put("notificationType", body.remove("eventType"));
            mail.remove("tags");
        }
        return new SnsMessage(
                UUID.randomUUID().toString(),
                sns.topicArn(),
                sns.subject(),
                sns.publishedAt().plusMillis(250),
                Json.write(body));
    }

    public static SnsMessage withBody(String body) {
        return new SnsMessage(
                UUID.randomUUID().toString(),
                "arn:aws:sns:eu-west-1:123456789012:ses-feedback-test-feedback",
                null,
                Instant.parse("2026-11-20T10:15:30.123Z"),
                body);
    }
}
