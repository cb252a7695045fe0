package io.sesfeedback.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.sesfeedback.notification.FeedbackMessage.Format;
import io.sesfeedback.support.EventFiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationParserTest {

    private final NotificationParser parser = new NotificationParser();

    private FeedbackMessage parse(SNSEvent event) {
        return parser.parse(EventFiles.message(event));
    }

    private FeedbackMessage parseBody(String body) {
        return parser.parse(EventFiles.withBody(body));
    }

    @ParameterizedTest
    @Event(value = "events/ses-bounce-permanent.json", type = SNSEvent.class)
    void permanentBounceNamesEveryBouncedRecipientInLowerCase(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.BOUNCE);
        assertThat(message.format()).isEqualTo(Format.SES_NOTIFICATION);
        assertThat(message.sesMessageId())
                .isEqualTo("010201a1f873c26c-aac8b385-030b-5096-9f2e-2882a34c4981-000000");
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:01.337Z"));
        assertThat(message.sender()).isEqualTo("noreply@mail.example.com");
        assertThat(message.subject()).isEqualTo("Welcome to Example");
        assertThat(message.detail("bounceType")).isEqualTo("Permanent");
        assertThat(message.detail("bounceSubType")).isEqualTo("General");
        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly(
                        "jane.doe@example.com",
                        "old.account@example.com",
                        "ghost.user@example.org");
        assertThat(message.recipients().get(0))
                .isEqualTo(
                        new Recipient(
                                "jane.doe@example.com",
                                "5.1.1",
                                "failed",
                                "smtp; 550 5.1.1 user unknown"));
    }

    @ParameterizedTest
    @Event(value = "events/ses-bounce-permanent.json", type = SNSEvent.class)
    void permanentBounceSuppressesWithSubTypeAndDiagnostic(SNSEvent event) {
        FeedbackMessage message = parse(event);

        StatusChange change = message.statusChangeFor(message.recipients().get(0)).orElseThrow();

        assertThat(change.counter()).isEqualTo(StatusChange.Counter.PERMANENT_BOUNCES);
        assertThat(change.suppressionReason())
                .isEqualTo("Permanent bounce (General): smtp; 550 5.1.1 user unknown");
    }

    @ParameterizedTest
    @Event(value = "events/ses-bounce-transient.json", type = SNSEvent.class)
    void transientBounceIsCountedButDoesNotSuppress(SNSEvent event) {
        FeedbackMessage message = parse(event);

        StatusChange change = message.statusChangeFor(message.recipients().get(0)).orElseThrow();

        assertThat(change.counter()).isEqualTo(StatusChange.Counter.TRANSIENT_BOUNCES);
        assertThat(change.suppresses()).isFalse();
    }

    @ParameterizedTest
    @Event(value = "events/event-bounce.json", type = SNSEvent.class)
    void eventPublishingBounceReadsLikeTheIdentityNotificationAndKeepsItsConfigurationSet(
            SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.BOUNCE);
        assertThat(message.format()).isEqualTo(Format.SES_EVENT);
        assertThat(message.configurationSet()).isEqualTo("ses-feedback-dev");
        assertThat(message.detail("bounceSubType")).isEqualTo("NoEmail");
        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("nobody@example.net");
    }

    @ParameterizedTest
    @Event(value = "events/event-complaint.json", type = SNSEvent.class)
    void complaintWithoutFeedbackTypeStillSuppresses(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.detail("complaintFeedbackType")).isNull();
        assertThat(message.statusChangeFor(message.recipients().get(0)))
                .contains(new StatusChange(StatusChange.Counter.COMPLAINTS, "Complaint"));
    }

    @ParameterizedTest
    @Event(value = "events/ses-complaint.json", type = SNSEvent.class)
    void complaintReasonNamesTheFeedbackType(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("tom.baker@example.net");
        assertThat(
                        message.statusChangeFor(message.recipients().get(0))
                                .orElseThrow()
                                .suppressionReason())
                .isEqualTo("Complaint (abuse)");
    }

    @ParameterizedTest
    @Event(value = "events/ses-delivery.json", type = SNSEvent.class)
    void deliveryNamesItsRecipientsAndChangesNoStatus(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.DELIVERY);
        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("alice@example.com", "bob@example.com");
        assertThat(message.recipients())
                .allSatisfy(r -> assertThat(message.statusChangeFor(r)).isEmpty());
        assertThat(message.detail("smtpResponse")).startsWith("250");
    }

    @ParameterizedTest
    @Event(value = "events/event-rendering-failure.json", type = SNSEvent.class)
    void renderingFailureIsRecognisedDespiteTheSpaceInItsEventType(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.RENDERING_FAILURE);
        assertThat(message.detail("templateName")).isNotBlank();
        assertThat(message.detail("errorMessage")).isNotBlank();
    }

    @ParameterizedTest
    @Event(value = "events/event-delivery-delay.json", type = SNSEvent.class)
    void deliveryDelayNamesTheDelayedRecipientsWithTheirStatus(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.DELIVERY_DELAY);
        assertThat(message.detail("delayType")).isEqualTo("TransientCommunicationFailure");
        assertThat(message.recipients())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.address()).isEqualTo("slow.server@example.org");
                            assertThat(r.status()).isEqualTo("4.4.1");
                        });
    }

    @ParameterizedTest
    @Event(value = "events/event-send.json", type = SNSEvent.class)
    void sendNamesTheMailsDestinations(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.SEND);
        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("first.reader@example.com", "second.reader@example.org");
    }

    @ParameterizedTest
    @Event(value = "events/alarm-bounce-rate.json", type = SNSEvent.class)
    void alarmStateChangeKeepsNameStateMetricAndTime(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.ALARM);
        assertThat(message.format()).isEqualTo(Format.CLOUDWATCH_ALARM);
        assertThat(message.detail("alarmName")).isEqualTo("ses-feedback-dev-bounce-rate");
        assertThat(message.detail("alarmState")).isEqualTo("ALARM");
        assertThat(message.detail("previousAlarmState")).isEqualTo("OK");
        assertThat(message.detail("metricName")).isEqualTo("Reputation.BounceRate");
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:29.876Z"));
        assertThat(message.recipients()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/account-status-probation.json", type = SNSEvent.class)
    void accountWatchersStatusChangeKeepsTheStatusBeforeAndAfterAndTheTimeOfTheCheck(
            SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.ACCOUNT_STATUS);
        assertThat(message.format()).isEqualTo(Format.ACCOUNT_WATCH);
        assertThat(message.detail("enforcementStatus")).isEqualTo("PROBATION");
        assertThat(message.detail("previousEnforcementStatus")).isEqualTo("HEALTHY");
        assertThat(message.detail("sendingEnabled")).isEqualTo("true");
        assertThat(message.detail("region")).isEqualTo("eu-west-1");
        assertThat(message.detail("summary")).startsWith("enforcementStatus HEALTHY -> PROBATION");
        assertThat(message.subject()).isEqualTo("SES account eu-west-1: PROBATION (was HEALTHY)");
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:30:00.412Z"));
        assertThat(message.recipients()).isEmpty();
        assertThat(message.problem()).isNull();
    }

    /**
     * The breaker's message as it publishes it (CircuitBreakerTest in functions/ holds the two
     * equal).
     */
    @ParameterizedTest
    @Event(
            value = "src/test/resources/io/sesfeedback/notification/circuit-breaker-paused.json",
            type = SNSEvent.class)
    void circuitBreakersPauseIsItsOwnTypeKeepingWhatWasPausedWhyAndHowToResume(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.CIRCUIT_BREAKER);
        assertThat(message.type().label()).isEqualTo("CircuitBreaker");
        assertThat(message.format()).isEqualTo(Format.CIRCUIT_BREAKER);
        assertThat(message.details())
                .containsEntry("action", "Paused")
                .containsEntry("scope", "ConfigurationSet")
                .containsEntry("configurationSet", "loadtest")
                .containsEntry("region", "eu-west-1")
                .containsEntry("alarmName", "ses-feedback-dev-auto-pause-bounce-count")
                .containsEntry(
                        "alarmArn",
                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ses-feedback-dev-auto-pause-bounce-count")
                .containsEntry("alarmTime", "2026-12-03T10:15:00.000+0000")
                .containsEntry("resume", "bin/ses-feedback resume --env dev");
        assertThat(message.detail("alarmReason"))
                .startsWith("Threshold Crossed: 1 datapoint [312.0");
        assertThat(message.detail("summary"))
                .startsWith("ses-feedback paused the SES configuration set loadtest in eu-west-1");
        assertThat(message.detail("alarmState")).as("not an alarm state change").isNull();
        assertThat(message.subject())
                .isEqualTo("ses-feedback-dev: SES sending paused (configuration set loadtest)");
        assertThat(message.occurredAt())
                .as("when the breaker acted")
                .isEqualTo(Instant.parse("2026-12-03T10:15:01.284Z"));
        assertThat(message.recipients()).isEmpty();
        assertThat(message.problem()).isNull();
    }

    @Test
    void aSecondAlarmOnAPausedAccountIsACircuitBreakerMessageWithoutAConfigurationSet() {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"CircuitBreaker","action":"AlreadyPaused","scope":"Account","region":"eu-west-1",
                 "time":"2026-12-03T10:20:02.117Z","alarmName":"ses-feedback-stg-auto-pause-bounce-rate",
                 "resume":"bin/ses-feedback resume --env stg"}""");

        assertThat(message.type()).isEqualTo(MessageType.CIRCUIT_BREAKER);
        assertThat(message.details())
                .containsEntry("action", "AlreadyPaused")
                .containsEntry("scope", "Account")
                .doesNotContainKey("configurationSet");
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2026-12-03T10:20:02.117Z"));
    }

    @Test
    void anAccountStatusWithoutItsAccountObjectIsUnrecognised() {
        FeedbackMessage message =
                parseBody(
                        "{\"notificationType\":\"AccountStatus\",\"checkedAt\":\"2026-11-20T10:30:00.412Z\"}");

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text()).isEqualTo("AccountStatus without an 'account' object");
    }

    @ParameterizedTest
    @Event(value = "events/ses-topic-validation.json", type = SNSEvent.class)
    void sesTopicValidationTextIsRecognised(SNSEvent event) {
        assertThat(parse(event).type()).isEqualTo(MessageType.TOPIC_VALIDATION);
    }

    @ParameterizedTest
    @Event(value = "events/ses-subscription-confirmation.json", type = SNSEvent.class)
    void sesSubscriptionConfirmationIsATopicValidation(SNSEvent event) {
        assertThat(parse(event).type()).isEqualTo(MessageType.TOPIC_VALIDATION);
    }

    @ParameterizedTest
    @Event(value = "events/malformed.json", type = SNSEvent.class)
    void truncatedJsonIsUnrecognisedWithTheReason(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text()).startsWith("Body is not valid JSON");
        assertThat(message.sns().body()).startsWith("{\"notificationType\":\"Bounce\"");
    }

    @ParameterizedTest
    @Event(value = "events/unrecognised.json", type = SNSEvent.class)
    void foreignJsonIsUnrecognised(SNSEvent event) {
        FeedbackMessage message = parse(event);

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text())
                .isEqualTo("JSON without notificationType, eventType or AlarmName");
    }

    @Test
    void fieldOfTheWrongTypeMakesTheMessageUnrecognisedAndSaysWhere() {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"m-1"},
                 "bounce":{"bounceType":"Permanent","bouncedRecipients":"jane@example.com"}}""");

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text())
                .isEqualTo("bounce.bouncedRecipients should be a list but holds a string");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "{\"notificationType\":\"Bounce\",\"mail\":{},\"bounce\":{\"bouncedRecipients\":[null,{\"emailAddress\":\"a@b.c\"}]}}",
                "{\"eventType\":\"Send\",\"mail\":{\"destination\":[null,\"a@b.c\"]},\"send\":{}}"
            })
    void nullRecipientEntryIsLeftOutAndTheOthersKept(String body) {
        FeedbackMessage message = parseBody(body);

        assertThat(message.recipients()).extracting(Recipient::address).containsExactly("a@b.c");
        assertThat(message.leftOut())
                .singleElement()
                .satisfies(entry -> assertThat(entry.entry()).isEmpty());
    }

    @Test
    void nullWhereAListOfTagValuesBelongsIsUnrecognisedAndSaysSo() {
        FeedbackMessage message =
                parseBody(
                        "{\"eventType\":\"Send\",\"mail\":{\"tags\":{\"ses:configuration-set\":[null]}},\"send\":{}}");

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text())
                .isEqualTo(
                        "mail.tags.ses:configuration-set should be a list of strings but holds null");
    }

    @Test
    void whatIsNotAMailboxIsNotARecipient() {
        FeedbackMessage message =
                parseBody(
                        """
                {"eventType":"Send","mail":{"destination":["A@B.C\u00a0","\u00a0","no-at-sign","a@b@c","@b.c","a@",
                 "%s@example.com"]},"send":{}}"""
                                .formatted("x".repeat(300)));

        assertThat(message.recipients()).extracting(Recipient::address).containsExactly("a@b.c");
    }

    @Test
    void longTextFieldsAreCutButTheRawBodyKeepsThem() {
        String subject = "s".repeat(5000);
        FeedbackMessage message =
                parseBody(
                        """
                {"eventType":"Delivery","mail":{"messageId":"m-1","commonHeaders":{"subject":"%s"}},
                 "delivery":{"smtpResponse":"%s","recipients":["a@example.com"]}}"""
                                .formatted(subject, subject));

        assertThat(message.subject()).hasSize(TextFields.MAX_LENGTH);
        assertThat(message.detail("smtpResponse")).hasSize(TextFields.MAX_LENGTH);
        assertThat(message.sns().body()).contains(subject);
    }

    @Test
    void sesMessageIdIsMeasuredInBytesAsTheIndexKeyLimitIs() {
        FeedbackMessage message =
                parseBody(
                        "{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"%s\"},\"send\":{}}"
                                .formatted("é".repeat(600)));

        assertThat(message.problem().text()).isEqualTo("mail.messageId is longer than 1000 bytes");
    }

    @Test
    void sesMessageIdTooLongForAnIndexKeyIsUnrecognised() {
        FeedbackMessage message =
                parseBody(
                        "{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"%s\"},\"send\":{}}"
                                .formatted("m".repeat(2049)));

        assertThat(message.problem().text()).isEqualTo("mail.messageId is longer than 1000 bytes");
    }

    @Test
    void unknownEventTypeIsUnrecognised() {
        FeedbackMessage message = parseBody("{\"eventType\":\"Teleport\",\"mail\":{}}");

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text()).isEqualTo("Unknown eventType 'Teleport'");
    }

    @Test
    void identityNotificationsOnlyCarryBounceComplaintAndDelivery() {
        FeedbackMessage message =
                parseBody("{\"notificationType\":\"Open\",\"mail\":{},\"open\":{}}");

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text()).isEqualTo("Unknown notificationType 'Open'");
    }

    @Test
    void bounceWithoutItsBounceObjectIsUnrecognised() {
        FeedbackMessage message =
                parseBody("{\"notificationType\":\"Bounce\",\"mail\":{\"messageId\":\"m-1\"}}");

        assertThat(message.problem().text()).isEqualTo("Bounce without a 'bounce' object");
    }

    @Test
    void displayNamesAndRepeatedAddressesAreNormalisedToOneRecipient() {
        FeedbackMessage message =
                parseBody(
                        """
                {"eventType":"Send","mail":{"messageId":"m-1","timestamp":"2026-11-20T10:00:00Z",
                 "destination":["\\"Jane Doe\\" <Jane.Doe@Example.COM>"," jane.doe@example.com ","bob@example.com"]},
                 "send":{}}""");

        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("jane.doe@example.com", "bob@example.com");
        assertThat(message.recipients().get(0).domain()).isEqualTo("example.com");
    }

    @Test
    void blankMessageIdAndEmptyAddressesAreLeftOut() {
        FeedbackMessage message =
                parseBody(
                        """
                {"eventType":"Send","mail":{"messageId":" ","destination":["", "<>", "  ", "a@example.com"]},"send":{}}""");

        assertThat(message.sesMessageId())
                .as("an empty index key would make DynamoDB refuse the item")
                .isNull();
        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("a@example.com");
    }

    @Test
    void unreadableTimestampFallsBackToTheSnsPublishTime() {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"Delivery","mail":{"messageId":"m-1","timestamp":"yesterday"},
                 "delivery":{"timestamp":"soon","recipients":["a@example.com"]}}""");

        assertThat(message.type()).isEqualTo(MessageType.DELIVERY);
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "+10000-01-01T00:00:00Z | is outside the years 1 to 9999",
                "0000-12-31T23:59:59Z   | is outside the years 1 to 9999",
                "-0001-01-01T00:00:00Z  | is outside the years 1 to 9999",
                "soon                   | is not a time"
            })
    void timeThatCannotBeStoredFallsBackToTheSnsPublishTimeAndIsNamed(String time, String problem) {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"m-1"},
                 "bounce":{"feedbackId":"f-1","bounceType":"Permanent","timestamp":"%s",
                           "bouncedRecipients":[{"emailAddress":"x@example.com"}]}}"""
                                .formatted(time));

        assertThat(message.type()).isEqualTo(MessageType.BOUNCE);
        assertThat(message.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
        assertThat(message.problem().text())
                .isEqualTo(
                        "bounce.timestamp '"
                                + time
                                + "' "
                                + problem
                                + ": used the SNS publish time");
    }

    @Test
    void earliestAndLatestStorableTimesKeepTheirSortableForm() {
        assertThat(Timestamps.format(Timestamps.EARLIEST)).isEqualTo("0001-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(Timestamps.LATEST)).isEqualTo("9999-12-31T23:59:59.999Z");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"eventType\":\"Send\",\"mail\":{},\"send\":{}} {\"eventType\":\"Bounce\"}",
                "{\"eventType\":\"Send\",\"mail\":{},\"send\":{}}trailing",
                "{\"eventType\":\"Send\",\"eventType\":\"Bounce\",\"mail\":{},\"send\":{}}",
                "{\"eventType\":\"Send\",\"mail\":{},\"send\":{},\"x\":NaN}"
            })
    void ambiguousJsonIsKeptRawNotHalfRead(String body) {
        FeedbackMessage message = parseBody(body);

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text()).startsWith("Body is not valid JSON");
    }

    @Test
    void nestingDeeperThanTheLimitIsKeptRaw() {
        String deep =
                "{\"a\":".repeat(Json.MAX_NESTING_DEPTH + 1)
                        + "1"
                        + "}".repeat(Json.MAX_NESTING_DEPTH + 1);

        FeedbackMessage message = parseBody(deep);

        assertThat(message.type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(message.problem().text())
                .startsWith("Body is not valid JSON")
                .contains("nesting depth");
    }

    @Test
    void bounceTypeSesMightAddLaterCountsAsUndetermined() {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"m-1"},
                 "bounce":{"bounceType":"Soft","bouncedRecipients":[{"emailAddress":"x@example.com"}]}}""");

        assertThat(message.statusChangeFor(message.recipients().get(0)))
                .contains(new StatusChange(StatusChange.Counter.UNDETERMINED_BOUNCES, null));
    }

    @Test
    void entriesThatAreNotAddressesAreListedWithTheirReason() {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"m-1"},
                 "bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"no-at-sign"},{"status":"5.1.1"},
                           {"emailAddress":"ok@example.com"}]}}""");

        assertThat(message.recipients())
                .extracting(Recipient::address)
                .containsExactly("ok@example.com");
        assertThat(message.leftOut())
                .containsExactly(
                        new LeftOut("no-at-sign", "no @"),
                        new LeftOut("", "bouncedRecipients entry without an emailAddress"));
    }

    @Test
    void undeterminedBounceIsCountedSeparately() {
        FeedbackMessage message =
                parseBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"m-1"},
                 "bounce":{"bounceType":"Undetermined","bounceSubType":"Undetermined",
                           "bouncedRecipients":[{"emailAddress":"x@example.com"}]}}""");

        assertThat(message.statusChangeFor(message.recipients().get(0)))
                .contains(new StatusChange(StatusChange.Counter.UNDETERMINED_BOUNCES, null));
    }

    @ParameterizedTest
    @MethodSource("io.sesfeedback.support.EventFiles#names")
    void noCutOfAnyEventFileMakesTheParserThrow(String file) {
        String body = EventFiles.message(file).body();

        for (int end = 0; end <= body.length(); end += 7) {
            String cut = body.substring(0, end);
            assertThatCode(() -> parseBody(cut))
                    .as("body cut at %d", end)
                    .doesNotThrowAnyException();
        }
    }
}
