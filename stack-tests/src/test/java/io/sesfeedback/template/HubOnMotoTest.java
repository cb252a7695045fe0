package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The hub's cross-account path on moto's EventBridge (5.2.1), as far as moto goes: the hub's bus
 * with the organisation's statement (PutPermission with its condition, stored and read back), the
 * hub's two rules on it, and a member account's forwarding rule whose target is that bus; SES's,
 * the account watcher's and CloudWatch's samples put on the member's default bus reach the hub's
 * rules' targets (SQS queues here: moto invokes no Lambda function or SNS topic from PutEvents).
 * Patterns, targets and the statement come from template.yaml, resolved for the stacks' names.
 *
 * <p>What only AWS shows, and this cannot: moto never evaluates the bus policy (an account outside
 * the organisation would be delivered too), ignores the target's RoleArn, never retries nor writes
 * to the dead-letter queue (it stores RetryPolicy and DeadLetterConfig and returns them), and
 * re-puts a forwarded event in the hub's account, so its envelope loses the member's account,
 * region and time, which EventBridge keeps (eb-cross-account.html). Those need two real accounts of
 * one organisation: docs/deploy.md's check after deploy.
 */
@Tag("moto")
class HubOnMotoTest {

    private static final String HUB = MotoServer.ACCOUNT;
    private static final String MEMBER = "111111111111";
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final String MEMBER_STACK = "ses-feedback-dev";
    private static final String HUB_STACK = "ses-feedback-hub";
    private static final String REGION = MotoServer.REGION.id();
    private static final String HUB_BUS = HUB_STACK + "-hub";
    private static final String HUB_BUS_ARN =
            "arn:aws:events:" + REGION + ":" + HUB + ":event-bus/" + HUB_BUS;
    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("template.yaml"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static EventBridgeClient hubEvents;
    private static EventBridgeClient memberEvents;
    private static SqsClient hubSqs;
    private static SqsClient memberSqs;
    private static String recorderQueue;
    private static String topicQueue;
    private static String undeliveredQueueArn;
    private static final List<Integer> FAILED_ENTRIES = new ArrayList<>();

    @BeforeAll
    static void deployTheHubAndAMemberAndPutTheSamplesOnTheMembersBus() throws Exception {
        moto = MotoServer.start();
        hubEvents = moto.client(EventBridgeClient.builder());
        hubSqs = moto.client(SqsClient.builder());
        memberEvents = moto.client(EventBridgeClient.builder(), new ActingAs(MEMBER));
        memberSqs = moto.client(SqsClient.builder(), new ActingAs(MEMBER));
        Intrinsics hub =
                new Intrinsics(
                        TEMPLATE,
                        HUB_STACK,
                        REGION,
                        Map.of(
                                "Environment",
                                "prod",
                                "Mode",
                                "Hub",
                                "OrganizationId",
                                ORGANIZATION));
        Intrinsics member =
                new Intrinsics(
                        TEMPLATE,
                        MEMBER_STACK,
                        REGION,
                        Map.of(
                                "Environment",
                                "dev",
                                "Mode",
                                "Member",
                                "HubEventBusArn",
                                HUB_BUS_ARN));

        hubEvents.createEventBus(request -> request.name(HUB_BUS));
        Map<?, ?> statement =
                (Map<?, ?>) hub.property("HubEventBusPolicy", "Statement").orElseThrow();
        Map<?, ?> orgCondition =
                (Map<?, ?>) ((Map<?, ?>) statement.get("Condition")).get("StringEquals");
        hubEvents.putPermission(
                request ->
                        request.eventBusName(HUB_BUS)
                                .statementId(
                                        (String)
                                                hub.property("HubEventBusPolicy", "StatementId")
                                                        .orElseThrow())
                                .action((String) statement.get("Action"))
                                .principal((String) statement.get("Principal"))
                                .condition(
                                        condition ->
                                                condition
                                                        .type("StringEquals")
                                                        .key("aws:PrincipalOrgID")
                                                        .value(
                                                                (String)
                                                                        orgCondition.get(
                                                                                "aws:PrincipalOrgID"))));
        recorderQueue = queue(hubSqs, "recorder");
        topicQueue = queue(hubSqs, "feedback-topic");
        putRule(
                hubEvents,
                hub,
                "HubFeedbackRule",
                HUB_BUS,
                target("recorder", arn(hubSqs, recorderQueue)));
        putRule(
                hubEvents,
                hub,
                "HubAlertsRule",
                HUB_BUS,
                target("feedback-topic", arn(hubSqs, topicQueue)));

        undeliveredQueueArn =
                arn(memberSqs, queue(memberSqs, MEMBER_STACK + "-undelivered-events"));
        Map<?, ?> forwarding =
                (Map<?, ?>)
                        ((List<?>) member.property("HubForwardingRule", "Targets").orElseThrow())
                                .get(0);
        Map<?, ?> retry = (Map<?, ?>) forwarding.get("RetryPolicy");
        putRule(
                memberEvents,
                member,
                "HubForwardingRule",
                null,
                Target.builder()
                        .id((String) forwarding.get("Id"))
                        .arn((String) forwarding.get("Arn"))
                        .roleArn(
                                "arn:aws:iam::"
                                        + MEMBER
                                        + ":role/"
                                        + MEMBER_STACK
                                        + "-HubForwardingRole-ABC")
                        .retryPolicy(
                                policy ->
                                        policy.maximumEventAgeInSeconds(
                                                        ((Number)
                                                                        retry.get(
                                                                                "MaximumEventAgeInSeconds"))
                                                                .intValue())
                                                .maximumRetryAttempts(
                                                        ((Number) retry.get("MaximumRetryAttempts"))
                                                                .intValue()))
                        .deadLetterConfig(dlq -> dlq.arn(undeliveredQueueArn))
                        .build());

        for (JsonNode event :
                List.of(
                        sample("eventbridge-bounce.json"),
                        sample("eventbridge-sending-status-disabled.json"),
                        sample("eventbridge-account-status-changed.json"),
                        alarm(MEMBER_STACK + "-bounce-rate", "ALARM"),
                        alarm(MEMBER_STACK + "-account-watch-silent", "INSUFFICIENT_DATA"),
                        sample("eventbridge-alarm-state-change.json"),
                        sample("eventbridge-cloudtrail-api-call.json"))) {
            PutEventsResponse put =
                    memberEvents.putEvents(
                            request ->
                                    request.entries(
                                            PutEventsRequestEntry.builder()
                                                    .source(event.get("source").asText())
                                                    .detailType(event.get("detail-type").asText())
                                                    .detail(event.get("detail").toString())
                                                    .build()));
            FAILED_ENTRIES.add(put.failedEntryCount());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        hubEvents.close();
        memberEvents.close();
        hubSqs.close();
        memberSqs.close();
        moto.close();
    }

    /** Stored and read back; only AWS evaluates it. */
    @Test
    void givenTheHubsBusThenItsPolicyAdmitsThePrincipalsOfTheOrganisation() throws Exception {
        JsonNode policy =
                JSON.readTree(
                        hubEvents.describeEventBus(request -> request.name(HUB_BUS)).policy());

        assertThat(policy.get("Statement")).hasSize(1);
        JsonNode statement = policy.get("Statement").get(0);
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.get("Principal").toString()).contains("*");
        assertThat(statement.get("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(statement.get("Resource").asText()).isEqualTo(HUB_BUS_ARN);
        assertThat(
                        statement
                                .get("Condition")
                                .get("StringEquals")
                                .get("aws:PrincipalOrgID")
                                .asText())
                .isEqualTo(ORGANIZATION);
    }

    @Test
    void givenTheMembersRuleThenItsTargetIsTheHubsBusWithADayOfRetriesAndTheQueue() {
        List<Target> targets =
                memberEvents
                        .listTargetsByRule(
                                request -> request.rule(MEMBER_STACK + "-hub-forwarding"))
                        .targets();

        assertThat(targets)
                .singleElement()
                .satisfies(
                        target -> {
                            assertThat(target.arn()).isEqualTo(HUB_BUS_ARN);
                            assertThat(target.retryPolicy().maximumEventAgeInSeconds())
                                    .isEqualTo(86400);
                            assertThat(target.retryPolicy().maximumRetryAttempts()).isEqualTo(185);
                            assertThat(target.deadLetterConfig().arn())
                                    .isEqualTo(undeliveredQueueArn);
                        });
        assertThat(FAILED_ENTRIES).as("every sample put on the member's bus").containsOnly(0);
    }

    /**
     * SES's email and status events, the account watcher's message and the member stack's own
     * alarms cross to the hub, whole (source, detail type, detail); another stack's alarm and SES's
     * API calls stay in the member's account.
     */
    @Test
    void givenTheMembersEventsThenTheHubRecordsWhatTheMemberForwards() throws Exception {
        List<JsonNode> recorded = delivered(recorderQueue);

        assertThat(recorded)
                .extracting(event -> event.get("detail-type").asText())
                .containsExactlyInAnyOrder(
                        "Email Bounced",
                        "Sending Status Disabled",
                        "Account Status Changed",
                        "CloudWatch Alarm State Change",
                        "CloudWatch Alarm State Change");
        assertThat(recorded)
                .filteredOn(event -> event.get("source").asText().equals("aws.cloudwatch"))
                .extracting(event -> event.get("detail").get("alarmName").asText())
                .containsExactlyInAnyOrder(
                        MEMBER_STACK + "-bounce-rate", MEMBER_STACK + "-account-watch-silent");
        assertThat(recorded)
                .filteredOn(event -> event.get("source").asText().equals("ses-feedback"))
                .singleElement()
                .satisfies(
                        event ->
                                assertThat(event.get("detail"))
                                        .isEqualTo(
                                                sample("eventbridge-account-status-changed.json")
                                                        .get("detail")));
    }

    @Test
    void givenTheMembersEventsThenTheHubAlertsOnStatusWatchAndAlarmsInAlarmOrOk() throws Exception {
        assertThat(delivered(topicQueue))
                .extracting(
                        event ->
                                event.get("detail-type").asText()
                                        + (event.get("detail").has("alarmName")
                                                ? " "
                                                        + event.get("detail")
                                                                .get("alarmName")
                                                                .asText()
                                                : ""))
                .containsExactlyInAnyOrder(
                        "Sending Status Disabled",
                        "Account Status Changed",
                        "CloudWatch Alarm State Change " + MEMBER_STACK + "-bounce-rate");
    }

    private static void putRule(
            EventBridgeClient events, Intrinsics values, String rule, String bus, Target target)
            throws Exception {
        String name = (String) values.property(rule, "Name").orElseThrow();
        String pattern =
                JSON.writeValueAsString(values.property(rule, "EventPattern").orElseThrow());
        events.putRule(request -> request.name(name).eventBusName(bus).eventPattern(pattern));
        events.putTargets(request -> request.rule(name).eventBusName(bus).targets(target));
    }

    private static Target target(String id, String arn) {
        return Target.builder().id(id).arn(arn).build();
    }

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(request -> request.queueName(name)).queueUrl();
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(
                        request -> request.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
    }

    private static List<JsonNode> delivered(String url) throws Exception {
        return QueueBodies.drain(hubSqs, url);
    }

    private static JsonNode alarm(String name, String state) throws Exception {
        ObjectNode event = (ObjectNode) sample("eventbridge-alarm-state-change.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("alarmName", name);
        ((ObjectNode) detail.get("state")).put("value", state);
        return event;
    }

    private static JsonNode sample(String file) throws Exception {
        return JSON.readTree(Files.readString(Path.of("events", file)));
    }

    /** moto's account for a request: its x-moto-account-id header (moto/core/responses.py). */
    private record ActingAs(String account) implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(
                Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
            return context.httpRequest().toBuilder()
                    .putHeader("x-moto-account-id", account)
                    .build();
        }
    }
}
