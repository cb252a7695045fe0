package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tenant recorded on the items of a message that names one, in each format that carries it; and
 * a bounce SES never tried to deliver (on the account's or the tenant's suppression list) counted
 * apart from bounces, once across the three formats.
 */
@Tag("moto")
class TenantsAndPreventedSendsTest {

    private static final String ADDRESS = "nobody@example.net";

    @Test
    void givenATenantTaggedBounceWhenRecordedFromTheTopicAndFromEventBridgeThenEveryItemNamesIt() {
        SnsMessage published =
                EventFiles.republished(
                        "event-bounce.json",
                        "\"campaign\":[\"welcome\"]",
                        "\"campaign\":[\"welcome\"],\"ses:tenant-name\":[\"acme\"]");
        // the EventBridge sample's event, keyed by its id whichever way it comes
        SnsMessage fromEventBridge =
                EventFiles.republished(
                        "eventbridge-bounce.json",
                        "\"ses:configuration-set\"",
                        "\"ses:tenant-name\":[\"globex\"],\"ses:configuration-set\"");
        String eventBridgeId = EventFiles.message("eventbridge-bounce.json").messageId();
        try (RecorderFixture fixture = new RecorderFixture()) {
            fixture.recorder().record(published);
            fixture.recorder().record(fromEventBridge);

            assertThat(fixture.queries().message(published.messageId()).orElseThrow())
                    .containsEntry("tenant", AttributeValue.fromS("acme"));
            assertThat(fixture.queries().message(eventBridgeId).orElseThrow())
                    .containsEntry("tenant", AttributeValue.fromS("globex"));
            assertThat(fixture.queries().history(ADDRESS))
                    .extracting(event -> event.get("tenant").s())
                    .containsExactlyInAnyOrder("acme", "globex");
            assertThat(fixture.logLines())
                    .anySatisfy(line -> assertThat(line).contains("\"tenant\":\"acme\""))
                    .anySatisfy(line -> assertThat(line).contains("\"tenant\":\"globex\""));
        }
    }

    @Test
    void givenAnIdentityNotificationWhenRecordedThenItsItemsNameNoTenant() {
        SnsMessage notification =
                EventFiles.inOtherFormat(
                        EventFiles.message("tenant-bounce-on-account-suppression-list.json"));
        try (RecorderFixture fixture = new RecorderFixture()) {
            fixture.recorder().record(notification);

            assertThat(fixture.queries().message(notification.messageId()).orElseThrow())
                    .doesNotContainKey("tenant");
            assertThat(fixture.queries().history(ADDRESS))
                    .singleElement()
                    .satisfies(event -> assertThat(event).doesNotContainKey("tenant"));
        }
    }

    @Test
    void givenAPreventedSendInTheThreeFormatsWhenRecordedThenItCountsOnceApartFromBounces() {
        SnsMessage published = EventFiles.message("tenant-bounce-on-account-suppression-list.json");
        List<SnsMessage> copies =
                List.of(
                        published,
                        EventFiles.inOtherFormat(published),
                        EventFiles.inEventBridge(published));
        try (RecorderFixture fixture = new RecorderFixture()) {
            copies.forEach(fixture.recorder()::record);
            // a redelivery of each changes nothing
            copies.forEach(fixture.recorder()::record);

            Map<String, AttributeValue> status = fixture.queries().status(ADDRESS).orElseThrow();
            assertThat(status.get("preventedSends").n()).isEqualTo("1");
            assertThat(status).doesNotContainKey("permanentBounces");
            assertThat(status.get("suppressed").bool()).isTrue();
            assertThat(status.get("suppressionReason").s())
                    .startsWith("Prevented send (OnAccountSuppressionList)");
            assertThat(fixture.queries().history(ADDRESS))
                    .singleElement()
                    .satisfies(
                            event -> {
                                assertThat(event.get("prevented").bool()).isTrue();
                                assertThat(event.get("tenant").s()).isEqualTo("acme");
                            });
            assertThat(copies)
                    .allSatisfy(
                            copy ->
                                    assertThat(
                                                    fixture.queries()
                                                            .message(copy.messageId())
                                                            .orElseThrow()
                                                            .get("prevented")
                                                            .bool())
                                            .isTrue());
        }
    }

    @Test
    void givenABounceOnTheTenantListAndALaterRealBounceThenEachHasItsOwnCounter() {
        try (RecorderFixture fixture = new RecorderFixture()) {
            fixture.recorder()
                    .record(EventFiles.message("tenant-bounce-on-tenant-suppression-list.json"));
            fixture.recorder().record(EventFiles.message("event-bounce.json"));

            Map<String, AttributeValue> status = fixture.queries().status(ADDRESS).orElseThrow();
            assertThat(status.get("preventedSends").n()).isEqualTo("1");
            assertThat(status.get("permanentBounces").n()).isEqualTo("1");
        }
    }
}
