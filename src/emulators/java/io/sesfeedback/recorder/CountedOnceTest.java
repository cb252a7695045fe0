package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One SES feedback event counts once, whether it arrives again (redelivery) or in the other SES
 * format.
 */
@Tag("moto")
class CountedOnceTest {

    private static final List<String> BOUNCED =
            List.of("jane.doe@example.com", "old.account@example.com", "ghost.user@example.org");

    private RecorderFixture fixture;

    @BeforeEach
    void startTable() {
        fixture = new RecorderFixture();
    }

    @AfterEach
    void stopTable() {
        fixture.close();
    }

    private String counter(String address, String name) {
        AttributeValue value = fixture.queries().status(address).orElseThrow().get(name);
        return value == null ? null : value.n();
    }

    private Map<String, AttributeValue> messageItem(SnsMessage sns) {
        return fixture.queries().message(sns.messageId()).orElseThrow();
    }

    @Test
    void bounceInBothFormatsIsCountedOnceAndTheSecondCopyPointsToTheFirst() {
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        SnsMessage event = EventFiles.inOtherFormat(notification);

        fixture.recorder().record(notification);
        FeedbackRecorder.Outcome second = fixture.recorder().record(event);

        for (String address : BOUNCED) {
            assertThat(counter(address, "permanentBounces")).as(address).isEqualTo("1");
            assertThat(fixture.queries().history(address))
                    .as(address)
                    .singleElement()
                    .satisfies(
                            e ->
                                    assertThat(e.get("snsMessageId").s())
                                            .isEqualTo(notification.messageId()));
        }
        assertThat(second.duplicateOf()).isEqualTo(notification.messageId());
        assertThat(second.redelivered()).isFalse();
        Map<String, AttributeValue> copy = messageItem(event);
        assertThat(copy.get("duplicateOf").s()).isEqualTo(notification.messageId());
        assertThat(copy.get("duplicateRecipients").n()).isEqualTo("3");
        assertThat(copy.get("format").s()).isEqualTo("ses-event");
        assertThat(RawBody.of(copy)).isEqualTo(event.body());
        assertThat(messageItem(notification)).doesNotContainKey("duplicateOf");
        assertThat(fixture.logLines())
                .hasSize(2)
                .map(line -> Json.readObject(line).get("sesEvent"))
                .containsOnly("Bounce feedback " + messageItem(notification).get("feedbackId").s());
    }

    @Test
    void arrivalOrderDecidesOnlyWhichCopyCounts() {
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        SnsMessage event = EventFiles.inOtherFormat(notification);

        fixture.recorder().record(event);
        fixture.recorder().record(notification);

        for (String address : BOUNCED) {
            assertThat(counter(address, "permanentBounces")).as(address).isEqualTo("1");
            assertThat(fixture.queries().history(address))
                    .as(address)
                    .singleElement()
                    .satisfies(
                            e ->
                                    assertThat(e.get("snsMessageId").s())
                                            .isEqualTo(event.messageId()));
        }
        assertThat(messageItem(notification).get("duplicateOf").s()).isEqualTo(event.messageId());
    }

    @Test
    void redeliveryOfEitherCopyChangesNoItemAndRepeatsItsLine() {
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        SnsMessage event = EventFiles.inOtherFormat(notification);
        fixture.recorder().record(notification);
        fixture.recorder().record(event);
        List<Map<String, AttributeValue>> items = fixture.allItems();
        List<String> lines = List.copyOf(fixture.logLines());

        FeedbackRecorder.Outcome again = fixture.recorder().record(event);
        fixture.recorder().record(notification);

        assertThat(again.redelivered()).isTrue();
        assertThat(fixture.allItems()).isEqualTo(items);
        assertThat(fixture.logLines())
                .containsExactly(lines.get(0), lines.get(1), lines.get(1), lines.get(0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ses-complaint.json",
                "ses-delivery.json",
                "ses-bounce-transient.json",
                "event-complaint.json",
                "event-delivery.json",
                "event-bounce.json"
            })
    void everySesEventInBothFormatsLeavesTheSameItemsAsOneCopyPlusTheCopysMessageItem(String file) {
        SnsMessage original = EventFiles.message(file);
        fixture.recorder().record(original);
        List<Map<String, AttributeValue>> once = fixture.allItems();

        fixture.recorder().record(EventFiles.inOtherFormat(original));

        assertThat(fixture.allItems()).hasSize(once.size() + 1).containsAll(once);
    }

    @Test
    void anotherBounceOfTheSameAddressStillCounts() {
        SnsMessage first = EventFiles.message("ses-bounce-permanent.json");
        fixture.recorder().record(first);

        fixture.recorder()
                .record(
                        EventFiles.withBody(
                                first.body().replace("010201a1f873cdd9", "010201a1f873ffff")));

        assertThat(counter("jane.doe@example.com", "permanentBounces")).isEqualTo("2");
        assertThat(fixture.queries().history("jane.doe@example.com")).hasSize(2);
    }

    @Test
    void spellingsOfOneAddressShareOneKey() {
        SnsMessage first = EventFiles.message("ses-bounce-permanent.json");
        fixture.recorder().record(first);

        fixture.recorder()
                .record(
                        EventFiles.withBody(
                                first.body()
                                        .replace("010201a1f873cdd9", "010201a1f873ffff")
                                        .replace(
                                                "\"emailAddress\":\"Jane.Doe@Example.COM\"",
                                                "\"emailAddress\":\"\\\"Jane\\\" <JANE.DOE@example.com>\"")));

        assertThat(counter("jane.doe@example.com", "permanentBounces")).isEqualTo("2");
    }

    @Test
    void quotedLocalPartNamingAnotherAddressNeverTouchesThatAddress() {
        SnsMessage spoof =
                EventFiles.withBody(
                        """
                {"notificationType":"Bounce","mail":{"messageId":"m-spoof","timestamp":"2026-11-20T10:00:00Z"},
                 "bounce":{"feedbackId":"f-spoof","bounceType":"Permanent","bounceSubType":"General",
                           "bouncedRecipients":[{"emailAddress":"\\"x<victim@example.com>\\"@evil.example"}]}}""");

        fixture.recorder().record(spoof);

        assertThat(fixture.queries().status("victim@example.com")).isEmpty();
        assertThat(fixture.queries().status("\"x<victim@example.com>\"@evil.example")).isPresent();
    }
}
