package io.sesfeedback.recorder;

import static io.sesfeedback.support.RecorderFixture.NOW;
import static io.sesfeedback.support.RecorderFixture.RETENTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.Mail;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.TextFields;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.DeadServices;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Tag("moto")
class FeedbackRecorderTest {

    /** What each file in events/ must be recorded as: its type and the addresses it names. */
    private record Expected(MessageType type, List<String> recipients) {}

    private static final Map<String, Expected> EXPECTED =
            Map.ofEntries(
                    Map.entry(
                            "account-status-probation.json",
                            new Expected(MessageType.ACCOUNT_STATUS, List.of())),
                    Map.entry("alarm-bounce-rate.json", new Expected(MessageType.ALARM, List.of())),
                    Map.entry(
                            "tenant-bounce-on-account-suppression-list.json",
                            new Expected(MessageType.BOUNCE, List.of("nobody@example.net"))),
                    Map.entry(
                            "tenant-bounce-on-tenant-suppression-list.json",
                            new Expected(MessageType.BOUNCE, List.of("nobody@example.net"))),
                    Map.entry(
                            "event-bounce.json",
                            new Expected(MessageType.BOUNCE, List.of("nobody@example.net"))),
                    Map.entry(
                            "event-click.json",
                            new Expected(MessageType.CLICK, List.of("clicker@example.org"))),
                    Map.entry(
                            "event-complaint.json",
                            new Expected(MessageType.COMPLAINT, List.of("reader@example.org"))),
                    Map.entry(
                            "event-delivery-delay.json",
                            new Expected(
                                    MessageType.DELIVERY_DELAY,
                                    List.of("slow.server@example.org"))),
                    Map.entry(
                            "event-delivery.json",
                            new Expected(MessageType.DELIVERY, List.of("subscriber@example.com"))),
                    Map.entry(
                            "event-open.json",
                            new Expected(MessageType.OPEN, List.of("opener@example.com"))),
                    Map.entry(
                            "event-reject.json",
                            new Expected(MessageType.REJECT, List.of("reader@example.net"))),
                    Map.entry(
                            "event-rendering-failure.json",
                            new Expected(
                                    MessageType.RENDERING_FAILURE,
                                    List.of("templated.user@example.com"))),
                    Map.entry(
                            "event-send.json",
                            new Expected(
                                    MessageType.SEND,
                                    List.of(
                                            "first.reader@example.com",
                                            "second.reader@example.org"))),
                    Map.entry(
                            "event-subscription.json",
                            new Expected(MessageType.SUBSCRIPTION, List.of("leaver@example.com"))),
                    Map.entry(
                            "eventbridge-advisor-recommendation-open.json",
                            new Expected(MessageType.SES_STATUS, List.of())),
                    Map.entry(
                            "eventbridge-advisor-recommendation-resolved.json",
                            new Expected(MessageType.SES_STATUS, List.of())),
                    Map.entry(
                            "eventbridge-account-status-changed.json",
                            new Expected(MessageType.ACCOUNT_STATUS, List.of())),
                    Map.entry(
                            "eventbridge-alarm-state-change.json",
                            new Expected(MessageType.ALARM, List.of())),
                    Map.entry(
                            "eventbridge-bounce.json",
                            new Expected(MessageType.BOUNCE, List.of("nobody@example.net"))),
                    Map.entry(
                            "eventbridge-cloudtrail-api-call.json",
                            new Expected(MessageType.UNRECOGNISED, List.of())),
                    Map.entry(
                            "eventbridge-complaint.json",
                            new Expected(MessageType.COMPLAINT, List.of("reader@example.org"))),
                    Map.entry(
                            "eventbridge-delivery.json",
                            new Expected(
                                    MessageType.DELIVERY, List.of("happy.customer@example.com"))),
                    Map.entry(
                            "eventbridge-sending-status-disabled.json",
                            new Expected(MessageType.SES_STATUS, List.of())),
                    Map.entry(
                            "eventbridge-sending-status-enabled.json",
                            new Expected(MessageType.SES_STATUS, List.of())),
                    Map.entry("malformed.json", new Expected(MessageType.UNRECOGNISED, List.of())),
                    Map.entry(
                            "ses-bounce-permanent.json",
                            new Expected(
                                    MessageType.BOUNCE,
                                    List.of(
                                            "jane.doe@example.com",
                                            "old.account@example.com",
                                            "ghost.user@example.org"))),
                    Map.entry(
                            "ses-bounce-transient.json",
                            new Expected(MessageType.BOUNCE, List.of("full.inbox@example.net"))),
                    Map.entry(
                            "ses-complaint.json",
                            new Expected(MessageType.COMPLAINT, List.of("tom.baker@example.net"))),
                    Map.entry(
                            "ses-delivery.json",
                            new Expected(
                                    MessageType.DELIVERY,
                                    List.of("alice@example.com", "bob@example.com"))),
                    Map.entry(
                            "ses-subscription-confirmation.json",
                            new Expected(MessageType.TOPIC_VALIDATION, List.of())),
                    Map.entry(
                            "ses-topic-validation.json",
                            new Expected(MessageType.TOPIC_VALIDATION, List.of())),
                    Map.entry(
                            "unrecognised.json",
                            new Expected(MessageType.UNRECOGNISED, List.of())));

