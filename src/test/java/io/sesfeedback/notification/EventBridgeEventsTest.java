package io.sesfeedback.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.notification.FeedbackMessage.Format;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SES's EventBridge events, as a rule's Lambda target receives them (one envelope: EventBridge User
 * Guide, "Amazon EventBridge events", https://docs.aws.amazon.com/eventbridge/latest/userguide/
 * eb-events.html) or as the Message of the topic when the rule targets it. Detail types: the
 * EventBridge event reference for SES (https://docs.aws.amazon.com/eventbridge/latest/ref/
 * events-ref-ses.html).
 */
class EventBridgeEventsTest {

    private final NotificationParser parser = new NotificationParser();

    private static List<SnsMessage> lambdaInput(String event) {
        return LambdaInput.messages(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    private static String withField(String file, String field, Object value) {
        Map<String, Object> event = Json.readObject(EventFiles.text(file));
        if (value == null) {
            event.remove(field);
        } else {
            event.put(field, value);
        }
        return Json.write(event);
    }

    @Test
    void anEmailBouncedEventIsKeyedByItsIdAndKeptAsDelivered() {
        SnsMessage sns = EventFiles.message("eventbridge-bounce.json");

        assertThat(sns.messageId()).isEqualTo("5f3b7a2e-8c1d-4e6f-9a0b-1c2d3e4f5a61");
        assertThat(sns.topicArn()).as("no topic carried it").isNull();
        assertThat(sns.subject()).isEqualTo("Email Bounced");
        assertThat(sns.publishedAt()).isEqualTo(Instant.parse("2025-11-18T09:12:04Z"));
        assertThat(sns.body()).isEqualTo(EventFiles.text("eventbridge-bounce.json"));
    }

    @Test
    void anEmailBouncedEventsDetailIsReadAsTheConfigurationSetsBounceRecord() {
        FeedbackMessage message = parser.parse(EventFiles.message("eventbridge-bounce.json"));

        assertThat(message.type()).isEqualTo(MessageType.BOUNCE);
        assertThat(message.format()).isEqualTo(Format.SES_EVENT);
        assertThat(message.problem()).isNull();
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2025-11-18T09:12:03.215Z"));
        assertThat(message.configurationSet()).isEqualTo("ses-feedback-dev");
        assertThat(message.detail("bounceType")).isEqualTo("Permanent");
        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("nobody@example.net");
        assertThat(message.eventIdentity())
                .isEqualTo(
                        "Bounce feedback 010201a1e0f1b2c3-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a801-000000");
    }

    @Test
    void theThreeCopiesOfOneBounceHaveOneIdentityAndOneEventKeyPerAddress() {
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        SnsMessage published = EventFiles.inOtherFormat(notification);
        SnsMessage eventBridge = EventFiles.inEventBridge(published);

        List<FeedbackMessage> copies =
                List.of(notification, published, eventBridge).stream().map(parser::parse).toList();

        assertThat(copies)
                .extracting(FeedbackMessage::format)
                .containsExactly(Format.SES_NOTIFICATION, Format.SES_EVENT, Format.SES_EVENT);
        assertThat(copies)
                .extracting(FeedbackMessage::eventIdentity)
                .containsOnly(copies.get(0).eventIdentity());
        for (Recipient recipient : copies.get(0).recipients()) {
            assertThat(copies)
                    .extracting(copy -> FeedbackTable.eventSortKey(copy, recipient))
                    .as(recipient.address())
                    .containsOnly(FeedbackTable.eventSortKey(copies.get(0), recipient));
        }
        assertThat(copies).extracting(FeedbackMessage::snsMessageId).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "event-bounce.json",
                "event-click.json",
                "event-complaint.json",
                "event-delivery-delay.json",
                "event-delivery.json",
                "event-open.json",
                "event-reject.json",
                "event-rendering-failure.json",
                "event-send.json",
                "event-subscription.json"
            })
    void everyEmailDetailTypeIsRecordedAsTheSameEventAsItsSnsCopy(String file) {
        SnsMessage sns = EventFiles.message(file);
        FeedbackMessage published = parser.parse(sns);

        FeedbackMessage eventBridge = parser.parse(EventFiles.inEventBridge(sns));

        assertThat(eventBridge.type()).isEqualTo(published.type());
        assertThat(eventBridge.format()).isEqualTo(Format.SES_EVENT);
        assertThat(eventBridge.eventIdentity()).isEqualTo(published.eventIdentity());
        assertThat(eventBridge.recipients()).isEqualTo(published.recipients());
        assertThat(eventBridge.details()).isEqualTo(published.details());
        assertThat(eventBridge.mail()).isEqualTo(published.mail());
    }

    @Test
    void sendingStatusDisabledIsAnSesStatusAtTheEventsTime() {
        FeedbackMessage message =
                parser.parse(EventFiles.message("eventbridge-sending-status-disabled.json"));

        assertThat(message.type()).isEqualTo(MessageType.SES_STATUS);
        assertThat(message.format()).isEqualTo(Format.EVENTBRIDGE);
        assertThat(message.problem()).isNull();
        assertThat(message.snsMessageId()).isEqualTo("8c6e0d5b-1f4a-4b92-8d3e-4f5a6b7c8d94");
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2025-11-18T14:02:41Z"));
        assertThat(message.recipients()).isEmpty();
        assertThat(message.subject()).isEqualTo("Sending Status Disabled");
        assertThat(message.details())
                .containsEntry("statusEvent", "Sending Status Disabled")
                .containsEntry("sendingStatus", "DISABLED")
                .containsEntry("statusOrigin", "AWS_MANAGED")
                .containsEntry("statusCause", "Bounce rate above the tenant's reputation policy.")
                .containsEntry(
                        "resources",
                        "arn:aws:ses:eu-west-1:123456789012:tenant/newsletters/tn-0a1b2c3d4e5f60718293a4b5c")
                .containsEntry(
                        "summary",
                        "Sending Status Disabled: Bounce rate above the tenant's reputation policy.");
        assertThat(message.origin()).isEqualTo(new Origin("123456789012", "eu-west-1", null));
    }

    @Test
    void anAdvisorRecommendationKeepsItsTextTypeAndImpact() {
        FeedbackMessage message =
                parser.parse(EventFiles.message("eventbridge-advisor-recommendation-open.json"));

        assertThat(message.type()).isEqualTo(MessageType.SES_STATUS);
        assertThat(message.details())
                .containsEntry("statusEvent", "Advisor Recommendation Status Open")
                .containsEntry("recommendationType", "BOUNCE")
                .containsEntry("recommendationImpact", "HIGH")
                .hasEntrySatisfying(
                        "recommendation", text -> assertThat(text).startsWith("The bounce rate"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sending Status Enabled",
                "Sending Status Disabled",
                "Advisor Recommendation Status Open",
                "Advisor Recommendation Status Resolved",
                "Advisor Recommendation Status Closed"
            })
    void everyStatusDetailTypeIsAnSesStatusEvenWithAnEmptyDetail(String detailType) {
        Map<String, Object> fields =
                Json.readObject(EventFiles.text("eventbridge-sending-status-disabled.json"));
        fields.put("detail-type", detailType);
        fields.put("detail", Map.of());
        String event = Json.write(fields);

        FeedbackMessage message = parser.parse(lambdaInput(event).get(0));

        assertThat(message.type()).isEqualTo(MessageType.SES_STATUS);
        assertThat(message.details()).containsEntry("summary", detailType);
    }

    @Test
    void aStatusEventThroughTheTopicIsKeyedByTheEventLikeTheDirectCopy() {
        String event = EventFiles.text("eventbridge-sending-status-disabled.json");
        SnsMessage throughTopic = EventFiles.throughTopic(event);

        FeedbackMessage viaTopic = parser.parse(throughTopic);
        FeedbackMessage direct = parser.parse(EventFiles.fromEventBridge(event));

        assertThat(viaTopic.type()).isEqualTo(MessageType.SES_STATUS);
        assertThat(viaTopic.snsMessageId())
                .isEqualTo(direct.snsMessageId())
                .isEqualTo("8c6e0d5b-1f4a-4b92-8d3e-4f5a6b7c8d94");
        assertThat(viaTopic.sns().topicArn()).isEqualTo(throughTopic.topicArn());
        assertThat(viaTopic.sns().body()).isEqualTo(event);
        assertThat(viaTopic.details()).isEqualTo(direct.details());
        assertThat(viaTopic.occurredAt()).isEqualTo(direct.occurredAt());
    }

    @Test
    void anEmailEventThroughTheTopicCountsAsTheSameEvent() {
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        String event = EventFiles.eventBridgeEvent(notification);

        FeedbackMessage viaTopic = parser.parse(EventFiles.throughTopic(event));

        assertThat(viaTopic.type()).isEqualTo(MessageType.BOUNCE);
        assertThat(viaTopic.eventIdentity()).isEqualTo(parser.parse(notification).eventIdentity());
        assertThat(viaTopic.snsMessageId()).isEqualTo(Json.readObject(event).get("id"));
    }

    @Test
    void aMembersAccountStatusChangeIsAnAccountStatusLikeItsSnsCopy() {
        FeedbackMessage event =
                parser.parse(EventFiles.message("eventbridge-account-status-changed.json"));
        FeedbackMessage sns = parser.parse(EventFiles.message("account-status-probation.json"));

        assertThat(event.type()).isEqualTo(MessageType.ACCOUNT_STATUS);
        assertThat(event.format()).isEqualTo(Format.EVENTBRIDGE);
        assertThat(event.problem()).isNull();
        assertThat(event.snsMessageId()).isEqualTo("3f1c9a7e-2b4d-4e8f-a6c1-7d5e9b0a2c43");
        assertThat(event.details()).isEqualTo(sns.details());
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-11-18T14:30:00.412Z"));
        assertThat(event.origin()).isEqualTo(new Origin("123456789012", "eu-west-1", null));
    }

    @Test
    void anAlarmStateChangeIsAnAlarmUnderTheNamesOfItsSnsNotification() {
        FeedbackMessage message =
                parser.parse(EventFiles.message("eventbridge-alarm-state-change.json"));

        assertThat(message.type()).isEqualTo(MessageType.ALARM);
        assertThat(message.format()).isEqualTo(Format.EVENTBRIDGE);
        assertThat(message.problem()).isNull();
        assertThat(message.snsMessageId()).isEqualTo("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92");
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2019-10-02T17:04:40.989Z"));
        assertThat(message.details())
                .containsOnlyKeys(
                        "alarmName",
                        "alarmState",
                        "previousAlarmState",
                        "alarmReason",
                        "alarmArn",
                        "metricName")
                .containsEntry("alarmName", "ServerCpuTooHigh")
                .containsEntry("alarmState", "ALARM")
                .containsEntry("previousAlarmState", "OK")
                .containsEntry(
                        "alarmArn",
                        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh")
                .containsEntry("metricName", "CPUUtilization");
        assertThat(message.detail("alarmReason"))
                .startsWith("Threshold Crossed: 1 out of the last");
        assertThat(message.origin()).isEqualTo(new Origin("123456789012", "us-east-1", null));
        assertThat(parser.parse(EventFiles.message("alarm-bounce-rate.json")).details())
                .as("the SNS notification's names")
                .containsKeys("alarmName", "alarmState", "previousAlarmState", "alarmReason");
    }

    @Test
    void anAlarmStateChangeWithoutStateTimesIsAtTheEventsTime() {
        Map<String, Object> event =
                Json.readObject(EventFiles.text("eventbridge-alarm-state-change.json"));
        event.put("detail", Map.of("alarmName", "ServerCpuTooHigh"));

        FeedbackMessage message = parser.parse(lambdaInput(Json.write(event)).get(0));

        assertThat(message.type()).isEqualTo(MessageType.ALARM);
        assertThat(message.problem()).isNull();
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2019-10-02T17:04:40Z"));
    }

    /**
     * A hub's topic carries its members' events (its alerts rule): each is from the event's
     * account, not the topic's.
     */
    @Test
    void anEventThroughAHubsTopicIsFromTheEventsAccountAndRegion() {
        Map<String, Object> event =
                Json.readObject(EventFiles.text("eventbridge-alarm-state-change.json"));
        event.put("account", "111111111111");
        event.put("region", "ap-southeast-2");
        String text = Json.write(event);

        FeedbackMessage viaTopic = parser.parse(EventFiles.throughTopic(text));
        FeedbackMessage direct = parser.parse(EventFiles.fromEventBridge(text));

        assertThat(viaTopic.origin())
                .isEqualTo(direct.origin())
                .isEqualTo(new Origin("111111111111", "ap-southeast-2", null));
        assertThat(viaTopic.snsMessageId()).isEqualTo(direct.snsMessageId());
        assertThat(viaTopic.details()).isEqualTo(direct.details());
    }

    @Test
    void anSnsMessageIsFromItsTopicsAccountAndRegion() {
        FeedbackMessage message = parser.parse(EventFiles.message("ses-bounce-permanent.json"));

        assertThat(message.origin()).isEqualTo(new Origin("123456789012", "eu-west-1", null));
    }

    @Test
    void anUnknownDetailTypeFromSesIsKeptRawAsUnrecognised() {
        FeedbackMessage message =
                parser.parse(EventFiles.message("eventbridge-cloudtrail-api-call.json"));

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.format()).isEqualTo(Format.EVENTBRIDGE);
        assertThat(message.snsMessageId()).isEqualTo("c0a231f9-5d8e-4fd6-a172-8d9eafb0c1d8");
        assertThat(message.problem().kind()).isEqualTo(ProblemKind.UNKNOWN_TYPE);
        assertThat(message.problem().text())
                .isEqualTo("Unknown detail-type 'AWS API Call via CloudTrail' from aws.ses");
    }

    @Test
    void anEventFromAnotherSourceIsKeptRawAsUnrecognised() {
        FeedbackMessage message =
                parser.parse(
                        lambdaInput(withField("eventbridge-bounce.json", "source", "aws.health"))
                                .get(0));

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text())
                .isEqualTo(
                        "EventBridge event from source 'aws.health', not aws.ses, ses-feedback or"
                                + " aws.cloudwatch");
    }

    @Test
    void anEmailDetailTypeFromAnotherKnownSourceIsKeptRawAsUnrecognised() {
        FeedbackMessage message =
                parser.parse(
                        lambdaInput(
                                        withField(
                                                "eventbridge-bounce.json",
                                                "source",
                                                "aws.cloudwatch"))
                                .get(0));

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text())
                .isEqualTo("Unknown detail-type 'Email Bounced' from aws.cloudwatch");
    }

