package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deliveries, sends, opens and clicks have their own retention; their raw bodies can be left out.
 */
@Tag("moto")
class RetentionByTypeTest {

    private static final Duration RECORDS = Duration.ofDays(400);
    private static final Duration DELIVERIES = Duration.ofDays(30);

    private final LocalFeedbackTable table =
            LocalFeedbackTable.inMemory(RecorderFixture.TEMPLATE, "retention-test");

    @AfterEach
    void stopTable() {
        table.close();
    }

    private FeedbackRecorder recorder(boolean deliveryBodies) {
        return new FeedbackRecorder(
                new NotificationParser(),
                new FeedbackStore(
                        table.client(),
                        table.tableName(),
                        new StorePolicy(RECORDS, DELIVERIES, deliveryBodies, 0),
                        Clock.fixed(RecorderFixture.NOW, ZoneOffset.UTC)),
                new CollectingLog());
    }

    private FeedbackQueries queries() {
        return new FeedbackQueries(table.client(), table.tableName());
    }

    private static long expiresAt(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("expiresAt").n());
    }

    @Test
    void deliveryItemsExpireAfterTheDeliveryRetentionAndBounceItemsAfterTheRecordRetention() {
        SnsMessage delivery = EventFiles.message("event-delivery.json");
        SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");

        recorder(true).record(delivery);
        recorder(true).record(bounce);

        long deliveryExpiry = RecorderFixture.NOW.plus(DELIVERIES).getEpochSecond();
        long recordExpiry = RecorderFixture.NOW.plus(RECORDS).getEpochSecond();
        assertThat(expiresAt(queries().message(delivery.messageId()).orElseThrow()))
                .isEqualTo(deliveryExpiry);
        assertThat(queries().history("subscriber@example.com"))
                .singleElement()
                .satisfies(event -> assertThat(expiresAt(event)).isEqualTo(deliveryExpiry));
        assertThat(expiresAt(queries().message(bounce.messageId()).orElseThrow()))
                .isEqualTo(recordExpiry);
        assertThat(queries().history("jane.doe@example.com"))
                .singleElement()
                .satisfies(event -> assertThat(expiresAt(event)).isEqualTo(recordExpiry));
        assertThat(queries().status("jane.doe@example.com").orElseThrow())
                .doesNotContainKey("expiresAt");
    }

    @Test
    void withoutDeliveryBodiesADeliveryKeepsItsParsedFieldsAndABounceItsBody() {
        SnsMessage delivery = EventFiles.message("event-delivery.json");
        SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");

        recorder(false).record(delivery);
        recorder(false).record(bounce);

        Map<String, AttributeValue> deliveryItem =
                queries().message(delivery.messageId()).orElseThrow();
        assertThat(deliveryItem)
                .doesNotContainKey(RawBody.ATTRIBUTE)
                .containsKeys("smtpResponse", "sesMessageId", "recipients", "rawBytes");
        assertThat(deliveryItem.get("recipients").l())
                .extracting(AttributeValue::s)
                .isEqualTo(List.of("subscriber@example.com"));
        assertThat(RawBody.of(queries().message(bounce.messageId()).orElseThrow()))
                .isEqualTo(bounce.body());
    }
}
