package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.identities.CloudFormation.Put;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.Pacer;
import io.sesfeedback.testing.moto.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.NotificationType;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The custom-resource handler in-process on a moto server's SES and SSM, answering real
 * CloudFormation events. Its calls against the function's role:
 * IdentityNotificationsPermissionsTest.
 */
@Tag("moto")
class IdentityNotificationsOnMotoTest {

    private static final String TOPIC =
            "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback";
    private static final String OTHER_TOPIC = "arn:aws:sns:eu-west-1:123456789012:mail-team";

    /** PREVIOUS_SETTINGS_PATH as template.yaml sets it for stack ses-feedback-dev. */
    static final String PATH = "/ses-feedback/ses-feedback-dev/identity-notifications";

    private static MotoServer moto;
    private static SesClient ses;
    private static SsmClient ssm;
    private static SesClient handlerSes;
    private static SsmClient handlerSsm;
    private static CloudFormation cloudFormation;
    private static final List<String> log = new ArrayList<>();
    private static final List<String> answers = new ArrayList<>();
    private static IdentityNotificationsHandler handler;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        ses = moto.ses();
        ssm = moto.ssm();
        cloudFormation = new CloudFormation();
        handlerSes = moto.ses();
        handlerSsm = moto.ssm();
        handler =
                new IdentityNotificationsHandler(
                        new IdentityWiring(
                                new SesIdentities(
                                        handlerSes,
                                        "eu-west-1",
                                        new Pacer(Duration.ZERO, Pacer.Ticker.SYSTEM)),
                                new PreviousSettings(handlerSsm, PATH),
                                log::add),
                        new FunctionLog(answers::add, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() throws Exception {
        cloudFormation.close();
        ses.close();
        ssm.close();
        handlerSes.close();
        handlerSsm.close();
        moto.close();
    }

    @Test
    void createWiresBounceAndComplaintOfAVerifiedIdentityAndLeavesDeliveryAndForwardingAsTheyWere()
            throws Exception {
        String address = verifiedAddress();

        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(List.of(address), TOPIC, false, false)));

        assertThat(put.status()).isEqualTo("SUCCESS");
        assertThat(put.physicalResourceId())
                .isEqualTo(
                        "ses-identity-notifications-5b9f4c40-1f4b-11ef-8b5e-0a1b2c3d4e5f-IdentityNotifications");
        assertThat(lastAnswer()).containsEntry("wired", List.of(address));
        assertThat(settings(address)).isEqualTo(new NotificationSettings(TOPIC, TOPIC, null, true));
    }

