package io.sesfeedback.support;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.SnsMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The event files in events/ (SNS events, and EventBridge events as a rule's Lambda target receives
 * them), as the bytes Lambda delivers, and their messages.
 */
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

    /**
     * The first (in practice only) message of an event file: an SNS record's, or the EventBridge
     * event's.
     */
    public static SnsMessage message(String name) {
        return LambdaInput.messages(event(name)).get(0);
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

    /**
     * EventBridge's detail type for each SES eventType (EventBridge event reference for SES,
     * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html).
     */
    private static final Map<String, String> DETAIL_TYPES =
            Map.of(
                    "Bounce", "Email Bounced",
                    "Complaint", "Email Complaint Received",
                    "Delivery", "Email Delivered",
                    "Send", "Email Sent",
                    "Reject", "Email Rejected",
                    "Open", "Email Opened",
                    "Click", "Email Clicked",
                    "Rendering Failure", "Email Rendering Failed",
                    "DeliveryDelay", "Email Delivery Delayed",
                    "Subscription", "Email Subscribed");

    /**
     * The same SES event as a configuration set's EventBridge destination puts it on the default
     * bus, as the text a rule's Lambda target receives: the envelope of the EventBridge User Guide
     * ("Amazon EventBridge events"), the configuration set's record as the detail, a new event id,
     * published a second after the SNS copy. An identity notification is first made the
     * configuration set's record ({@link #inOtherFormat}).
     */
    public static String eventBridgeEvent(SnsMessage sns) {
        Map<String, Object> body = Json.readObject(sns.body());
        if (body.containsKey("notificationType")) {
            body = Json.readObject(inOtherFormat(sns).body());
        }
        String eventType = (String) body.get("eventType");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", DETAIL_TYPES.get(eventType));
        event.put("source", "aws.ses");
        event.put("account", "123456789012");
        event.put(
                "time",
                sns.publishedAt().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", "eu-west-1");
        event.put("resources", List.of());
        event.put("detail", body);
        return Json.write(event);
    }

    /** {@link #eventBridgeEvent} as the message the handler reads from it. */
    public static SnsMessage inEventBridge(SnsMessage sns) {
        return fromEventBridge(eventBridgeEvent(sns));
    }

    /** The message of an EventBridge event delivered to the function. */
    public static SnsMessage fromEventBridge(String event) {
        return LambdaInput.messages(
                        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)))
                .get(0);
    }

    /**
     * An EventBridge event as a rule whose target is the topic publishes it: the event's text as
     * the Message of a new SNS notification.
     */
    public static SnsMessage throughTopic(String event) {
        return new SnsMessage(
                UUID.randomUUID().toString(),
                "arn:aws:sns:eu-west-1:123456789012:ses-feedback-test-feedback",
                null,
                Instant.parse("2026-11-20T10:15:30.123Z"),
                event);
    }

    /** The text of an event file. */
    public static String text(String name) {
        try {
            return Files.readString(FOLDER.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
