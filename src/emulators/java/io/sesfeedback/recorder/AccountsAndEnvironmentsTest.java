package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.LambdaEvents;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A hub's recorder (MEMBER_ENVIRONMENTS lists its members; its own account is the one Lambda
 * invokes it in) records each message and recipient event with the account, region and environment
 * it comes from; an address's status is the organisation's, whichever member's mail bounced.
 */
@Tag("moto")
class AccountsAndEnvironmentsTest {

    private static final String HUB = "999999999999";
    private static final String PROD = "111111111111";
    private static final String STG = "222222222222";
    private static final AccountEnvironments MEMBERS =
            AccountEnvironments.parse(PROD + "=prod," + STG + "=stg", "dev");

    /** The hub's invocation: Lambda's context names the function's ARN, in the hub's account. */
    private static LocalContext inTheHub() {
        return new LocalContext(
                UUID.randomUUID().toString(),
                "ses-feedback-hub-recorder",
                "local",
                "arn:aws:lambda:eu-west-1:" + HUB + ":function:ses-feedback-hub-recorder:live",
                30_000,
                512);
    }

    /**
     * The permanent bounce of ses-bounce-permanent.json as a member's configuration set puts it on
     * its bus and its forwarding rule delivers it to the hub: its own account and region, and its
     * own SES ids (members share nothing but the addresses they mail).
     */
    @SuppressWarnings("unchecked")
    private static String bounceFrom(String account, String region) {
        Map<String, Object> event =
                Json.readObject(
                        EventFiles.eventBridgeEvent(
                                EventFiles.message("ses-bounce-permanent.json")));
        event.put("account", account);
        event.put("region", region);
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        ((Map<String, Object>) detail.get("bounce")).put("feedbackId", "feedback-" + account);
        ((Map<String, Object>) detail.get("mail")).put("messageId", "mail-" + account);
        return Json.write(event);
    }

    /** The hub's handler: its recorder knows the members' environments. */
    private static FeedbackHandler hub(RecorderFixture fixture) {
        return new FeedbackHandler(
                fixture.recorder(MEMBERS), RecorderFixture.METRICS_NAMESPACE, line -> {});
    }