    @Test
    void createWiresDeliveryTooAndTurnsEmailForwardingOffWhenAsked() throws Exception {
        String domain = verifiedDomain();

        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(List.of(domain), TOPIC, true, true)));

        assertThat(put.status()).isEqualTo("SUCCESS");
        assertThat(settings(domain))
                .isEqualTo(new NotificationSettings(TOPIC, TOPIC, TOPIC, false));
    }

    @Test
    void deleteRestoresTheSettingsEachIdentityHadBeforeCreate() throws Exception {
        String address = verifiedAddress();
        String domain = verifiedDomain();
        setTopic(address, NotificationType.BOUNCE, OTHER_TOPIC);
        setTopic(address, NotificationType.DELIVERY, OTHER_TOPIC);
        Map<String, Object> properties =
                CloudFormation.properties(List.of(address, domain), TOPIC, true, true);
        Put created = send(cloudFormation.create(properties));
        assertThat(settings(address))
                .isEqualTo(new NotificationSettings(TOPIC, TOPIC, TOPIC, false));

        Put deleted = send(cloudFormation.delete(created.physicalResourceId(), properties));

        assertThat(deleted.status()).isEqualTo("SUCCESS");
        assertThat(deleted.physicalResourceId()).isEqualTo(created.physicalResourceId());
        assertThat(settings(address))
                .isEqualTo(new NotificationSettings(OTHER_TOPIC, null, OTHER_TOPIC, true));
        assertThat(settings(domain)).isEqualTo(NotificationSettings.SES_DEFAULT);
        assertThat(ssm.getParametersByPath(r -> r.path(PATH)).parameters())
                .as("no record left behind for these identities")
                .noneMatch(p -> p.value().contains(OTHER_TOPIC));
    }

    @Test
    void updateWiresAddedIdentitiesAndRestoresRemovedOnesKeepingTheFirstRecordOfThoseThatStay()
            throws Exception {
        String kept = verifiedAddress();
        String removed = verifiedAddress();
        String added = verifiedDomain();
        setTopic(kept, NotificationType.COMPLAINT, OTHER_TOPIC);
        setTopic(removed, NotificationType.BOUNCE, OTHER_TOPIC);
        Map<String, Object> old =
                CloudFormation.properties(List.of(kept, removed), TOPIC, false, false);
        Put created = send(cloudFormation.create(old));

        Map<String, Object> properties =
                CloudFormation.properties(List.of(kept, added), TOPIC, true, false);
        Put updated = send(cloudFormation.update(created.physicalResourceId(), properties, old));

        assertThat(updated.status()).isEqualTo("SUCCESS");
        assertThat(updated.physicalResourceId())
                .as("the same id: no replacement, no cleanup Delete")
                .isEqualTo(created.physicalResourceId());
        assertThat(lastAnswer()).containsEntry("restored", List.of(removed));
        assertThat(settings(removed))
                .isEqualTo(new NotificationSettings(OTHER_TOPIC, null, null, true));
        assertThat(settings(kept)).isEqualTo(new NotificationSettings(TOPIC, TOPIC, TOPIC, true));
        assertThat(settings(added)).isEqualTo(new NotificationSettings(TOPIC, TOPIC, TOPIC, true));

        send(cloudFormation.delete(updated.physicalResourceId(), properties));

        assertThat(settings(kept))
                .as("what it had before the create, not before the update")
                .isEqualTo(new NotificationSettings(null, OTHER_TOPIC, null, true));
        assertThat(settings(added)).isEqualTo(NotificationSettings.SES_DEFAULT);
    }

    @Test
    void createFailsWithAReadableReasonForAnIdentityNotVerifiedHereAndChangesNothing()
            throws Exception {
        String verified = verifiedAddress();
        String unverified = "nobody-" + UUID.randomUUID() + "@example.net";

        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(
                                        List.of(verified, unverified), TOPIC, true, true)));

        assertThat(put.status()).isEqualTo("FAILED");
        assertThat(answers.get(answers.size() - 1))
                .as("ERROR counts in Lambda's JSON log format beside a timestamp")
                .matches(
                        "\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\",\"level\":\"ERROR\",.*")
                .contains(
                        "\"reason\":\"Cannot wire SES identities",
                        unverified + " is not an SES identity in eu-west-1");
        assertThat(put.reason())
                .contains(unverified + " is not an SES identity in eu-west-1")
                .contains(
                        "verify it in eu-west-1, or deploy this stack in the region where it is verified")
                .contains("Nothing was changed")
                .doesNotContain(verified);
        assertThat(settings(verified)).isEqualTo(NotificationSettings.SES_DEFAULT);

        Put rollback =
                send(
                        cloudFormation.delete(
                                put.physicalResourceId(),
                                CloudFormation.properties(
                                        List.of(verified, unverified), TOPIC, true, true)));

        assertThat(rollback.status()).as("the rollback's Delete").isEqualTo("SUCCESS");
        assertThat(settings(verified)).isEqualTo(NotificationSettings.SES_DEFAULT);
    }

    @Test
    void deleteReportsAnIdentityThatNoLongerExistsAndSucceeds() throws Exception {
        String gone = verifiedAddress();
        String staying = verifiedAddress();
        Map<String, Object> properties =
                CloudFormation.properties(List.of(gone, staying), TOPIC, false, true);
        Put created = send(cloudFormation.create(properties));
        ses.deleteIdentity(r -> r.identity(gone));

        Put deleted = send(cloudFormation.delete(created.physicalResourceId(), properties));

        assertThat(deleted.status()).isEqualTo("SUCCESS");
        assertThat(lastAnswer()).containsEntry("restored", List.of(staying));
        assertThat(settings(staying)).isEqualTo(NotificationSettings.SES_DEFAULT);
        assertThat(log).contains(gone + " is no longer an SES identity here: nothing to restore");
    }

    @Test
    void anEmptyIdentityListWiresNothingAndSucceeds() throws Exception {
        // an empty CommaDelimitedList parameter reaches the resource as one empty string
        Map<String, Object> properties =
                CloudFormation.properties(List.of(""), TOPIC, false, false);

        Put created = send(cloudFormation.create(properties));
        Map<String, Object> createdLine = lastAnswer();
        Put deleted = send(cloudFormation.delete(created.physicalResourceId(), properties));

        assertThat(created.status()).isEqualTo("SUCCESS");
        assertThat(createdLine).containsEntry("wired", List.of());
        assertThat(deleted.status()).isEqualTo("SUCCESS");
    }

    /**
     * CloudFormation takes at most 4,096 bytes from a custom resource: the identities go to the
     * log, not the answer.
     */
    @Test
    void theAnswerCarriesOnlyThePatternsTemplateReadsHoweverManyIdentitiesAreWired()
            throws Exception {
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // 114 characters each: their names alone would fill most of the answer
            String domain = "mail-" + UUID.randomUUID() + "." + "x".repeat(60) + ".example.org";
            ses.verifyDomainIdentity(r -> r.domain(domain));
            identities.add(domain);
        }

        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(
                                        identities, TOPIC, false, false, "reserved")));

        assertThat(put.status()).isEqualTo("SUCCESS");
        assertThat(put.body().path("Data").fieldNames())
                .toIterable()
                .containsExactly(Answer.BLOCKED_RECIPIENT_PATTERNS);
        assertThat(
                        put.body()
                                .path("Data")
                                .path(Answer.BLOCKED_RECIPIENT_PATTERNS)
                                .asText()
                                .split(","))
                .containsExactlyElementsOf(RecipientGuard.of("reserved").patterns());
        assertThat(put.bytes()).as("the whole response body").isLessThanOrEqualTo(Answer.MAX_BYTES);
        assertThat(lastAnswer()).containsEntry("wired", identities);
        assertThat(settings(identities.get(29)))
                .isEqualTo(new NotificationSettings(TOPIC, TOPIC, null, true));
    }

    @Test
    void aRetriedCreateKeepsTheSettingsRecordedTheFirstTime() throws Exception {
        String address = verifiedAddress();
        setTopic(address, NotificationType.BOUNCE, OTHER_TOPIC);
        Map<String, Object> properties =
                CloudFormation.properties(List.of(address), TOPIC, false, false);
        send(cloudFormation.create(properties));

        Put retried = send(cloudFormation.create(properties));
        send(cloudFormation.delete(retried.physicalResourceId(), properties));

        assertThat(settings(address))
                .isEqualTo(new NotificationSettings(OTHER_TOPIC, null, null, true));
    }

    private static Put send(
            com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent event)
            throws InterruptedException {
        handler.handleRequest(event, CloudFormation.context());
        Put put = cloudFormation.response();
        assertThat(put.body().path("RequestId").asText()).isEqualTo(event.getRequestId());
        assertThat(put.body().path("LogicalResourceId").asText())
                .isEqualTo(CloudFormation.LOGICAL_ID);
        return put;
    }

    /** The handler's last log line: what it answered, and the identities it wired or restored. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastAnswer() throws Exception {
        return new ObjectMapper().readValue(answers.get(answers.size() - 1), Map.class);
    }

    private static NotificationSettings settings(String identity) {
        return NotificationSettings.of(
                ses.getIdentityNotificationAttributes(r -> r.identities(identity))
                        .notificationAttributes()
                        .get(identity));
    }

    private static void setTopic(String identity, NotificationType type, String topic) {
        ses.setIdentityNotificationTopic(
                r -> r.identity(identity).notificationType(type).snsTopic(topic));
    }

    private static String verifiedAddress() {
        String address = "sender-" + UUID.randomUUID() + "@example.com";
        ses.verifyEmailIdentity(r -> r.emailAddress(address));
        return address;
    }

    private static String verifiedDomain() {
        String domain = "mail-" + UUID.randomUUID() + ".example.org";
        ses.verifyDomainIdentity(r -> r.domain(domain));
        return domain;
    }
}