    private RecorderFixture fixture;
    private FeedbackHandler handler;

    /** The handler's summary lines, as the function writes them to standard output. */
    private final List<String> functionLog = new ArrayList<>();

    @BeforeEach
    void startTable() {
        fixture = new RecorderFixture();
        handler =
                new FeedbackHandler(
                        fixture.recorder(), RecorderFixture.METRICS_NAMESPACE, functionLog::add);
    }

    @AfterEach
    void stopTable() {
        fixture.close();
    }

    private LocalContext handle(String file) {
        LocalContext context = new LocalContext();
        handler.handleRequest(EventFiles.event(file), OutputStream.nullOutputStream(), context);
        return context;
    }

    private void handleAll() {
        EventFiles.names().forEach(this::handle);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        return item.get(name) == null ? null : item.get(name).s();
    }

    private static String n(Map<String, AttributeValue> item, String name) {
        return item.get(name) == null ? null : item.get(name).n();
    }

    @Test
    void everyEventFileHasAnExpectation() {
        assertThat(EventFiles.names()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("io.sesfeedback.support.EventFiles#names")
    void everyEventFileIsStoredRawWithItsRecipientsAndLoggedOnce(String file) throws Exception {
        Expected expected = EXPECTED.get(file);
        SnsMessage sns = EventFiles.message(file);

        handle(file);

        Map<String, AttributeValue> message =
                fixture.queries().message(sns.messageId()).orElseThrow();
        assertThat(s(message, "messageType")).isEqualTo(expected.type().label());
        assertThat(RawBody.of(message)).isEqualTo(sns.body());
        assertThat(n(message, "recipientCount"))
                .isEqualTo(Integer.toString(expected.recipients().size()));
        for (String address : expected.recipients()) {
            assertThat(fixture.queries().history(address))
                    .singleElement()
                    .satisfies(
                            event -> {
                                assertThat(s(event, "snsMessageId")).isEqualTo(sns.messageId());
                                assertThat(s(event, "messageType"))
                                        .isEqualTo(expected.type().label());
                                assertThat(s(event, "address")).isEqualTo(address);
                            });
        }
        assertThat(fixture.logLines())
                .singleElement()
                .satisfies(
                        line -> {
                            Map<String, Object> json = Json.readObject(line);
                            assertThat(json)
                                    .containsEntry("type", expected.type().label())
                                    .containsEntry("snsMessageId", sns.messageId());
                        });
        assertThat(functionLog)
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(Json.readObject(line))
                                        .containsEntry(
                                                "level",
                                                expected.type() == MessageType.UNRECOGNISED
                                                        ? "WARN"
                                                        : "INFO"));
    }

    @Test
    void theSummaryLineNamesTheInvocationsRequestId() {
        LocalContext invocation = handle("ses-bounce-permanent.json");

        assertThat(functionLog)
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(Json.readObject(line))
                                        .containsEntry(
                                                "function_request_id",
                                                invocation.getAwsRequestId()));
    }

