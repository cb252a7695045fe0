package io.sesfeedback.suppressionevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which status changes are the recorder's own suppressions, and the source each event names. */
class RecorderSuppressionsTest {

    private static final Instant MADE_AT = Instant.parse("2026-11-21T08:00:01Z");
    private final RecorderSuppressions suppressions =
            new RecorderSuppressions("stack-recorder", "stack-suppression-events");

    private static StatusImage notSuppressed() {
        return new StatusImage("a@example.com", false, null, null, null, null, null, null);
    }

    private static StatusImage suppressedBy(String reason, String operatorSource) {
        return new StatusImage(
                "a@example.com",
                true,
                reason,
                "sns-1",
                "2026-11-21T07:59:00.000Z",
                "2026-11-21T08:00:00.000Z",
                operatorSource,
                null);
    }

    private static StatusRecord record(
            StatusRecord.Kind kind, StatusImage before, StatusImage after) {
        return new StatusRecord("event-1", "111", kind, before, after, MADE_AT);
    }

    private String sourceOfAdded(String reason) {
        return suppressions
                .eventOf(record(StatusRecord.Kind.INSERT, null, suppressedBy(reason, null)))
                .orElseThrow()
                .source();
    }

    @Test
    void givenTheRecordersReasonThenTheSourceIsTheRuleThatSuppressed() {
        assertThat(sourceOfAdded("Permanent bounce (General): smtp; 550 5.1.1 user unknown"))
                .isEqualTo("bounce");
        assertThat(sourceOfAdded("Prevented send (OnAccountSuppressionList)")).isEqualTo("bounce");
        assertThat(sourceOfAdded("Complaint (abuse)")).isEqualTo("complaint");
        assertThat(sourceOfAdded("Transient bounces (5 in a row, no delivery between)"))
                .isEqualTo("soft-bounce");
    }

    @Test
    void givenAFirstSuppressionThenTheEventIsAddedByTheRecorderAtItsWriteWithTheRecordsId() {
        SuppressionEvent event =
                suppressions
                        .eventOf(
                                record(
                                        StatusRecord.Kind.MODIFY,
                                        notSuppressed(),
                                        suppressedBy("Complaint (abuse)", null)))
                        .orElseThrow();

        assertThat(event.change()).isEqualTo(SuppressionEvent.Change.ADDED);
        assertThat(event.changeId()).isEqualTo("event-1");
        assertThat(event.sequenceNumber()).isEqualTo("111");
        assertThat(event.actor()).isEqualTo("stack-recorder");
        assertThat(event.at()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(event.detail())
                .isEqualTo(
                        "{\"version\":\"1\",\"changeId\":\"event-1\",\"change\":\"added\","
                                + "\"address\":\"a@example.com\",\"reason\":\"Complaint (abuse)\","
                                + "\"source\":\"complaint\",\"actor\":\"stack-recorder\","
                                + "\"at\":\"2026-11-21T08:00:00.000Z\"}");
    }

    @Test
    void givenAnAddressSuppressedAlreadyOrByAnOperatorThenNothingIsPublished() {
        StatusImage recorders = suppressedBy("Complaint (abuse)", null);
        assertThat(suppressions.eventOf(record(StatusRecord.Kind.MODIFY, recorders, recorders)))
                .isEmpty();
        assertThat(
                        suppressions.eventOf(
                                record(
                                        StatusRecord.Kind.MODIFY,
                                        notSuppressed(),
                                        suppressedBy("asked us to stop", "manual"))))
                .isEmpty();
        assertThat(
                        suppressions.eventOf(
                                record(
                                        StatusRecord.Kind.INSERT,
                                        null,
                                        suppressedBy("Imported from SES", "import"))))
                .isEmpty();
    }

    @Test
    void givenAnUnsuppressThenNothingIsPublishedTheCommandPublishedIt() {
        assertThat(
                        suppressions.eventOf(
                                record(
                                        StatusRecord.Kind.MODIFY,
                                        suppressedBy("Complaint (abuse)", null),
                                        notSuppressed())))
                .isEmpty();
    }

    @Test
    void givenASuppressedStatusItemDeletedThenItIsRemovedWithItsSourceByThePublisher() {
        SuppressionEvent removed =
                suppressions
                        .eventOf(
                                record(
                                        StatusRecord.Kind.REMOVE,
                                        suppressedBy("asked us to stop", "manual"),
                                        null))
                        .orElseThrow();

        assertThat(removed.change()).isEqualTo(SuppressionEvent.Change.REMOVED);
        assertThat(removed.source()).isEqualTo("manual");
        assertThat(removed.actor()).isEqualTo("stack-suppression-events");
        assertThat(removed.at()).isEqualTo(MADE_AT);
        assertThat(suppressions.eventOf(record(StatusRecord.Kind.REMOVE, notSuppressed(), null)))
                .isEmpty();
    }
}
