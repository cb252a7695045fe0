package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.LambdaEvents;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Transient bounces in a row, with no delivery between, suppress an address; a delivery starts the
 * run again.
 */
@Tag("moto")
class SoftBounceRuleTest {

    static final String FULL_INBOX = "full.inbox@example.net";
    private static final int LIMIT = 5;
    private static final Instant FIRST_DAY = Instant.parse("2026-11-01T09:00:00Z");

    private final LocalFeedbackTable table =
            LocalFeedbackTable.inMemory(RecorderFixture.TEMPLATE, "soft-bounce-test");

    @AfterEach
    void stopTable() {
        table.close();
    }

    @Test
    void theFifthTransientBounceInARowSuppressesTheAddress() {
        // given four transient bounces on four days
        FeedbackRecorder recorder = recorder(LIMIT);
        for (int day = 0; day < 4; day++) {
            assertThat(recorder.record(transientBounce(day)).softBounceSuppressions()).isZero();
        }
        assertThat(status()).doesNotContainKey("suppressed");

        // when the fifth comes
        SnsMessage fifth = transientBounce(4);
        FeedbackRecorder.Outcome outcome = recorder.record(fifth);

        // then the address is suppressed, by that bounce, and on the suppression list
        assertThat(outcome.softBounceSuppressions()).isEqualTo(1);
        Map<String, AttributeValue> status = status();
        assertThat(status.get("suppressed").bool()).isTrue();
        assertThat(status.get("transientBounces").n()).isEqualTo("5");
        assertThat(status.get("suppressionReason").s())
                .isEqualTo(
                        "Transient bounces (5 in a row, no delivery between): smtp; 552 5.2.2 Mailbox full");
        assertThat(status.get("suppressedBy").s()).isEqualTo(fifth.messageId());
        assertThat(status.get(FeedbackTable.SUPPRESSED_AT).s())
                .isEqualTo("2026-11-05T09:00:00.000Z");
        try (Stream<Map<String, AttributeValue>> suppressed = queries().suppressed(Instant.EPOCH)) {
            assertThat(suppressed)
                    .extracting(item -> item.get("address").s())
                    .containsExactly(FULL_INBOX);
        }
    }

    @Test
    void aDeliveryBetweenStartsTheRunAgain() {
        // given three transient bounces, a delivery, then four more
        FeedbackRecorder recorder = recorder(LIMIT);
        for (int day = 0; day < 3; day++) {
            recorder.record(transientBounce(day));
        }
        recorder.record(delivery(3));
        for (int day = 4; day < 8; day++) {
            recorder.record(transientBounce(day));
        }

        // then seven transient bounces have not suppressed it, four of them since the delivery
        assertThat(status().get("transientBounces").n()).isEqualTo("7");
        assertThat(status()).doesNotContainKey("suppressed");

        // and the fifth since the delivery does
        assertThat(recorder.record(transientBounce(8)).softBounceSuppressions()).isEqualTo(1);
        assertThat(status().get("suppressed").bool()).isTrue();
    }

    @Test
    void theRunIsOrderedByWhenSesSawEachEventNotByArrival() {
        // given a delivery on day 2 that reaches the topic after the bounces of days 0, 1, 3 and 4
        FeedbackRecorder recorder = recorder(LIMIT);
        for (int day : new int[] {0, 1, 3, 4}) {
            recorder.record(transientBounce(day));
        }
        recorder.record(delivery(2));

        // when a fifth transient bounce comes
        recorder.record(transientBounce(5));

        // then only three follow the delivery: not suppressed
        assertThat(status()).doesNotContainKey("suppressed");
    }

    @Test
    void aRedeliveredBounceDoesNotLengthenTheRun() {
        // given four transient bounces, the last delivered by SNS twice more
        FeedbackRecorder recorder = recorder(LIMIT);
        SnsMessage fourth = transientBounce(3);
        for (int day = 0; day < 3; day++) {
            recorder.record(transientBounce(day));
        }
        recorder.record(fourth);
        recorder.record(fourth);
        recorder.record(EventFiles.inOtherFormat(fourth));

        // then the address has four, not suppressed
        assertThat(status().get("transientBounces").n()).isEqualTo("4");
        assertThat(status()).doesNotContainKey("suppressed");
    }

    @Test
    void anAddressSuppressedByAPermanentBounceKeepsThatReason() {
        // given a permanent bounce first, then five transient ones
        FeedbackRecorder recorder = recorder(LIMIT);
        recorder.record(
                EventFiles.republished(
                        "ses-bounce-transient.json", "\"Transient\"", "\"Permanent\""));
        int softSuppressions = 0;
        for (int day = 0; day < 5; day++) {
            softSuppressions += recorder.record(transientBounce(day)).softBounceSuppressions();
        }

        // then the rule suppresses nothing again
        assertThat(softSuppressions).isZero();
        assertThat(status().get("suppressionReason").s())
                .startsWith("Permanent bounce (MailboxFull)");
    }