    private static InputStream lambdaEvent(String eventBridgeEvent) {
        return new ByteArrayInputStream(eventBridgeEvent.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map<String, AttributeValue>> ofKind(
            List<Map<String, AttributeValue>> items, String prefix) {
        return items.stream()
                .filter(item -> item.get(FeedbackTable.PK).s().startsWith(prefix))
                .filter(
                        item ->
                                !item.get(FeedbackTable.SK)
                                        .s()
                                        .equals(FeedbackTable.STATUS_SORT_KEY))
                .toList();
    }

    private static Map<String, String> origin(Map<String, AttributeValue> item) {
        Map<String, String> origin = new java.util.TreeMap<>();
        for (String name :
                List.of(FeedbackTable.ACCOUNT, FeedbackTable.REGION, FeedbackTable.ENVIRONMENT)) {
            if (item.containsKey(name)) {
                origin.put(name, item.get(name).s());
            }
        }
        return origin;
    }

    @Test
    void twoMembersBouncesOfOneAddressCountTwiceOnItsOneStatusEachEventNamingItsMember() {
        try (RecorderFixture fixture = new RecorderFixture()) {
            FeedbackHandler handler = hub(fixture);

            // given a bounce from the prod member, then one from the stg member, of the same
            // addresses
            handler.handleRequest(
                    lambdaEvent(bounceFrom(PROD, "eu-west-1")),
                    OutputStream.nullOutputStream(),
                    inTheHub());
            handler.handleRequest(
                    lambdaEvent(bounceFrom(STG, "us-east-1")),
                    OutputStream.nullOutputStream(),
                    inTheHub());

            // then each address's status, the organisation's, counts both and was suppressed by
            // the first
            Map<String, AttributeValue> status =
                    fixture.queries().status("jane.doe@example.com").orElseThrow();
            assertThat(status.get("permanentBounces").n()).isEqualTo("2");
            assertThat(status.get("suppressed").bool()).isTrue();
            assertThat(origin(status)).as("a status is no one member's").isEmpty();
            // and each event and message names its member
            List<Map<String, String>> events =
                    fixture.queries().history("jane.doe@example.com").stream()
                            .map(AccountsAndEnvironmentsTest::origin)
                            .toList();
            assertThat(events)
                    .containsExactlyInAnyOrder(
                            Map.of("account", PROD, "region", "eu-west-1", "environment", "prod"),
                            Map.of("account", STG, "region", "us-east-1", "environment", "stg"));
            List<Map<String, AttributeValue>> items = fixture.allItems();
            assertThat(ofKind(items, FeedbackTable.MESSAGE_PREFIX))
                    .extracting(AccountsAndEnvironmentsTest::origin)
                    .containsExactlyInAnyOrder(
                            Map.of("account", PROD, "region", "eu-west-1", "environment", "prod"),
                            Map.of("account", STG, "region", "us-east-1", "environment", "stg"));
            assertThat(ofKind(items, FeedbackTable.RECIPIENT_PREFIX))
                    .hasSize(6)
                    .allSatisfy(item -> assertThat(origin(item)).hasSize(3));
            // and so does each log line
            assertThat(fixture.logLines())
                    .hasSize(2)
                    .anySatisfy(
                            line ->
                                    assertThat(Json.readObject(line))
                                            .containsEntry("account", PROD)
                                            .containsEntry("environment", "prod"))
                    .anySatisfy(
                            line ->
                                    assertThat(Json.readObject(line))
                                            .containsEntry("account", STG)
                                            .containsEntry("environment", "stg"));
        }
    }

    @Test
    void theHubsOwnNotificationIsOfItsOwnEnvironmentAndAnUnlistedAccountsOfNone() {
        try (RecorderFixture fixture = new RecorderFixture()) {
            FeedbackHandler handler = hub(fixture);
            SnsMessage own =
                    EventFiles.republished(
                            "alarm-bounce-rate.json", "ses-feedback-dev", "ses-feedback-hub");
            SnsMessage ownTopic =
                    new SnsMessage(
                            own.messageId(),
                            "arn:aws:sns:eu-west-1:" + HUB + ":ses-feedback-hub-feedback",
                            own.subject(),
                            own.publishedAt(),
                            own.body());
            String unlisted = bounceFrom("333333333333", "eu-west-2");

            // when the hub's own alarm comes through its topic, and a bounce from an account
            // MEMBER_ENVIRONMENTS does not list through its bus
            handler.handleRequest(
                    LambdaEvents.sns(ownTopic), OutputStream.nullOutputStream(), inTheHub());
            handler.handleRequest(
                    lambdaEvent(unlisted), OutputStream.nullOutputStream(), inTheHub());

            // then the alarm is the hub's own environment's, the bounce of none
            assertThat(origin(fixture.queries().message(ownTopic.messageId()).orElseThrow()))
                    .isEqualTo(Map.of("account", HUB, "region", "eu-west-1", "environment", "dev"));
            String bounceId = (String) Json.readObject(unlisted).get("id");
            assertThat(origin(fixture.queries().message(bounceId).orElseThrow()))
                    .isEqualTo(Map.of("account", "333333333333", "region", "eu-west-2"));
        }
    }

    @Test
    void aStandaloneStackNamesItsOwnAccountRegionAndEnvironment() {
        try (RecorderFixture fixture = new RecorderFixture()) {
            List<String> lines = new ArrayList<>();
            FeedbackHandler handler =
                    new FeedbackHandler(
                            fixture.recorder(AccountEnvironments.parse("", "dev")),
                            RecorderFixture.METRICS_NAMESPACE,
                            lines::add);
            SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");

            handler.handleRequest(
                    LambdaEvents.sns(bounce),
                    OutputStream.nullOutputStream(),
                    new LocalContext(
                            UUID.randomUUID().toString(),
                            "ses-feedback-dev-recorder",
                            "local",
                            "arn:aws:lambda:eu-west-1:123456789012:function:ses-feedback-dev-recorder:live",
                            30_000,
                            512));

            assertThat(fixture.allItems())
                    .filteredOn(item -> !item.get(FeedbackTable.SK).s().equals("STATUS"))
                    .hasSize(4)
                    .allSatisfy(
                            item ->
                                    assertThat(origin(item))
                                            .isEqualTo(
                                                    Map.of(
                                                            "account",
                                                            "123456789012",
                                                            "region",
                                                            "eu-west-1",
                                                            "environment",
                                                            "dev")));
        }
    }
}
