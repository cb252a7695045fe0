package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.Faults;
import io.sesfeedback.support.WireTable;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * A message that moves no counter (here a delivery) is one conditional put per recipient, keyed by
 * the event's identity, and the message item: no claim, no transaction. It still counts once across
 * both formats, redeliveries, retries and containers racing.
 */
@Tag("moto")
class CountedOnceWithoutClaimsTest {

    private static final List<String> DELIVERED =
            List.of("ann@example.com", "bob@example.net", "cid@example.org");
    private static MotoDynamoDb server;

    @BeforeAll
    static void useTheSharedServer() {
        server = MotoDynamoDb.shared();
    }

    private static SnsMessage threeRecipientDelivery() {
        return EventFiles.republished(
                "event-delivery.json",
                "\"recipients\":[\"subscriber@example.com\"]",
                "\"recipients\":[\"cid@example.org\",\"ann@example.com\",\"bob@example.net\"]");
    }

    private static List<Map<String, AttributeValue>> events(WireTable table, String address) {
        return table.queries().history(address);
    }

    @Test
    void deliveryWritesOnePutPerRecipientAndTheMessageItemWithoutClaimOrTransaction() {
        WireTable table = new WireTable(server);
        Faults calls = new Faults();

        table.recorder(new CollectingLog(), calls).record(threeRecipientDelivery());

        assertThat(calls.calls("PutItem")).isEqualTo(4);
        assertThat(calls.calls("TransactWriteItems")).isZero();
        assertThat(table.allItems())
                .extracting(item -> item.get("sk").s())
                .noneMatch(sk -> sk.startsWith("FEEDBACK#"));
        for (String address : DELIVERED) {
            assertThat(events(table, address))
                    .as(address)
                    .singleElement()
                    .satisfies(
                            event ->
                                    assertThat(event.get("messageType").s()).isEqualTo("Delivery"));
        }
    }

    @Test
    void deliveryInBothFormatsKeepsOneEventPerRecipientAndMarksTheSecondCopy() {
        WireTable table = new WireTable(server);
        SnsMessage first = threeRecipientDelivery();
        SnsMessage copy = EventFiles.inOtherFormat(first);

        table.recorder(new CollectingLog()).record(first);
        FeedbackRecorder.Outcome second = table.recorder(new CollectingLog()).record(copy);

        for (String address : DELIVERED) {
            assertThat(events(table, address))
                    .as(address)
                    .singleElement()
                    .satisfies(
                            event ->
                                    assertThat(event.get("snsMessageId").s())
                                            .isEqualTo(first.messageId()));
        }
        assertThat(second.duplicateOf()).isEqualTo(first.messageId());
        assertThat(second.redelivered()).isFalse();
        Map<String, AttributeValue> copyItem =
                table.queries().message(copy.messageId()).orElseThrow();
        assertThat(copyItem.get("duplicateOf").s()).isEqualTo(first.messageId());
        assertThat(copyItem.get("duplicateRecipients").n()).isEqualTo("3");
        assertThat(table.queries().message(first.messageId()).orElseThrow())
                .doesNotContainKey("duplicateOf");
    }

    @Test
    void redeliveryOfEitherCopyChangesNoItem() {
        WireTable table = new WireTable(server);
        SnsMessage first = threeRecipientDelivery();
        SnsMessage copy = EventFiles.inOtherFormat(first);
        table.recorder(new CollectingLog()).record(first);
        table.recorder(new CollectingLog()).record(copy);
        List<Map<String, AttributeValue>> items = table.allItems();

        FeedbackRecorder.Outcome again = table.recorder(new CollectingLog()).record(copy);
        FeedbackRecorder.Outcome firstAgain = table.recorder(new CollectingLog()).record(first);

        assertThat(again.redelivered()).isTrue();
        assertThat(firstAgain.redelivered()).isTrue();
        assertThat(firstAgain.duplicateOf()).isNull();
        assertThat(table.allItems()).isEqualTo(items);
    }

    @Test
    void retryAfterAFailureBetweenPutsFinishesToTheItemsOfACleanRun() {
        WireTable clean = new WireTable(server);
        SnsMessage delivery = threeRecipientDelivery();
        clean.recorder(new CollectingLog()).record(delivery);
        WireTable table = new WireTable(server);
        FeedbackRecorder throttledOnItsThirdPut =
                table.recorder(
                        new CollectingLog(),
                        new Faults().failBefore("PutItem", 3, Faults.throttled()));

        assertThatThrownBy(() -> throttledOnItsThirdPut.record(delivery))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        FeedbackRecorder.Outcome retry = throttledOnItsThirdPut.record(delivery);

        assertThat(retry.redelivered()).as("the first attempt wrote no message item").isFalse();
        assertThat(retry.duplicateOf()).isNull();
        assertThat(table.allItems()).isEqualTo(clean.allItems());
    }

    @Test
    void aFailedEventPutTakesTheMessageItemBackSoTheRetryRecordsTheMessageAsNew() {
        // given a delivery whose first event put fails while its message item is written
        WireTable clean = new WireTable(server);
        SnsMessage delivery = threeRecipientDelivery();
        clean.recorder(new CollectingLog()).record(delivery);
        WireTable table = new WireTable(server);
        FeedbackRecorder failingOnce =
                table.recorder(
                        new CollectingLog(),
                        new Faults().failEventPutBefore(1, Faults.failure("connection reset")));

        // when it fails, and Lambda retries it
        assertThatThrownBy(() -> failingOnce.record(delivery))
                .hasMessageContaining("connection reset");
        assertThat(table.queries().message(delivery.messageId()))
                .as("the message item, taken back")
                .isEmpty();
        FeedbackRecorder.Outcome retry = failingOnce.record(delivery);

        // then the retry is the message's first recording, and the table is a clean run's
        assertThat(retry.redelivered()).isFalse();
        assertThat(table.allItems()).isEqualTo(clean.allItems());
    }

    @RepeatedTest(3)
    void
            eightContainersRecordingBothFormatsOfOneDeliveryAtOnceKeepOneEventPerRecipientAndMarkOneCopy()
                    throws Exception {
        WireTable table = new WireTable(server);
        SnsMessage first = threeRecipientDelivery();
        SnsMessage copy = EventFiles.inOtherFormat(first);
        List<SnsMessage> copies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            copies.add(first);
            copies.add(copy);
        }

        List<FeedbackRecorder.Outcome> outcomes = table.recordAtOnce(copies, CollectingLog::new, 1);

        List<String> owners = new ArrayList<>();
        for (String address : DELIVERED) {
            assertThat(events(table, address)).as(address).hasSize(1);
            owners.add(events(table, address).get(0).get("snsMessageId").s());
        }
        assertThat(outcomes).filteredOn(o -> !o.redelivered()).hasSize(2);
        // which copy wrote a later address depends on the race; the copy that wrote the first holds
        // the event
        assertThat(
                        List.of(
                                table.queries().message(first.messageId()).orElseThrow(),
                                table.queries().message(copy.messageId()).orElseThrow()))
                .filteredOn(item -> item.containsKey("duplicateOf"))
                .singleElement()
                .satisfies(
                        item -> {
                            assertThat(item.get("duplicateOf").s()).isEqualTo(owners.get(0));
                            assertThat(item.get("duplicateRecipients").n())
                                    .isEqualTo(
                                            Long.toString(
                                                    owners.stream()
                                                            .filter(owners.get(0)::equals)
                                                            .count()));
                        });
    }
}