    @Test
    void theSuppressionsMetricCountsTheAddressTheRunSuppressed() {
        // given four transient bounces recorded
        FeedbackRecorder recorder = recorder(LIMIT);
        for (int day = 0; day < 4; day++) {
            recorder.record(transientBounce(day));
        }
        List<String> summaries = new ArrayList<>();
        FeedbackHandler handler =
                new FeedbackHandler(recorder, RecorderFixture.METRICS_NAMESPACE, summaries::add);

        // when the fifth reaches the function
        handler.handleRequest(
                LambdaEvents.sns(transientBounce(4)),
                OutputStream.nullOutputStream(),
                new LocalContext());

        // then its summary line's Suppressions metric is 1
        assertThat(summaries)
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(Json.readObject(line))
                                        .containsEntry("Type", "Bounce")
                                        .containsEntry("Suppressions", 1));
    }

    @Test
    void aLimitOfZeroTurnsTheRuleOff() {
        FeedbackRecorder recorder = recorder(0);
        for (int day = 0; day < 10; day++) {
            recorder.record(transientBounce(day));
        }

        assertThat(status().get("transientBounces").n()).isEqualTo("10");
        assertThat(status()).doesNotContainKey("suppressed");
    }

    @Test
    void anAddressAnOperatorUnsuppressedNeedsAFullRunAfterItToBeSuppressedAgain() {
        // given five transient bounces that suppressed the address, then an operator's unsuppress
        FeedbackRecorder recorder = recorder(LIMIT);
        for (int day = 0; day < 5; day++) {
            recorder.record(transientBounce(day));
        }
        unsuppress(FIRST_DAY.plus(Duration.ofDays(4)).plus(Duration.ofHours(1)));

        // when four more transient bounces come
        for (int day = 5; day < 9; day++) {
            assertThat(recorder.record(transientBounce(day)).softBounceSuppressions()).isZero();
        }

        // then the bounces before the unsuppress do not complete a run
        assertThat(status()).doesNotContainKey("suppressed");

        // and the fifth after it suppresses the address again
        assertThat(recorder.record(transientBounce(9)).softBounceSuppressions()).isEqualTo(1);
        assertThat(status().get("suppressed").bool()).isTrue();
    }

    /** What bin/ses-feedback unsuppress does to the status item, as of {@code at}. */
    private void unsuppress(Instant at) {
        table.client()
                .updateItem(
                        request ->
                                request.tableName(table.tableName())
                                        .key(FeedbackTable.statusKey(FULL_INBOX))
                                        .updateExpression(
                                                "SET #unsuppressedAt = :at REMOVE #suppressed, #list,"
                                                        + " #shard, #reason, #suppressedAt, #by")
                                        .expressionAttributeNames(
                                                Map.of(
                                                        "#unsuppressedAt",
                                                        FeedbackTable.UNSUPPRESSED_AT,
                                                        "#suppressed",
                                                        FeedbackTable.SUPPRESSED,
                                                        "#list",
                                                        FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE,
                                                        "#shard",
                                                        FeedbackTable.SUPPRESSION_SHARD,
                                                        "#reason",
                                                        FeedbackTable.SUPPRESSION_REASON,
                                                        "#suppressedAt",
                                                        FeedbackTable.SUPPRESSED_AT,
                                                        "#by",
                                                        FeedbackTable.SUPPRESSED_BY))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":at",
                                                        AttributeValue.fromS(
                                                                Timestamps.format(at)))));
    }

    private FeedbackRecorder recorder(int limit) {
        return new FeedbackRecorder(
                new NotificationParser(),
                new FeedbackStore(
                        table.client(),
                        table.tableName(),
                        new StorePolicy(Duration.ofDays(400), Duration.ofDays(30), true, limit),
                        Clock.fixed(RecorderFixture.NOW, ZoneOffset.UTC)),
                new CollectingLog());
    }

    /**
     * The transient bounce of events/, as SES would report another one on {@code day} after the
     * first.
     */
    static SnsMessage transientBounce(int day) {
        String original = EventFiles.message("ses-bounce-transient.json").body();
        return republished(
                "ses-bounce-transient.json",
                original.replace(
                                "\"2026-11-20T10:15:04.771Z\"",
                                "\"" + FIRST_DAY.plus(Duration.ofDays(day)) + "\"")
                        .replace("-000000\"", "-" + day + "\""));
    }

    /** A delivery to the same address on {@code day}. */
    private static SnsMessage delivery(int day) {
        String original = EventFiles.message("ses-delivery.json").body();
        return republished(
                "ses-delivery.json",
                original.replace("alice@example.com", FULL_INBOX)
                        .replace(
                                "\"2026-11-20T10:15:07.453Z\"",
                                "\"" + FIRST_DAY.plus(Duration.ofDays(day)) + "\"")
                        .replace("-000000\"", "-" + day + "\""));
    }

    private static SnsMessage republished(String name, String body) {
        return EventFiles.republished(name, EventFiles.message(name).body(), body);
    }

    private Map<String, AttributeValue> status() {
        return queries().status(FULL_INBOX).orElseThrow();
    }

    private FeedbackQueries queries() {
        return new FeedbackQueries(table.client(), table.tableName());
    }
}
