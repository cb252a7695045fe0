package io.sesfeedback.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.EventFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tenant SES names in {@code mail.tags["ses:tenant-name"]}, and bounces SES never tried to
 * deliver (the address on the account's or the tenant's suppression list) told apart from bounces.
 */
class TenantAndPreventedSendTest {

    private final NotificationParser parser = new NotificationParser();

    @Test
    void givenAConfigurationSetBounceTaggedWithATenantWhenParsedThenItsFirstValueIsTheTenant() {
        FeedbackMessage message =
                parser.parse(
                        EventFiles.republished(
                                "event-bounce.json",
                                "\"campaign\":[\"welcome\"]",
                                "\"campaign\":[\"welcome\"],\"ses:tenant-name\":[\"acme\",\"other\"]"));

        assertThat(message.tenant()).isEqualTo("acme");
        assertThat(message.prevented()).isFalse();
    }

    @Test
    void givenTheSameBounceFromEventBridgeWhenParsedThenTheDetailNamesTheTenant() {
        SnsMessage published = EventFiles.message("tenant-bounce-on-account-suppression-list.json");

        FeedbackMessage message = parser.parse(EventFiles.inEventBridge(published));

        assertThat(message.format()).isEqualTo(FeedbackMessage.Format.SES_EVENT);
        assertThat(message.tenant()).isEqualTo("acme");
    }

    @Test
    void givenAnIdentityNotificationWhenParsedThenItNamesNoTenant() {
        // identity notifications carry no mail.tags: the tenant is not known from them
        SnsMessage notification =
                EventFiles.inOtherFormat(
                        EventFiles.message("tenant-bounce-on-account-suppression-list.json"));

        FeedbackMessage message = parser.parse(notification);

        assertThat(message.format()).isEqualTo(FeedbackMessage.Format.SES_NOTIFICATION);
        assertThat(message.tenant()).isNull();
        assertThat(message.prevented()).isTrue();
    }

    @Test
    void givenATenantNameLongerThanATextFieldWhenParsedThenItIsCutLikeTheOthers() {
        String longName = "t".repeat(TextFields.MAX_LENGTH + 5);
        FeedbackMessage message =
                parser.parse(
                        EventFiles.republished(
                                "tenant-bounce-on-account-suppression-list.json",
                                "\"ses:tenant-name\":[\"acme\"]",
                                "\"ses:tenant-name\":[\"" + longName + "\"]"));

        assertThat(message.tenant()).hasSize(TextFields.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tenant-bounce-on-account-suppression-list.json",
                "tenant-bounce-on-tenant-suppression-list.json"
            })
    void givenABounceOnASuppressionListWhenParsedThenItIsAPreventedSendCountedApart(String file) {
        FeedbackMessage message = parser.parse(EventFiles.message(file));

        assertThat(message.prevented()).isTrue();
        StatusChange change = message.statusChangeFor(message.recipients().get(0)).orElseThrow();
        assertThat(change.counter()).isEqualTo(StatusChange.Counter.PREVENTED_SENDS);
        assertThat(change.suppressionReason()).startsWith("Prevented send (On");
    }

    @Test
    void givenABounceOnSesGlobalListWhenParsedThenItIsAPermanentBounceAsSesCountsIt() {
        FeedbackMessage message =
                parser.parse(
                        EventFiles.republished(
                                "tenant-bounce-on-account-suppression-list.json",
                                "OnAccountSuppressionList",
                                "Suppressed"));

        assertThat(message.prevented()).isFalse();
        assertThat(message.statusChangeFor(message.recipients().get(0)).orElseThrow().counter())
                .isEqualTo(StatusChange.Counter.PERMANENT_BOUNCES);
    }

    @Test
    void givenAComplaintOnTheAccountListWhenParsedThenItIsAPreventedSendNotAComplaint() {
        FeedbackMessage message =
                parser.parse(
                        EventFiles.republished(
                                "event-complaint.json",
                                "\"complaintSubType\":null",
                                "\"complaintSubType\":\"OnAccountSuppressionList\""));

        assertThat(message.prevented()).isTrue();
        StatusChange change = message.statusChangeFor(message.recipients().get(0)).orElseThrow();
        assertThat(change.counter()).isEqualTo(StatusChange.Counter.PREVENTED_SENDS);
        assertThat(change.suppressionReason())
                .isEqualTo("Prevented send (OnAccountSuppressionList)");
    }

    @Test
    void givenAComplaintWithoutSubTypeWhenParsedThenItIsAComplaint() {
        FeedbackMessage message = parser.parse(EventFiles.message("event-complaint.json"));

        assertThat(message.prevented()).isFalse();
        assertThat(message.statusChangeFor(message.recipients().get(0)).orElseThrow().counter())
                .isEqualTo(StatusChange.Counter.COMPLAINTS);
    }
}