    @Test
    void anEmailEventWhoseDetailIsNotAnSesRecordIsKeptRawAsUnrecognised() {
        FeedbackMessage message =
                parser.parse(
                        lambdaInput(
                                        withField(
                                                "eventbridge-bounce.json",
                                                "detail",
                                                Map.of("bounce", Map.of())))
                                .get(0));

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().kind()).isEqualTo(ProblemKind.NO_TYPE);
        assertThat(message.problem().text())
                .isEqualTo("Email Bounced whose detail has no eventType");
    }

    @Test
    void anEventWithoutAnIdOrAReadableTimeCannotBeRecordedAndFailsTheInvocation() {
        assertThatThrownBy(() -> lambdaInput(withField("eventbridge-bounce.json", "id", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The EventBridge event has no id");
        assertThatThrownBy(() -> lambdaInput(withField("eventbridge-bounce.json", "time", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The EventBridge event has no time");
        assertThatThrownBy(
                        () ->
                                lambdaInput(
                                        withField("eventbridge-bounce.json", "time", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The EventBridge event has time 'yesterday', not an ISO-8601 time");
    }

    @Test
    void anSnsEventIsReadAsBeforeAndAnythingElseIsRefusedAsBefore() {
        assertThat(LambdaInput.messages(EventFiles.event("ses-bounce-permanent.json")))
                .isEqualTo(SnsRecords.messages(EventFiles.event("ses-bounce-permanent.json")));
        assertThatThrownBy(() -> lambdaInput("{\"notificationType\":\"Bounce\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The event has no Records: it is not an SNS event");
        assertThatThrownBy(() -> lambdaInput("{\"detail-type\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The event is not an SNS event: Not valid JSON");
    }
}
