package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.Faults;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.support.WireTable;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Faults and races on the wire: moto's DynamoDB as an HTTP server, each "container" with its own
 * SDK client, faults injected into that client where no emulator produces them. Redelivery and
 * Lambda's retries must finish the job and never count an SES feedback event twice.
 */
@Tag("moto")
class RecorderFaultsTest {

    private static final String UPDATE = "UpdateItem";
    private static final String PUT = "PutItem";
    private static final String COMPLAINED = "tom.baker@example.net";
    private static MotoDynamoDb server;

    @BeforeAll
    static void useTheSharedServer() {
        server = MotoDynamoDb.shared();
    }

    private static String counter(WireTable table, String address, String name) {
        AttributeValue value = table.queries().status(address).orElseThrow().get(name);
        return value == null ? null : value.n();
    }

    /**
     * The same message recorded once without faults, on a table of its own: what every faulty run
     * must end with.
     */
    private static List<Map<String, AttributeValue>> cleanRun(SnsMessage... messages) {
        WireTable clean = new WireTable(server);
        FeedbackRecorder recorder = clean.recorder(new CollectingLog());
        for (SnsMessage message : messages) {
            recorder.record(message);
        }
        return clean.allItems();
    }

    @Test
    void throttledCountFailsTheInvocationAndItsRetryCountsOnce() {
        // given a complaint whose count on the status item is throttled
        WireTable table = new WireTable(server);
        CollectingLog log = new CollectingLog();
        SnsMessage complaint = EventFiles.message("ses-complaint.json");
        FeedbackRecorder recorder =
                table.recorder(log, new Faults().failBefore(UPDATE, 1, Faults.throttled()));

        // when the invocation fails, and Lambda retries it
        assertThatThrownBy(() -> recorder.record(complaint))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(table.queries().status(COMPLAINED)).isEmpty();
        assertThat(table.queries().message(complaint.messageId()))
                .as("taken back, so the retry records it as new")
                .isEmpty();
        FeedbackRecorder.Outcome retry = recorder.record(complaint);

        // then the table holds what one clean run writes, and the same line twice
        assertThat(retry.redelivered()).isFalse();
        assertThat(table.allItems()).isEqualTo(cleanRun(complaint));
        assertThat(log.lines()).hasSize(2).containsOnly(log.lines().get(0));
    }

    @Test
    void aSoftBounceSuppressionThatFailedIsMadeByTheRetry() {
        // given four transient bounces recorded, and the fifth's suppression write failing once
        WireTable table = new WireTable(server);
        StorePolicy limitOfFive = StorePolicy.keepingAll(RecorderFixture.RETENTION, 5);
        FeedbackRecorder recorder =
                table.recorder(
                        new CollectingLog(),
                        limitOfFive,
                        // four bounces of three updates each (count, event, marker), the fifth's
                        // three, then its suppression
                        new Faults()
                                .failBefore(
                                        UPDATE, 4 * 3 + 3 + 1, Faults.failure("connection reset")));
        for (int day = 0; day < 4; day++) {
            recorder.record(SoftBounceRuleTest.transientBounce(day));
        }
        SnsMessage fifth = SoftBounceRuleTest.transientBounce(4);

        // when the fifth fails after its counts are stored, and Lambda retries it
        assertThatThrownBy(() -> recorder.record(fifth)).hasMessageContaining("connection reset");
        assertThat(table.queries().status(SoftBounceRuleTest.FULL_INBOX).orElseThrow())
                .doesNotContainKey("suppressed");
        FeedbackRecorder.Outcome retry = recorder.record(fifth);

        // then the retry counts nothing again and suppresses the address
        assertThat(retry.redelivered()).isTrue();
        assertThat(retry.softBounceSuppressions()).isEqualTo(1);
        assertThat(counter(table, SoftBounceRuleTest.FULL_INBOX, "transientBounces"))
                .isEqualTo("5");
        assertThat(
                        table.queries()
                                .status(SoftBounceRuleTest.FULL_INBOX)
                                .orElseThrow()
                                .get("suppressed")
                                .bool())
                .isTrue();
    }