    @ParameterizedTest
    @MethodSource("awkwardBodies")
    void awkwardBodyIsStoredRawInsteadOfFailingTheInvocation(String body) {
        SnsMessage sns = EventFiles.withBody(body);

        fixture.recorder().record(sns);

        assertThat(RawBody.of(fixture.queries().message(sns.messageId()).orElseThrow()))
                .isEqualTo(body);
        assertThat(fixture.logLines()).hasSize(1);
    }

    static List<String> awkwardBodies() {
        return List.of(
                "",
                "null",
                "[1,2,3]",
                "{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"\",\"destination\":[\"\",\"<>\"]},\"send\":{}}",
                "{\"notificationType\":\"Complaint\",\"mail\":{\"messageId\":null},\"complaint\":{\"complainedRecipients\":[{}]}}",
                "{\"AlarmName\":{\"nested\":true},\"NewStateValue\":\"ALARM\"}",
                "x".repeat(255 * 1024));
    }

    @Test
    void fiftyRecipientBounceWithAHugeSubjectAndABogusAddressStillFitsDynamoDb() {
        String huge = "h".repeat(90 * 1024);
        String recipients =
                IntStream.range(0, 50)
                        .mapToObj(
                                i ->
                                        "{\"emailAddress\":\"user"
                                                + i
                                                + "@example.com\",\"diagnosticCode\":\""
                                                + "d".repeat(2000)
                                                + "\"}")
                        .collect(Collectors.joining(","));
        SnsMessage bounce =
                EventFiles.withBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"big-1","commonHeaders":{"subject":"%s"}},
                 "bounce":{"bounceType":"Permanent","bounceSubType":"General","timestamp":"2026-11-20T09:00:05Z",
                           "bouncedRecipients":[%s,{"emailAddress":"%s@example.com"}]}}"""
                                .formatted(huge, recipients, "x".repeat(3000)));

        FeedbackRecorder.Outcome outcome = fixture.recorder().record(bounce);

        assertThat(outcome.message().type()).isEqualTo(MessageType.BOUNCE);
        assertThat(RawBody.of(fixture.queries().message(bounce.messageId()).orElseThrow()))
                .isEqualTo(bounce.body());
        assertThat(
                        fixture.queries()
                                .status("user49@example.com")
                                .orElseThrow()
                                .get("suppressed")
                                .bool())
                .isTrue();
        // the message, and per recipient its event and status
        assertThat(fixture.allItems()).hasSize(1 + 2 * 50);
    }

    @Test
    void bounceNearTheSnsLimitNamingHundredsOfLongAddressesIsRecordedWhole() {
        String recipients =
                IntStream.range(0, 900)
                        .mapToObj(
                                i ->
                                        "{\"emailAddress\":\"%064d@%s.%s.example\"}"
                                                .formatted(i, "a".repeat(63), "b".repeat(63)))
                        .collect(Collectors.joining(","));
        SnsMessage bounce =
                EventFiles.withBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"near-the-limit","commonHeaders":{"subject":"%s"}},
                 "bounce":{"feedbackId":"near-the-limit-feedback","bounceType":"Permanent","bounceSubType":"General",
                           "timestamp":"2026-11-20T09:00:05Z","bouncedRecipients":[%s]}}"""
                                .formatted("s".repeat(50_000), recipients));
        assertThat(bounce.body().length()).isBetween(240 * 1024, 256 * 1024);

        FeedbackRecorder.Outcome outcome = fixture.recorder().record(bounce);

        Map<String, AttributeValue> message =
                fixture.queries().message(bounce.messageId()).orElseThrow();
        assertThat(outcome.message().type()).isEqualTo(MessageType.BOUNCE);
        assertThat(n(message, "recipientCount")).isEqualTo("900");
        assertThat(RawBody.of(message)).isEqualTo(bounce.body());
        assertThat(fixture.allItems()).hasSize(1 + 2 * 900);
        assertThat(
                        fixture.queries()
                                .status(
                                        "%064d@%s.%s.example"
                                                .formatted(899, "a".repeat(63), "b".repeat(63))))
                .hasValueSatisfying(status -> assertThat(status.get("suppressed").bool()).isTrue());
    }

    @Test
    void recipientWhoseItemsDynamoDbRefusesIsLeftOutWithTheReasonAndTheOthersAreRecorded() {
        // no parser output reaches DynamoDB's limits; an address past them stands in for the
        // unforeseen
        String tooLongForTheTableKey = "x".repeat(2100) + "@example.com";
        FeedbackMessage parsed =
                new NotificationParser().parse(EventFiles.message("ses-bounce-permanent.json"));
        FeedbackMessage bounce =
                parsed.withRecipients(
                        List.of(
                                parsed.recipients().get(0),
                                Recipient.of(tooLongForTheTableKey),
                                parsed.recipients().get(1)));

        FeedbackRecorder.Outcome outcome = fixture.recorder().record(bounce);

        Map<String, AttributeValue> message =
                fixture.queries().message(bounce.snsMessageId()).orElseThrow();
        assertThat(outcome.message().type()).isEqualTo(MessageType.BOUNCE);
        assertThat(s(message, "messageType")).isEqualTo("Bounce");
        assertThat(message.get("leftOut").l())
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.m().get("entry").s())
                                    .isEqualTo(TextFields.capped(tooLongForTheTableKey));
                            assertThat(entry.m().get("reason").s())
                                    .startsWith("DynamoDB refused its items");
                        });
        assertThat(
                        n(
                                fixture.queries().status("jane.doe@example.com").orElseThrow(),
                                "permanentBounces"))
                .isEqualTo("1");
        assertThat(
                        n(
                                fixture.queries().status("old.account@example.com").orElseThrow(),
                                "permanentBounces"))
                .isEqualTo("1");
        assertThat(fixture.allItems())
                .noneMatch(item -> item.get("pk").s().contains(tooLongForTheTableKey));
    }

    @Test
    void messageWhoseMessageItemDynamoDbRefusesIsStoredRawAsUnrecognised() {
        // the parser refuses such an id; DynamoDB's index key limit stands in for the unforeseen
        FeedbackMessage parsed =
                new NotificationParser().parse(EventFiles.message("ses-complaint.json"));
        Mail tooLongAnId =
                new Mail(
                        "m".repeat(2100),
                        parsed.sender(),
                        parsed.subject(),
                        parsed.configurationSet(),
                        parsed.tenant());
        FeedbackMessage complaint =
                new FeedbackMessage(
                        parsed.sns(),
                        parsed.type(),
                        parsed.format(),
                        parsed.occurredAt(),
                        tooLongAnId,
                        parsed.details(),
                        parsed.recipients(),
                        parsed.leftOut(),
                        parsed.problem());

        FeedbackRecorder.Outcome outcome = fixture.recorder().record(complaint);

        Map<String, AttributeValue> message =
                fixture.queries().message(complaint.snsMessageId()).orElseThrow();
        assertThat(s(message, "messageType")).isEqualTo("Unrecognised");
        assertThat(s(message, "problem")).startsWith("DynamoDB refused the parsed record");
        assertThat(RawBody.of(message)).isEqualTo(complaint.sns().body());
        assertThat(outcome.message().type()).isEqualTo(MessageType.UNRECOGNISED);
        assertThat(fixture.logLines())
                .satisfiesExactly(
                        asParsed -> assertThat(asParsed).contains("\"type\":\"Complaint\""),
                        asStored ->
                                assertThat(asStored)
                                        .contains(
                                                "\"type\":\"Unrecognised\"",
                                                "DynamoDB refused the parsed record"));
    }

    @Test
    void historyOfAnAddressIsNewestFirstWhateverTheArrivalOrder() {
        handle("ses-delivery.json");
        SnsMessage earlierBounce =
                EventFiles.republished(
                        "ses-bounce-permanent.json",
                        "old.account@example.com",
                        "alice@example.com");
        fixture.recorder().record(earlierBounce);

        List<Map<String, AttributeValue>> history = fixture.queries().history("alice@example.com");

        assertThat(history)
                .extracting(item -> s(item, "messageType"))
                .containsExactly("Delivery", "Bounce");
        assertThat(history)
                .extracting(item -> s(item, "occurredAt"))
                .containsExactly("2026-11-20T10:15:07.453Z", "2026-11-20T10:15:01.337Z");
        assertThat(s(history.get(1), "diagnosticCode")).isEqualTo("smtp; 550 5.1.1 user unknown");
    }

    @Test
    void messagesOfOneTypeAreFoundByTimeWindowBoundsIncluded() {
        handleAll();

        List<Map<String, AttributeValue>> bounces =
                fixture.queries()
                        .messagesOfType(
                                MessageType.BOUNCE,
                                Instant.parse("2026-11-20T10:15:00Z"),
                                Instant.parse("2026-11-20T10:15:04.771Z"));

        assertThat(bounces)
                .extracting(item -> s(item, "snsMessageId"))
                .containsExactly(
                        EventFiles.message("ses-bounce-permanent.json").messageId(),
                        EventFiles.message("ses-bounce-transient.json").messageId());
        assertThat(
                        fixture.queries()
                                .messagesOfType(
                                        MessageType.BOUNCE,
                                        Instant.parse("2026-11-20T00:00:00Z"),
                                        Instant.parse("2026-11-21T00:00:00Z")))
                .hasSize(3);
    }

    @Test
    void messagesAboutOneSesMailAreFoundByItsMessageIdInTimeOrder() {
        SnsMessage send = EventFiles.message("event-send.json");
        String mailId = fixture.recorder().record(send).message().sesMessageId();
        String deliveryMailId =
                new NotificationParser()
                        .parse(EventFiles.message("event-delivery.json"))
                        .sesMessageId();
        String openMailId =
                new NotificationParser()
                        .parse(EventFiles.message("event-open.json"))
                        .sesMessageId();
        fixture.recorder().record(EventFiles.republished("event-open.json", openMailId, mailId));
        fixture.recorder()
                .record(EventFiles.republished("event-delivery.json", deliveryMailId, mailId));
        handle("ses-bounce-permanent.json");

        List<Map<String, AttributeValue>> messages = fixture.queries().messagesForMail(mailId);

        assertThat(messages)
                .extracting(item -> s(item, "messageType"))
                .containsExactly("Delivery", "Send", "Open");
        assertThat(messages).extracting(item -> s(item, "occurredAt")).isSorted();
    }

    @Test
    void suppressionStatusOfAnAddressIsOneGetItem() {
        handleAll();
        FeedbackQueries queries = fixture.queries();

        Map<String, AttributeValue> bounced = queries.status("jane.doe@example.com").orElseThrow();
        assertThat(bounced.get("suppressed").bool()).isTrue();
        assertThat(s(bounced, "suppressionReason"))
                .isEqualTo("Permanent bounce (General): smtp; 550 5.1.1 user unknown");
        assertThat(s(bounced, "suppressedAt")).isEqualTo("2026-11-20T10:15:01.337Z");
        assertThat(s(bounced, "suppressedBy"))
                .isEqualTo(EventFiles.message("ses-bounce-permanent.json").messageId());
        assertThat(n(bounced, "permanentBounces")).isEqualTo("1");

        Map<String, AttributeValue> complained =
                queries.status("tom.baker@example.net").orElseThrow();
        assertThat(s(complained, "suppressionReason")).isEqualTo("Complaint (abuse)");
        assertThat(n(complained, "complaints")).isEqualTo("1");

        Map<String, AttributeValue> mailboxFull =
                queries.status("full.inbox@example.net").orElseThrow();
        assertThat(mailboxFull).doesNotContainKey("suppressed");
        assertThat(n(mailboxFull, "transientBounces")).isEqualTo("1");

        assertThat(queries.status("alice@example.com")).as("delivered only").isEmpty();
    }

    @Test
    void suppressedAddressesAreOneQueryOfTheSuppressedIndexOldestFirst() {
        handleAll();

        List<Map<String, AttributeValue>> suppressed =
                fixture.queries().suppressed(Instant.parse("2026-01-01T00:00:00Z")).toList();

        assertThat(suppressed)
                .extracting(item -> s(item, "address"))
                .containsExactlyInAnyOrder(
                        "jane.doe@example.com",
                        "old.account@example.com",
                        "ghost.user@example.org",
                        "nobody@example.net",
                        "tom.baker@example.net",
                        "reader@example.org");
        assertThat(suppressed).extracting(item -> s(item, "suppressedAt")).isSorted();
        assertThat(fixture.queries().suppressed(Instant.parse("2026-11-20T10:15:02Z")).toList())
                .extracting(item -> s(item, "address"))
                .doesNotContain("jane.doe@example.com");
    }

    @Test
    void laterPermanentBounceCountsButKeepsTheFirstReasonAndTime() {
        handle("ses-bounce-permanent.json");

        SnsMessage first = EventFiles.message("ses-bounce-permanent.json");
        fixture.recorder()
                .record(
                        EventFiles.withBody(
                                first.body()
                                        .replace(
                                                "smtp; 550 5.1.1 user unknown",
                                                "smtp; 550 mailbox disabled")
                                        .replace(
                                                "010201a1f873cdd9-91b60467",
                                                "010201a1f9999999-91b60467")));

        Map<String, AttributeValue> status =
                fixture.queries().status("jane.doe@example.com").orElseThrow();
        assertThat(n(status, "permanentBounces")).isEqualTo("2");
        assertThat(s(status, "suppressionReason"))
                .isEqualTo("Permanent bounce (General): smtp; 550 5.1.1 user unknown");
        assertThat(fixture.queries().history("jane.doe@example.com")).hasSize(2);
    }

    @Test
    void redeliveredMessageIsStoredOnceAndLoggedAgainIdentically() {
        handle("ses-bounce-permanent.json");
        List<Map<String, AttributeValue>> afterFirstDelivery = fixture.allItems();

        FeedbackRecorder.Outcome outcome =
                fixture.recorder().record(EventFiles.message("ses-bounce-permanent.json"));

        assertThat(outcome.redelivered()).isTrue();
        assertThat(fixture.allItems()).isEqualTo(afterFirstDelivery);
        assertThat(fixture.logLines()).hasSize(2).containsOnly(fixture.logLines().get(0));
    }

    @Test
    void redeliveringEveryEventFileLeavesTheTableUnchangedAndRepeatsEachLine() {
        handleAll();
        List<Map<String, AttributeValue>> items = fixture.allItems();
        List<String> lines = List.copyOf(fixture.logLines());

        handleAll();

        assertThat(fixture.allItems()).isEqualTo(items);
        assertThat(fixture.logLines())
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(lines.stream(), lines.stream()).toList());
    }

    @Test
    void sixtyRecipientBounceIsStoredWholeAndOnce() {
        String recipients =
                IntStream.range(0, 60)
                        .mapToObj(
                                i ->
                                        "{\"emailAddress\":\"user"
                                                + i
                                                + "@load-test.example\",\"status\":\"5.1.1\"}")
                        .collect(Collectors.joining(","));
        SnsMessage loadTestBounce =
                EventFiles.withBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"load-test-1","timestamp":"2026-11-20T09:00:00Z"},
                 "bounce":{"bounceType":"Permanent","bounceSubType":"General","timestamp":"2026-11-20T09:00:05Z",
                           "bouncedRecipients":[%s]}}"""
                                .formatted(recipients));

        fixture.recorder().record(loadTestBounce);
        List<Map<String, AttributeValue>> items = fixture.allItems();
        FeedbackRecorder.Outcome redelivery = fixture.recorder().record(loadTestBounce);

        assertThat(items).hasSize(1 + 2 * 60);
        assertThat(
                        fixture.queries()
                                .status("user59@load-test.example")
                                .orElseThrow()
                                .get("suppressed")
                                .bool())
                .isTrue();
        assertThat(redelivery.redelivered()).isTrue();
        assertThat(fixture.allItems()).isEqualTo(items);
    }

    @Test
    void recordsExpireAfterTheRetentionButSuppressionStatusIsKept() {
        handle("ses-complaint.json");
        String expiresAt = Long.toString(NOW.plus(RETENTION).getEpochSecond());

        assertThat(
                        n(
                                fixture.queries()
                                        .message(
                                                EventFiles.message("ses-complaint.json")
                                                        .messageId())
                                        .orElseThrow(),
                                "expiresAt"))
                .isEqualTo(expiresAt);
        assertThat(n(fixture.queries().history("tom.baker@example.net").get(0), "expiresAt"))
                .isEqualTo(expiresAt);
        assertThat(fixture.queries().status("tom.baker@example.net").orElseThrow())
                .doesNotContainKey("expiresAt");
    }

    @Test
    void failedLogWriteFailsTheInvocationAndItsRetryFinishesWithoutCountingTwice() {
        SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");
        FeedbackRecorder logsDown =
                fixture.recorder(
                        new CloudWatchFeedbackLog(
                                DeadServices.cloudWatchLogs(),
                                "/ses-feedback/test/notifications",
                                Clock.systemUTC()));

        assertThatThrownBy(() -> logsDown.record(bounce)).isInstanceOf(SdkClientException.class);
        List<Map<String, AttributeValue>> storedMeanwhile = fixture.allItems();

        FeedbackRecorder.Outcome retry = fixture.recorder().record(bounce);

        assertThat(retry.redelivered()).isTrue();
        assertThat(fixture.allItems()).isEqualTo(storedMeanwhile);
        assertThat(fixture.logLines()).hasSize(1);
        assertThat(
                        n(
                                fixture.queries().status("jane.doe@example.com").orElseThrow(),
                                "permanentBounces"))
                .isEqualTo("1");
    }

    @Test
    void failedTableWriteWaitsForItsLineBeforeFailingTheInvocation() {
        CollectingLog lines = new CollectingLog();
        FeedbackLog slowLog =
                message -> {
                    sleep(Duration.ofMillis(300));
                    lines.write(message);
                };
        FeedbackRecorder tableDown =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(
                                DeadServices.dynamoDb(),
                                "feedback",
                                RecorderFixture.RETENTION,
                                Clock.systemUTC()),
                        slowLog);

        assertThatThrownBy(() -> tableDown.record(EventFiles.message("ses-complaint.json")))
                .isInstanceOf(SdkClientException.class);

        assertThat(lines.lines()).as("written before the invocation failed").hasSize(1);
    }

    @Test
    void whenTableAndLogBothFailTheTablesFailureCarriesTheLogs() {
        FeedbackLog logDown =
                message -> {
                    throw new IllegalStateException("log down");
                };
        FeedbackRecorder bothDown =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(
                                DeadServices.dynamoDb(),
                                "feedback",
                                RecorderFixture.RETENTION,
                                Clock.systemUTC()),
                        logDown);

        assertThatThrownBy(() -> bothDown.record(EventFiles.message("ses-complaint.json")))
                .isInstanceOf(SdkClientException.class)
                .satisfies(
                        failure ->
                                assertThat(failure.getSuppressed())
                                        .anySatisfy(
                                                suppressed ->
                                                        assertThat(suppressed)
                                                                .hasMessage("log down")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unreachableDynamoDbFailsTheInvocationAndItsRetryRecordsOnceWithTheSameLine() {
        FeedbackHandler handlerWithoutTable =
                new FeedbackHandler(
                        fixture.recorder(DeadServices.dynamoDb()),
                        RecorderFixture.METRICS_NAMESPACE,
                        functionLog::add);

        assertThatThrownBy(
                        () ->
                                handlerWithoutTable.handleRequest(
                                        EventFiles.event("ses-bounce-permanent.json"),
                                        OutputStream.nullOutputStream(),
                                        new LocalContext()))
                .isInstanceOf(SdkClientException.class);
        handle("ses-bounce-permanent.json");

        assertThat(
                        n(
                                fixture.queries().status("jane.doe@example.com").orElseThrow(),
                                "permanentBounces"))
                .isEqualTo("1");
        assertThat(fixture.logLines()).hasSize(2).containsOnly(fixture.logLines().get(0));
    }
}
