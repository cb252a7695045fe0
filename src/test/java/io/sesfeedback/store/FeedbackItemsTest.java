package io.sesfeedback.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.LeftOut;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.support.EventFiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item fits DynamoDB's 400 KB by construction, whatever an SNS message of up to 256 KiB
 * holds.
 */
class FeedbackItemsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final int SNS_LIMIT = 256 * 1024;

    /** Text that gzip cannot shrink much: the worst case for the raw body. */
    private static String incompressible(int length) {
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String longAddress(int i) {
        return "%064d@%s.%s.%s.example"
                .formatted(i, "a".repeat(63), "b".repeat(63), "c".repeat(50));
    }

    @Test
    void messageItemOfAnIncompressibleBodyNamingThousandsOfLongAddressesStaysUnder400Kb() {
        FeedbackMessage parsed =
                new NotificationParser()
                        .parse(EventFiles.withBody(incompressible(SNS_LIMIT - 100)));
        List<Recipient> recipients =
                IntStream.range(0, 5000).mapToObj(i -> Recipient.of(longAddress(i))).toList();
        FeedbackMessage message = parsed.withRecipients(recipients);

        Map<String, AttributeValue> item =
                new FeedbackItems(message, NOW, NOW, true)
                        .message(null, 0, List.of(new LeftOut("x".repeat(5000), "y".repeat(5000))));

        assertThat(ItemSize.of(item)).isLessThanOrEqualTo(ItemSize.MAX_ITEM_BYTES);
        assertThat(item.get("recipientCount").n()).isEqualTo("5000");
        assertThat(item.get("recipients").l()).hasSizeLessThan(5000).isNotEmpty();
        assertThat(item.get("recipientsCapped").bool()).isTrue();
        assertThat(RawBody.of(item)).isEqualTo(message.sns().body());
    }

    @Test
    void messageItemThatFitsKeepsEveryRecipientAndNoCappedFlag() {
        FeedbackMessage message =
                new NotificationParser().parse(EventFiles.message("ses-bounce-permanent.json"));

        Map<String, AttributeValue> item =
                new FeedbackItems(message, NOW, NOW, true).message(null, 0, List.of());

        assertThat(item.get("recipients").l())
                .extracting(AttributeValue::s)
                .containsExactly(
                        "jane.doe@example.com",
                        "old.account@example.com",
                        "ghost.user@example.org");
        assertThat(item).doesNotContainKeys("recipientsCapped", "leftOut", "leftOutCount");
    }

    @Test
    void itemRecordedBeforeTheGzipStillGivesItsBody() {
        assertThat(RawBody.of(Map.of("raw", AttributeValue.fromS("{\"eventType\":\"Send\"}"))))
                .isEqualTo("{\"eventType\":\"Send\"}");
    }

    @Test
    void capNeverSplitsASurrogatePair() {
        String text =
                "a".repeat(io.sesfeedback.notification.TextFields.MAX_LENGTH - 1)
                        + "\uD83D\uDE00"
                        + "tail";

        String capped = io.sesfeedback.notification.TextFields.capped(text);

        assertThat(capped)
                .hasSize(io.sesfeedback.notification.TextFields.MAX_LENGTH - 1)
                .doesNotContain("\uD83D");
    }

    @Test
    void sizeEstimateCountsUtf8BytesOfNamesAndValues() {
        Map<String, AttributeValue> item =
                Map.of(
                        "é",
                        AttributeValue.fromS("ü€"),
                        "n",
                        AttributeValue.fromN("1"),
                        "l",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("ab"))));

        assertThat(ItemSize.of(item)).isEqualTo((2 + 5) + (1 + 21) + (1 + 3 + 1 + 2));
    }
}