    /**
     * The count's three updates: the status item's count, the event item's mark, the status item's
     * marker done.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aCountWhoseResponseIsLostAfterAnyStepIsFinishedByTheRetryAndCountsOnce(int failingUpdate) {
        // given a complaint whose nth update is applied but its response lost
        WireTable table = new WireTable(server);
        SnsMessage complaint = EventFiles.message("ses-complaint.json");
        FeedbackRecorder recorder =
                table.recorder(
                        new CollectingLog(),
                        new Faults()
                                .failAfter(UPDATE, failingUpdate, Faults.failure("response lost")));

        // when the invocation fails, and Lambda retries it
        assertThatThrownBy(() -> recorder.record(complaint)).isInstanceOf(SdkClientException.class);
        recorder.record(complaint);

        // then it is counted once, and the table holds what one clean run writes
        assertThat(counter(table, COMPLAINED, "complaints")).isEqualTo("1");
        assertThat(table.allItems()).isEqualTo(cleanRun(complaint));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aCountRefusedBeforeAnyStepIsFinishedByTheRetryAndCountsOnce(int failingUpdate) {
        WireTable table = new WireTable(server);
        SnsMessage complaint = EventFiles.message("ses-complaint.json");
        FeedbackRecorder recorder =
                table.recorder(
                        new CollectingLog(),
                        new Faults().failBefore(UPDATE, failingUpdate, Faults.throttled()));

        assertThatThrownBy(() -> recorder.record(complaint))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        recorder.record(complaint);

        assertThat(counter(table, COMPLAINED, "complaints")).isEqualTo("1");
        assertThat(table.allItems()).isEqualTo(cleanRun(complaint));
    }

    @Test
    void logLineIsWrittenWhileTheTableIs() {
        // each side waits for the other to be under way: written one after the other, both would
        // time out
        WireTable table = new WireTable(server);
        CountDownLatch transactionSent = new CountDownLatch(1);
        CountDownLatch lineWritten = new CountDownLatch(1);
        CollectingLog lines = new CollectingLog();
        FeedbackLog log =
                message -> {
                    await(transactionSent, "the transaction to be sent");
                    lines.write(message);
                    lineWritten.countDown();
                };
        ExecutionInterceptor transaction =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(
                            Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        transactionSent.countDown();
                    }

                    @Override
                    public void afterExecution(
                            Context.AfterExecution context, ExecutionAttributes attributes) {
                        await(lineWritten, "the log line");
                    }
                };

        table.recorder(log, transaction).record(EventFiles.message("ses-bounce-permanent.json"));

        assertThat(lines.lines()).hasSize(1);
        assertThat(counter(table, "jane.doe@example.com", "permanentBounces")).isEqualTo("1");
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Waited 5 s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * 20 recipients, more than the store writes at once: 20 event puts and the message put, then 3
     * updates each.
     */
    private static SnsMessage twentyRecipientBounce() {
        String recipients =
                IntStream.range(0, 20)
                        .mapToObj(
                                i ->
                                        "{\"emailAddress\":\"User"
                                                + i
                                                + "@Load-Test.example\",\"status\":\"5.1.1\"}")
                        .collect(Collectors.joining(","));
        return EventFiles.withBody(
                """
                {"notificationType":"Bounce","mail":{"messageId":"load-test-20","timestamp":"2026-11-20T09:00:00Z"},
                 "bounce":{"feedbackId":"load-test-20-feedback","bounceType":"Permanent","bounceSubType":"General",
                           "timestamp":"2026-11-20T09:00:05Z","bouncedRecipients":[%s]}}"""
                        .formatted(recipients));
    }

    @ParameterizedTest
    @CsvSource({
        "PutItem, 1",
        "PutItem, 11",
        "PutItem, 21",
        "UpdateItem, 1",
        "UpdateItem, 30",
        "UpdateItem, 60"
    })
    void twentyRecipientBounceWhoseResponseIsLostAfterAnyWriteIsFinishedByItsRedelivery(
            String operation, int failingCall) {
        WireTable table = new WireTable(server);
        SnsMessage bounce = twentyRecipientBounce();
        Faults faults =
                new Faults().failAfter(operation, failingCall, Faults.failure("response lost"));
        FeedbackRecorder recorder = table.recorder(new CollectingLog(), faults);

        assertThatThrownBy(() -> recorder.record(bounce)).isInstanceOf(SdkClientException.class);
        recorder.record(bounce);

        assertThat(table.allItems()).isEqualTo(cleanRun(bounce));
        assertThat(counter(table, "user19@load-test.example", "permanentBounces")).isEqualTo("1");
    }

    @ParameterizedTest
    @CsvSource({
        "PutItem, 1",
        "PutItem, 11",
        "PutItem, 21",
        "UpdateItem, 1",
        "UpdateItem, 30",
        "UpdateItem, 60"
    })
    void twentyRecipientBounceRefusedBeforeAnyWriteIsFinishedByItsRedelivery(
            String operation, int failingCall) {
        WireTable table = new WireTable(server);
        SnsMessage bounce = twentyRecipientBounce();
        FeedbackRecorder recorder =
                table.recorder(
                        new CollectingLog(),
                        new Faults().failBefore(operation, failingCall, Faults.throttled()));

        assertThatThrownBy(() -> recorder.record(bounce))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        recorder.record(bounce);

        assertThat(table.allItems()).isEqualTo(cleanRun(bounce));
    }

