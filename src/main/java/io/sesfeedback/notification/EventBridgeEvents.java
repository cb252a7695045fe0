package io.sesfeedback.notification;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge events from SES, as a rule's Lambda target receives them or as the Message of an SNS
 * notification when a rule targets the topic. The envelope is EventBridge's ({@code version},
 * {@code id}, {@code detail-type}, {@code source}, {@code account}, {@code time}, {@code region},
 * {@code resources}, {@code detail}: EventBridge User Guide, "Amazon EventBridge events",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events.html); a rule target is
 * invoked with one such object, not a list of records.
 *
 * <p>The detail types are the EventBridge event reference's for SES
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html, "Amazon SES sends the
 * following events directly to EventBridge", source {@code aws.ses}, delivery "Best effort").
 */
public final class EventBridgeEvents {

    /** Every SES event's source (EventBridge event reference for SES). */
    public static final String SES_SOURCE = "aws.ses";

    /**
     * The email sending events a configuration set's EventBridge destination publishes. Their
     * {@code detail} is read as the configuration set's event-publishing record ({@code eventType},
     * {@code mail}, {@code bounce}...): AWS publishes no full sample of "Email Bounced", so that
     * shape is what consumers of these events read, not an AWS statement (see docs/data-model.md).
     */
    public static final List<String> EMAIL_DETAIL_TYPES =
            List.of(
                    "Email Sent",
                    "Email Delivered",
                    "Email Bounced",
                    "Email Complaint Received",
                    "Email Rejected",
                    "Email Opened",
                    "Email Clicked",
                    "Email Rendering Failed",
                    "Email Delivery Delayed",
                    "Email Subscribed");

    /**
     * SES's status events, sent with no setup. "Advisor Recommendation Status Closed" is the SES
     * Developer Guide's name on its Tenants page; the EventBridge reference and schema registry say
     * "Resolved": both are read.
     */
    public static final List<String> STATUS_DETAIL_TYPES =
            List.of(
                    "Sending Status Enabled",
                    "Sending Status Disabled",
                    "Advisor Recommendation Status Open",
                    "Advisor Recommendation Status Resolved",
                    "Advisor Recommendation Status Closed");

    /**
     * The account watch's copy of an AccountStatus change, which a member stack puts on its default
     * bus for the hub (functions/, io.sesfeedback.accountwatch); its detail is the message's body
     * with the member's {@code environment}. A customer's source must not begin with "aws."
     * (eb-events.html).
     */
    public static final String ACCOUNT_WATCH_SOURCE = "ses-feedback";

    public static final String ACCOUNT_STATUS_CHANGED = "Account Status Changed";

    /**
     * CloudWatch's alarm state changes (EventBridge event reference for CloudWatch,
     * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-cloudwatch.html: source {@code
     * aws.cloudwatch}, delivery "Durable").
     */
    public static final String CLOUDWATCH_SOURCE = "aws.cloudwatch";

    public static final String ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";

    static final String DETAIL_TYPE = "detail-type";

    private EventBridgeEvents() {}

    /** Whether {@code event} is an EventBridge envelope rather than SNS's Records. */
    static boolean isEnvelope(Map<String, Object> event) {
        return event.containsKey(DETAIL_TYPE)
                && event.containsKey("source")
                && !event.containsKey("Records");
    }

    static boolean isEnvelope(JsonObject json) {
        return isEnvelope(json.fields());
    }

    /**
     * One event that EventBridge delivered to the function itself, as a message: keyed by the
     * event's {@code id}, which every delivery of the event carries: "By default, EventBridge
     * retries sending the event for 24 hours and up to 185 times"
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html), and Lambda
     * retries a failed asynchronous invocation with its event
     * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html); the id is "A Version 4
     * UUID" (eb-events.html). It is published at its {@code time}, with no topic, its detail type
     * as the subject and the event's text, untouched, as the body. Without an id or a readable time
     * it cannot be recorded, and fails as an SNS record without a MessageId does.
     */
    static SnsMessage message(Map<String, Object> event, String text) {
        JsonObject json = JsonObject.of(event);
        String id = idOf(json).orElseThrow(() -> notRecordable("has no id"));
        String time = textOf(json, "time").orElseThrow(() -> notRecordable("has no time"));
        Instant publishedAt;
        try {
            publishedAt = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw notRecordable("has time '" + time + "', not an ISO-8601 time");
        }
        return new SnsMessage(
                id,
                null,
                textOf(json, DETAIL_TYPE).orElse(null),
                publishedAt,
                text,
                Origin.ofEvent(json, Origin.UNKNOWN));
    }

    /**
     * The message an EventBridge event in {@code sns} is stored as: under the event's id whichever
     * way it came, so that the copy a rule delivers to the function and the copy it publishes to
     * the topic are one message item, from the event's account and region (a hub's topic carries
     * its members' events). Without an id, the SNS message's own.
     */
    static SnsMessage keyedByEvent(SnsMessage sns, JsonObject event) {
        return new SnsMessage(
                idOf(event).orElse(sns.messageId()),
                sns.topicArn(),
                sns.subject(),
                sns.publishedAt(),
                sns.body(),
                Origin.ofEvent(event, sns.origin()));
    }

    private static Optional<String> idOf(JsonObject event) {
        return textOf(event, "id");
    }

    private static Optional<String> textOf(JsonObject event, String field) {
        try {
            return event.string(field).filter(value -> !value.isBlank());
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    private static IllegalArgumentException notRecordable(String what) {
        return new IllegalArgumentException("The EventBridge event " + what);
    }
}
