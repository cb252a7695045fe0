package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import io.sesfeedback.tools.fixtures.OnFailureRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("moto")
class RedriveCommandTest {

    private static final String BOUNCE = "b025f545-dc42-5abb-a3d0-f78648722be8";
    private static final String COMPLAINT = "e9635e21-7a4b-5710-a16b-fb1f21e13fb9";
    private static final String DELIVERY = "0cdc43a9-9fca-56f1-b85d-caf910964dd5";

    private static DeployedStack stack;

    @BeforeAll
    static void startEmulators() throws Exception {
        stack = DeployedStack.start();
    }

    @AfterAll
    static void stopEmulators() throws Exception {
        stack.close();
    }

    @BeforeEach
    void emptyTableAndQueue() throws IOException {
        stack.reset();
    }

    @Test
    void failedAgainWhileTheTableIsMissingThenRedrivenOnceItIsThere() throws IOException {
        // given the recorder failed on a bounce and a complaint
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));
        stack.send(OnFailureRecords.of("ses-complaint.json"));

        // when redrive runs on a table that does not exist
        Run failing = redrive("--table", "no-such-table");

        // then both fail again and stay in the queue, visible for the next run
        assertThat(failing.exit()).as(failing.err()).isEqualTo(1);
        assertThat(failing.out().lines().filter(line -> line.startsWith("failed again")))
                .hasSize(2)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .contains("Table not found", "(left in the queue)"));
        assertThat(failing.out())
                .contains(
                        "2 queue message(s): 0 redriven and 0 already recorded (deleted from the queue),"
                                + " 2 failed again (left in the queue)");
        assertThat(stack.visibleMessages()).isEqualTo(2);
        assertThat(stack.hiddenMessages()).isZero();

        // when redrive runs on the stack's table
        Run succeeding = redrive();

        // then both are recorded and logged, and the queue is empty
        assertThat(succeeding.exit()).as(succeeding.err()).isZero();
        assertThat(succeeding.err()).isEmpty();
        assertThat(succeeding.out())
                .containsPattern(
                        "redriven +sns "
                                + BOUNCE
                                + "  Bounce  \\(Lambda: RetriesExhausted after 3"
                                + " attempts: ResourceNotFoundException: Requested resource not found \\(Service: DynamoDb, Status Code: 400\\)\\)\n")
                .containsPattern("redriven +sns " + COMPLAINT + "  Complaint")
                .contains("2 queue message(s): 2 redriven and 0 already recorded");
        assertThat(stack.queries().message(BOUNCE))
                .hasValueSatisfying(
                        message ->
                                assertThat(
                                                java.time.Instant.ofEpochSecond(
                                                        Long.parseLong(
                                                                message.get("expiresAt").n())))
                                        .as("kept for the stack's RecordRetentionDays")
                                        .isBetween(
                                                java.time.Instant.now()
                                                        .plus(
                                                                java.time.Duration.ofDays(
                                                                        DeployedStack
                                                                                .RETENTION_DAYS))
                                                        .minusSeconds(600),
                                                java.time.Instant.now()
                                                        .plus(
                                                                java.time.Duration.ofDays(
                                                                        DeployedStack
                                                                                .RETENTION_DAYS))));
        assertThat(stack.queries().message(COMPLAINT)).isPresent();
        assertThat(stack.queries().history("jane.doe@example.com")).hasSize(1);
        assertThat(stack.logLines())
                .anySatisfy(line -> assertThat(line).contains(BOUNCE))
                .anySatisfy(line -> assertThat(line).contains(COMPLAINT));
        assertThat(stack.visibleMessages() + stack.hiddenMessages()).isZero();

        // when it runs again, then there is nothing to do
        Run again = redrive();
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out())
                .isEqualTo(
                        "The failed-feedback queue is empty.\nThe undelivered-feedback queue is empty.\n"
                                + "The undelivered-events queue is empty.\n");
    }

    @Test
    void aRedeliveredMessageIsReportedAsAlreadyRecordedAndDeleted() throws IOException {
        // given a bounce redriven once, and Lambda's record of it arriving again
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));
        redrive();
        List<String> bounceLines = bounceLines();
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));

        // when
        Run run = redrive();

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("already recorded +sns " + BOUNCE + "  Bounce\n")
                .contains(
                        "1 queue message(s): 0 redriven and 1 already recorded (deleted from the queue), 0 failed again");
        assertThat(stack.visibleMessages() + stack.hiddenMessages()).isZero();
        assertThat(
                        stack.queries()
                                .status("jane.doe@example.com")
                                .orElseThrow()
                                .get("permanentBounces")
                                .n())
                .isEqualTo("1");
        assertThat(bounceLines())
                .as("the same line again, as any redelivery writes it")
                .hasSize(bounceLines.size() + 1)
                .containsOnly(bounceLines.get(0));
    }

    private List<String> bounceLines() {
        return stack.logLines().stream().filter(line -> line.contains(BOUNCE)).toList();
    }

    @Test
    void dryRunSaysWhatWouldHappenAndChangesNothing() throws IOException {
        // given a bounce already recorded and a complaint not yet, both in the queue
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));
        redrive();
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));
        stack.send(OnFailureRecords.of("ses-complaint.json"));

        // when
        Run run = redrive("--dry-run");

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("already recorded +sns " + BOUNCE + "  Bounce")
                .containsPattern(
                        "would redrive +sns "
                                + COMPLAINT
                                + "  Complaint  \\(Lambda: RetriesExhausted after 3 attempts")
                .contains(
                        "Dry run, nothing recorded or deleted: the failed-feedback queue: 2 queue message(s), 1 would be"
                                + " redriven, 1 already recorded, 0 would fail again");
        assertThat(stack.queries().message(COMPLAINT)).isEmpty();
        assertThat(stack.visibleMessages()).isEqualTo(2);
        assertThat(stack.hiddenMessages()).isZero();
    }

    @Test
    void aBodyThatIsNotAnOnFailureRecordFailsAgainWithTheReasonAndStaysInTheQueue()
            throws IOException {
        // given what a misdirected sender could have put on the queue
        stack.send("hello");
        stack.send(Files.readString(Path.of("events", "ses-delivery.json")));
        stack.send(
                OnFailureRecords.withPayload(
                        "{\"Records\": [{\"EventSource\": \"aws:sqs\", \"body\": \"{}\"}]}"));
        stack.send(OnFailureRecords.withPayload("{\"Records\": []}"));

        // when
        Run run = redrive();

        // then
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern(
                        "failed again +sqs \\S+  not a Lambda on-failure record, an SNS message or an EventBridge event: the"
                                + " body is not JSON"
                                + " \\(.*\\) \\(left in the queue\\)")
                .containsPattern(
                        "failed again +sqs \\S+  not a Lambda on-failure record: the body has no requestContext and"
                                + " requestPayload objects \\(left in the queue\\)")
                .containsPattern(
                        "failed again +sqs \\S+  the requestPayload is not an SNS event: Records\\[0\\] has EventSource 'aws:sqs',"
                                + " not aws:sns \\(left in the queue\\)")
                .containsPattern(
                        "failed again +sqs \\S+  the requestPayload has no Records: there is nothing to record"
                                + " \\(left in the queue\\)")
                .contains(
                        "4 queue message(s): 0 redriven and 0 already recorded (deleted from the queue), 4 failed again");
        assertThat(stack.visibleMessages()).isEqualTo(4);
        assertThat(stack.queries().message(DELIVERY)).isEmpty();
    }

    @Test
    void maxBoundsHowManyQueueMessagesOneRunTakes() throws IOException {
        // given three failed events
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));
        stack.send(OnFailureRecords.of("ses-complaint.json"));
        stack.send(OnFailureRecords.of("ses-delivery.json"));

        // when
        Run run = redrive("--max", "2");

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "2 queue message(s): 2 redriven and 0 already recorded (deleted from the queue),"
                                + " 0 failed again (left in the queue); stopped at --max 2, more may wait");
        assertThat(stack.visibleMessages()).isEqualTo(1);
    }

    @Test
    void aMessageSnsCouldNotDeliverIsRecordedFromTheUndeliveredFeedbackQueue() throws IOException {
        // given SNS could not hand a bounce to the function (SnapStartNotReadyException, say) and
        // kept its envelope
        stack.sendUndelivered(UndeliveredMessages.of("ses-bounce-permanent.json"));

        // when
        Run run = redrive();

        // then it is recorded as the Lambda would have, and the queue is empty
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern(
                        "redriven +sns "
                                + BOUNCE
                                + "  Bounce  \\(SNS could not deliver it to the function\\)\n")
                .contains("The failed-feedback queue is empty.")
                .contains(
                        "The undelivered-feedback queue: 1 queue message(s): 1 redriven and 0 already recorded");
        assertThat(
                        stack.queries()
                                .status("jane.doe@example.com")
                                .orElseThrow()
                                .get("permanentBounces")
                                .n())
                .isEqualTo("1");
        assertThat(stack.undeliveredMessages()).isZero();
    }

    @Test
    void anEventEventBridgeCouldNotDeliverIsRecordedFromTheUndeliveredEventsQueue()
            throws IOException {
        // given the email rule could not hand a bounce to the function, and its dead-letter queue
        // holds the event itself
        stack.sendUndeliveredEvent(Files.readString(Path.of("events", "eventbridge-bounce.json")));

        // when
        Run run = redrive();

        // then it is recorded as the Lambda would have, and the queue is empty
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern(
                        "redriven +sns \\S+  Bounce  \\(EventBridge could not deliver it to the"
                                + " function\\)\n")
                .contains(
                        "The undelivered-events queue: 1 queue message(s): 1 redriven and 0 already recorded");
        assertThat(
                        stack.queries()
                                .status("nobody@example.net")
                                .orElseThrow()
                                .get("permanentBounces")
                                .n())
                .isEqualTo("1");
        assertThat(stack.undeliveredEvents()).isZero();
    }

    @Test
    void anOnFailureRecordOfTheLargestSnsMessageFitsTheQueueAndIsRecorded() throws IOException {
        // given a bounce whose SES message is SNS's largest, 256 KiB, mostly characters JSON
        // escapes twice over
        String message = largestBounceMessage();
        String record = OnFailureRecords.withPayload(bounceEventWithMessage(message));
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(SNS_MAXIMUM_MESSAGE_BYTES);
        assertThat(record.getBytes(StandardCharsets.UTF_8).length)
                .as("over SQS's former 256 KiB default, under 1 MiB")
                .isGreaterThan(SNS_MAXIMUM_MESSAGE_BYTES)
                .isLessThan(1_048_576);

        // when the recorder had failed on it, Lambda's record reaches the queue, and redrive runs
        stack.send(record);
        Run run = redrive();

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("redriven +sns " + BOUNCE + "  Bounce");
        assertThat(stack.queries().message(BOUNCE)).isPresent();
        assertThat(stack.visibleMessages() + stack.hiddenMessages()).isZero();
    }

    @Test
    void theEnvelopeOfTheLargestSnsMessageFitsTheUndeliveredQueueAndIsRecorded()
            throws IOException {
        // given SNS could not deliver a bounce whose SES message is SNS's largest, 256 KiB
        String envelope =
                UndeliveredMessages.withPayload(bounceEventWithMessage(largestBounceMessage()));
        assertThat(envelope.getBytes(StandardCharsets.UTF_8).length)
                .as("over SQS's former 256 KiB default, under 1 MiB")
                .isGreaterThan(SNS_MAXIMUM_MESSAGE_BYTES)
                .isLessThan(1_048_576);

        // when its envelope reaches the subscription's dead-letter queue, and redrive runs
        stack.sendUndelivered(envelope);
        Run run = redrive();

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern(
                        "redriven +sns "
                                + BOUNCE
                                + "  Bounce  \\(SNS could not deliver it to the function\\)");
        assertThat(stack.queries().message(BOUNCE)).isPresent();
        assertThat(stack.undeliveredMessages()).isZero();
    }

    @Test
    void aMessageThatCanNeverBeRecordedIsDiscardedAfterItsBodyIsShown() throws IOException {
        // given a queue message that is no record, and a record beside it
        String junk = stack.send("hello from a misdirected sender");
        stack.send(OnFailureRecords.of("ses-complaint.json"));

        // when a dry run names it, then it stays
        Run preview = redrive("--discard", junk, "--dry-run");
        assertThat(preview.exit()).as(preview.err()).isZero();
        assertThat(preview.out())
                .isEqualTo(
                        "would discard  sqs "
                                + junk
                                + "  from the failed-feedback queue; its body:\n"
                                + "hello from a misdirected sender\n");
        assertThat(stack.visibleMessages()).isEqualTo(2);

        // when it is discarded
        Run discarded = redrive("--discard", junk);

        // then only it is gone, the record waits for redrive, and a second discard finds nothing
        assertThat(discarded.exit()).as(discarded.err()).isZero();
        assertThat(discarded.out())
                .startsWith(
                        "discarded  sqs " + junk + "  from the failed-feedback queue; its body:\n");
        assertThat(stack.visibleMessages()).isEqualTo(1);
        assertThat(stack.hiddenMessages()).isZero();
        Run again = redrive("--discard", junk);
        assertThat(again.exit()).as(again.err()).isEqualTo(1);
        assertThat(again.err())
                .startsWith(
                        "ses-feedback: No message sqs "
                                + junk
                                + " among the first 100 of each queue of the stack ses-feedback-dev");
        assertThat(stack.queries().message(COMPLAINT)).isEmpty();
    }

    private static final int SNS_MAXIMUM_MESSAGE_BYTES = 256 * 1024;

    /**
     * ses-bounce-permanent.json's message, padded with quotes in a field the parser does not read,
     * to 256 KiB.
     */
    private static String largestBounceMessage() throws IOException {
        String message = (String) sns("ses-bounce-permanent.json").get("Message");
        String opening = message.substring(0, message.lastIndexOf('}')) + ", \"padding\": \"";
        String closing = "\"}";
        int room =
                SNS_MAXIMUM_MESSAGE_BYTES
                        - opening.getBytes(StandardCharsets.UTF_8).length
                        - closing.length();
        return opening + "\\\"".repeat(room / 2) + "x".repeat(room % 2) + closing;
    }

    private static String bounceEventWithMessage(String message) throws IOException {
        Map<String, Object> event =
                new LinkedHashMap<>(
                        Json.readObject(
                                Files.readString(Path.of("events", "ses-bounce-permanent.json"))));
        Map<String, Object> record =
                new LinkedHashMap<>(object(((List<?>) event.get("Records")).get(0)));
        Map<String, Object> sns = new LinkedHashMap<>(object(record.get("Sns")));
        sns.put("Message", message);
        record.put("Sns", sns);
        event.put("Records", List.of(record));
        return Json.write(event);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    private static Map<?, ?> sns(String eventFile) throws IOException {
        Map<?, ?> event = (Map<?, ?>) Json.read(Files.readString(Path.of("events", eventFile)));
        return (Map<?, ?>) ((Map<?, ?>) ((List<?>) event.get("Records")).get(0)).get("Sns");
    }

    private static Run redrive(String... options) {
        return Cli.run(
                stack.targets(),
                Stream.concat(
                                Stream.of("redrive", "--env", "dev", "--region", Cli.REGION),
                                Stream.of(options))
                        .toArray(String[]::new));
    }
}