    @RepeatedTest(3)
    void eightContainersRecordingOneSnsMessageAtOnceStoreWhatOneWould() throws Exception {
        WireTable table = new WireTable(server);
        CollectingLog log = new CollectingLog();
        SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");

        List<FeedbackRecorder.Outcome> outcomes =
                table.recordAtOnce(java.util.Collections.nCopies(8, bounce), () -> log, 3);

        assertThat(table.allItems()).isEqualTo(cleanRun(bounce));
        assertThat(outcomes).filteredOn(o -> !o.redelivered()).hasSize(1);
        assertThat(log.lines())
                .as("each container writes the same line")
                .hasSize(8)
                .containsOnly(log.lines().get(0));
    }

    @Test
    void bothFormatsOfABounceInterleavedAfterAFailedWriteMarkExactlyOneCopyAsTheDuplicate() {
        // given the notification's first attempt failing on one of its 21 puts, after the others
        // were written
        WireTable table = new WireTable(server);
        SnsMessage notification = twentyRecipientBounce();
        SnsMessage event = EventFiles.inOtherFormat(notification);
        FeedbackRecorder throttledOnOnePut =
                table.recorder(
                        new CollectingLog(), new Faults().failBefore(PUT, 11, Faults.throttled()));
        assertThatThrownBy(() -> throttledOnOnePut.record(notification))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        // when the other format arrives before the retry
        table.recorder(new CollectingLog()).record(event);
        throttledOnOnePut.record(notification);

        // then each address counts once, in whichever copy wrote its event, and one copy alone
        // names the other
        List<Map<String, AttributeValue>> copies =
                List.of(
                        table.queries().message(notification.messageId()).orElseThrow(),
                        table.queries().message(event.messageId()).orElseThrow());
        assertThat(copies).filteredOn(item -> item.containsKey("duplicateOf")).hasSize(1);
        assertThat(
                        copies.stream()
                                .mapToInt(
                                        item ->
                                                Integer.parseInt(
                                                        item.get("duplicateRecipients").n()))
                                .sum())
                .isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(counter(table, "user" + i + "@load-test.example", "permanentBounces"))
                    .isEqualTo("1");
        }
    }

    @RepeatedTest(3)
    void eightContainersRecordingBothFormatsOfATwentyRecipientBounceMarkOneCopy() throws Exception {
        WireTable table = new WireTable(server);
        SnsMessage notification = twentyRecipientBounce();
        SnsMessage event = EventFiles.inOtherFormat(notification);
        List<SnsMessage> copies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            copies.add(notification);
            copies.add(event);
        }

        table.recordAtOnce(copies, CollectingLog::new, 3);

        assertThat(
                        List.of(
                                table.queries().message(notification.messageId()).orElseThrow(),
                                table.queries().message(event.messageId()).orElseThrow()))
                .filteredOn(item -> item.containsKey("duplicateOf"))
                .hasSize(1);
        for (int i = 0; i < 20; i++) {
            assertThat(counter(table, "user" + i + "@load-test.example", "permanentBounces"))
                    .isEqualTo("1");
        }
    }

    @RepeatedTest(3)
    void eightContainersRecordingBothFormatsOfOneBounceAtOnceCountItOnce() throws Exception {
        WireTable table = new WireTable(server);
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        SnsMessage event = EventFiles.inOtherFormat(notification);
        List<SnsMessage> copies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            copies.add(notification);
            copies.add(event);
        }

        List<FeedbackRecorder.Outcome> outcomes = table.recordAtOnce(copies, CollectingLog::new, 3);

        for (String address :
                List.of(
                        "jane.doe@example.com",
                        "old.account@example.com",
                        "ghost.user@example.org")) {
            assertThat(counter(table, address, "permanentBounces")).as(address).isEqualTo("1");
            assertThat(table.queries().history(address)).as(address).hasSize(1);
        }
        assertThat(outcomes).filteredOn(o -> !o.redelivered()).hasSize(2);
        Map<String, AttributeValue> first =
                table.queries().message(notification.messageId()).orElseThrow();
        Map<String, AttributeValue> second =
                table.queries().message(event.messageId()).orElseThrow();
        assertThat(List.of(first, second))
                .filteredOn(item -> item.containsKey("duplicateOf"))
                .hasSize(1);
        // racing copies may split the addresses; between them they name each address the other
        // holds once
        assertThat(
                        Stream.of(first, second)
                                .filter(item -> item.containsKey("duplicateRecipients"))
                                .mapToInt(
                                        item ->
                                                Integer.parseInt(
                                                        item.get("duplicateRecipients").n()))
                                .sum())
                .isEqualTo(3);
    }
}
