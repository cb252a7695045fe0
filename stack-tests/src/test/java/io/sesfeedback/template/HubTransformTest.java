package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mode (Standalone, Member, Hub) as CloudFormation deploys it after the Serverless transform: which
 * resources each mode creates, the template's Rules that refuse a member without the hub's bus and
 * a hub without its organisation, the parameters' patterns, and how the forwarding rule and its
 * role, the hub's bus, its policy and rules, the queue's, topic's and key's policies, the alarms,
 * the functions' environments and the outputs are wired, every value resolved as CloudFormation
 * would (Intrinsics).
 */
@Tag("sam-translator")
class HubTransformTest {

    private static final String STACK = DevStack.NAME;
    private static final String REGION = DevStack.REGION;
    private static final String ACCOUNT = Intrinsics.ACCOUNT;
    private static final String HUB_BUS_ARN =
            "arn:aws:events:eu-west-1:210987654321:event-bus/ses-feedback-hub-hub";
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final String BUS = STACK + "-hub";
    private static final String FORWARDING_RULE_ARN =
            "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + STACK + "-hub-forwarding";
    private static final String FEEDBACK_RULE_ARN =
            "arn:aws:events:"
                    + REGION
                    + ":"
                    + ACCOUNT
                    + ":rule/"
                    + BUS
                    + "/"
                    + STACK
                    + "-hub-feedback";
    private static final String ALERTS_RULE_ARN =
            "arn:aws:events:"
                    + REGION
                    + ":"
                    + ACCOUNT
                    + ":rule/"
                    + BUS
                    + "/"
                    + STACK
                    + "-hub-alerts";
    private static final String STATUS_RULE_ARN =
            "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + STACK + "-ses-status-events";
    private static final String QUEUE_ARN =
            "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + STACK + "-undelivered-events";
    private static final String TOPIC_ARN =
            "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + STACK + "-feedback";
    private static final String ALIAS_ARN =
            "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + STACK + "-recorder:live";

    private static final Map<String, String> STANDALONE = Map.of();
    private static final Map<String, String> MEMBER =
            Map.of("Mode", "Member", "HubEventBusArn", HUB_BUS_ARN);
    private static final Map<String, String> HUB =
            Map.of(
                    "Mode",
                    "Hub",
                    "OrganizationId",
                    ORGANIZATION,
                    "MemberEnvironments",
                    "111111111111=prod,222222222222=stg");

    /** A member's resources. */
    private static final Set<String> MEMBER_SIDE =
            Set.of("HubForwardingRule", "HubForwardingRole", "HubForwardingFailedAlarm");

    /** A hub's resources. */
    private static final Set<String> HUB_SIDE =
            Set.of(
                    "HubEventBus",
                    "HubEventBusPolicy",
                    "HubFeedbackRule",
                    "RecorderInvokedByHubFeedbackRule",
                    "HubAlertsRule",
                    "HubEventsLostAlarm");

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("Standalone", STANDALONE, false, false),
                Arguments.of("Member", MEMBER, true, false),
                Arguments.of("Hub", HUB, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void givenAModeThenItCreatesItsSideOnlyAndSaysWhichItIs(
            String mode, Map<String, String> parameters, boolean member, boolean hub)
            throws Exception {
        CloudFormationTemplate template = translated(parameters);
        Intrinsics values = values(template, parameters);

        assertThat(MEMBER_SIDE)
                .allSatisfy(id -> assertThat(values.creates(id)).as(id).isEqualTo(member));
        assertThat(HUB_SIDE).allSatisfy(id -> assertThat(values.creates(id)).as(id).isEqualTo(hub));
        assertThat(values.resolve(output(template, "StackMode").get("Value"))).isEqualTo(mode);
        assertThat(
                        values.holds(
                                String.valueOf(
                                        output(template, "HubEventBusArn").get("Condition"))))
                .isEqualTo(hub);
        assertThat(template.parameterDefault("Mode")).isEqualTo("Standalone");
    }

    /** The queue, its policy and alarm follow any rule: a member's or hub's without the others. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void givenOnlyTheHubsRulesThenTheUndeliveredEventsQueueIsStillThere(
            String mode, Map<String, String> parameters, boolean member, boolean hub)
            throws Exception {
        Map<String, String> withoutStatusEvents = new HashMap<>(parameters);
        withoutStatusEvents.put("StatusEvents", "Disabled");
        Intrinsics values = values(translated(withoutStatusEvents), withoutStatusEvents);

        for (String id :
                List.of(
                        "UndeliveredEventsQueue",
                        "UndeliveredEventsQueuePolicy",
                        "UndeliveredEventsAlarm")) {
            assertThat(values.creates(id)).as(id).isEqualTo(member || hub);
        }
    }

    /**
     * The template's Rules (CloudFormation evaluates them before it creates anything; the
     * translator passes them through).
     */
    @ParameterizedTest
    @CsvSource({
        "Standalone, '', '', false",
        "Member, '', '', true",
        "Member, arn:aws:events:eu-west-1:210987654321:event-bus/hub, '', false",
        "Hub, '', '', true",
        "Hub, '', o-a1b2c3d4e5, false",
        "Hub, arn:aws:events:eu-west-1:210987654321:event-bus/hub, '', true"
    })
    void givenAMemberWithoutTheHubsBusOrAHubWithoutItsOrganisationThenTheDeployIsRefused(
            String mode, String busArn, String organization, boolean refused) throws Exception {
        CloudFormationTemplate template = translated(STANDALONE);
        Intrinsics values =
                values(
                        template,
                        Map.of(
                                "Mode",
                                mode,
                                "HubEventBusArn",
                                busArn,
                                "OrganizationId",
                                organization));

        boolean anyRefuses = false;
        for (String name : List.of("MemberNeedsTheHubsEventBus", "HubNeedsTheOrganization")) {
            Map<String, Object> rule =
                    CloudFormationTemplate.map(template.section("Rules").get(name), name);
            Map<String, Object> assertion =
                    CloudFormationTemplate.map(
                            ((List<?>) rule.get("Assertions")).get(0), "assertion");
            anyRefuses |=
                    (Boolean) values.resolve(rule.get("RuleCondition"))
                            && !(Boolean) values.resolve(assertion.get("Assert"));
        }

        assertThat(anyRefuses).isEqualTo(refused);
    }

    @ParameterizedTest
    @CsvSource({
        "HubEventBusArn, '', true",
        "HubEventBusArn, arn:aws:events:eu-west-1:210987654321:event-bus/ses-feedback-hub-hub, true",
        "HubEventBusArn, arn:aws-cn:events:cn-north-1:210987654321:event-bus/hub, true",
        "HubEventBusArn, arn:aws:events:eu-west-1:210987654321:rule/hub, false",
        "HubEventBusArn, ses-feedback-hub-hub, false",
        "OrganizationId, '', true",
        "OrganizationId, o-a1b2c3d4e5, true",
        "OrganizationId, o-exampleorgid, true",
        "OrganizationId, o-abc, false",
        "OrganizationId, r-a1b2c3d4e5, false",
        "MemberEnvironments, '', true",
        "MemberEnvironments, 111111111111=prod, true",
        "MemberEnvironments, 111111111111:prod, false",
        "MemberEnvironments, 11111111111=prod, false",
        "MemberEnvironments, 111111111111=Prod, false"
    })
    void eachHubParameterAcceptsWhatItsPatternAllows(
            String parameter, String value, boolean accepted) throws Exception {
        Map<String, Object> declaration =
                CloudFormationTemplate.map(
                        translated(STANDALONE).section("Parameters").get(parameter), parameter);

        // a CommaDelimitedList's pattern applies to each value (parameters-section-structure.html)
        assertThat(
                        Pattern.compile((String) declaration.get("AllowedPattern"))
                                .matcher(value)
                                .matches())
                .isEqualTo(accepted);
        assertThat(declaration.get("Default")).isEqualTo("");
    }

    @Test
    void givenAMemberThenItsRuleForwardsToTheHubsBusWithItsRoleADayOfRetriesAndTheQueue()
            throws Exception {
        Intrinsics values = values(translated(MEMBER), MEMBER);

        assertThat(values.property("HubForwardingRule", "Targets"))
                .hasValue(
                        List.of(
                                Map.of(
                                        "Id",
                                        "hub-event-bus",
                                        "Arn",
                                        HUB_BUS_ARN,
                                        "RoleArn",
                                        values.resolve(
                                                Map.of(
                                                        "Fn::GetAtt",
                                                        List.of("HubForwardingRole", "Arn"))),
                                        "RetryPolicy",
                                        Map.of(
                                                "MaximumEventAgeInSeconds",
                                                86400L,
                                                "MaximumRetryAttempts",
                                                185L),
                                        "DeadLetterConfig",
                                        Map.of("Arn", QUEUE_ARN))));
        assertThat(values.property("HubForwardingRule", "EventBusName"))
                .as("the default bus, where SES and CloudWatch publish")
                .isEmpty();
        assertThat(values.property("HubForwardingRule", "State")).hasValue("ENABLED");
    }

    /** EventBridge assumes the role for this stack's rule only; the role carries no name. */
    @Test
    void givenAMemberThenOnlyItsForwardingRuleMayAssumeTheRole() throws Exception {
        CloudFormationTemplate template = translated(MEMBER);
        Intrinsics values = values(template, MEMBER);

        assertThat(values.property("HubForwardingRole", "AssumeRolePolicyDocument.Statement"))
                .hasValue(
                        List.of(
                                Map.of(
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", "events.amazonaws.com"),
                                        "Action",
                                        "sts:AssumeRole",
                                        "Condition",
                                        Map.of(
                                                "StringEquals",
                                                Map.of(
                                                        "aws:SourceAccount",
                                                        ACCOUNT,
                                                        "aws:SourceArn",
                                                        FORWARDING_RULE_ARN)))));
        assertThat(values.resolve(Map.of("Fn::GetAtt", List.of("HubForwardingRule", "Arn"))))
                .as("the trust's ARN is the rule's own")
                .isEqualTo(FORWARDING_RULE_ARN);
        assertThat(template.properties("HubForwardingRole")).doesNotContainKey("RoleName");
    }

    @Test
    void givenAHubThenItsBusAdmitsEveryAccountOfTheOrganisationAndNoOneElse() throws Exception {
        Intrinsics values = values(translated(HUB), HUB);
        String busArn = "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + BUS;

        assertThat(values.property("HubEventBus", "Name")).hasValue(BUS);
        assertThat(values.property("HubEventBusPolicy", "EventBusName")).hasValue(BUS);
        assertThat(values.property("HubEventBusPolicy", "Statement"))
                .hasValue(
                        Map.of(
                                "Effect",
                                "Allow",
                                "Principal",
                                "*",
                                "Action",
                                "events:PutEvents",
                                "Resource",
                                busArn,
                                "Condition",
                                Map.of(
                                        "StringEquals",
                                        Map.of("aws:PrincipalOrgID", ORGANIZATION))));
        assertThat(values.resolve(output(translated(HUB), "HubEventBusArn").get("Value")))
                .isEqualTo(busArn);
    }

    @Test
    void givenAHubThenItsFeedbackRuleInvokesTheRecordersAliasFromItsBusWithItsOwnPermission()
            throws Exception {
        Intrinsics values = values(translated(HUB), HUB);

        assertThat(values.property("HubFeedbackRule", "EventBusName")).hasValue(BUS);
        assertThat(values.property("HubFeedbackRule", "Targets"))
                .hasValue(
                        List.of(
                                Map.of(
                                        "Id",
                                        "recorder",
                                        "Arn",
                                        ALIAS_ARN,
                                        "RetryPolicy",
                                        Map.of(
                                                "MaximumEventAgeInSeconds",
                                                21600L,
                                                "MaximumRetryAttempts",
                                                185L),
                                        "DeadLetterConfig",
                                        Map.of("Arn", QUEUE_ARN))));
        assertThat(values.property("RecorderInvokedByHubFeedbackRule", "Principal"))
                .hasValue("events.amazonaws.com");
        assertThat(values.property("RecorderInvokedByHubFeedbackRule", "FunctionName"))
                .hasValue(ALIAS_ARN);
        assertThat(values.property("RecorderInvokedByHubFeedbackRule", "SourceArn"))
                .hasValue(FEEDBACK_RULE_ARN);
        assertThat(values.property("RecorderInvokedByHubFeedbackRule", "SourceAccount"))
                .hasValue(ACCOUNT);
    }

    @Test
    void givenAHubThenItsAlertsRulePublishesToTheTopicWhichAdmitsIt() throws Exception {
        Intrinsics values = values(translated(HUB), HUB);

        assertThat(values.property("HubAlertsRule", "EventBusName")).hasValue(BUS);
        assertThat(values.property("HubAlertsRule", "Targets"))
                .isEqualTo(values.property("SesStatusEventsRule", "Targets"));
        assertThat(
                        statementsOf(values, "FeedbackTopicPolicy", "PolicyDocument.Statement")
                                .stream()
                                .filter(s -> "HubAlertsRulePublishes".equals(s.get("Sid")))
                                .toList())
                .singleElement()
                .satisfies(
                        statement ->
                                assertThat(statement.get("Condition"))
                                        .isEqualTo(
                                                Map.of(
                                                        "StringEquals",
                                                        Map.of("AWS:SourceAccount", ACCOUNT),
                                                        "ArnEquals",
                                                        Map.of("AWS:SourceArn", ALERTS_RULE_ARN))));
        Intrinsics standalone = values(translated(STANDALONE), STANDALONE);
        assertThat(statementsOf(standalone, "FeedbackTopicPolicy", "PolicyDocument.Statement"))
                .extracting(statement -> statement.get("Sid"))
                .doesNotContain("HubAlertsRulePublishes");
    }

    /** The documented statement (eb-rule-dlq.html), aws:SourceArn each rule of the mode. */
    static Stream<Arguments> queueSenders() {
        return Stream.of(
                Arguments.of("Member", MEMBER, List.of(STATUS_RULE_ARN, FORWARDING_RULE_ARN)),
                Arguments.of(
                        "Hub", HUB, List.of(STATUS_RULE_ARN, FEEDBACK_RULE_ARN, ALERTS_RULE_ARN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queueSenders")
    void givenAModeThenItsRulesAndNoOthersMaySendToTheQueue(
            String mode, Map<String, String> parameters, List<String> rules) throws Exception {
        Intrinsics values = values(translated(parameters), parameters);

        assertThat(statementsOf(values, "UndeliveredEventsQueuePolicy", "PolicyDocument.Statement"))
                .singleElement()
                .satisfies(
                        statement ->
                                assertThat(statement.get("Condition"))
                                        .isEqualTo(
                                                Map.of(
                                                        "ArnEquals",
                                                        Map.of("aws:SourceArn", rules))));
    }

    /**
     * With the customer managed key, EventBridge may encrypt for the topic when only the hub's
     * alerts rule publishes there.
     */
    @Test
    void givenAHubWithTheCustomerManagedKeyAndNoStatusEventsThenEventBridgeMayStillUseTheKey()
            throws Exception {
        Map<String, String> parameters = new HashMap<>(HUB);
        parameters.put("EncryptionKey", "CustomerManaged");
        parameters.put("StatusEvents", "Disabled");
        Intrinsics values = values(translated(parameters), parameters);

        assertThat(statementsOf(values, "FeedbackKey", "KeyPolicy.Statement"))
                .extracting(statement -> statement.get("Sid"))
                .contains(
                        "EventBridgePublishesToTheTopic",
                        "EventBridgeWritesUndeliveredEventsToTheQueue");
    }

    /**
     * AWS/Events by RuleName alone for a rule on the default bus, EventBusName and RuleName for a
     * custom bus's (eb-monitoring.html); sent only when not zero, so missing data is no failure.
     */
    @Test
    void givenAMemberThenItsAlarmSumsTheForwardingsFailuresAndLossesByRuleName() throws Exception {
        Intrinsics values = values(translated(MEMBER), MEMBER);

        assertThat(metrics(values, "HubForwardingFailedAlarm"))
                .containsExactly(
                        metric("failed", "FailedInvocations", ruleName(STACK + "-hub-forwarding")),
                        metric(
                                "lost",
                                "InvocationsFailedToBeSentToDlq",
                                ruleName(STACK + "-hub-forwarding")),
                        Map.of(
                                "Id",
                                "failedOrLost",
                                "Expression",
                                "SUM([failed, lost])",
                                "Label",
                                "Forwarding failed or lost",
                                "ReturnData",
                                true));
        assertThat(values.property("HubForwardingFailedAlarm", "AlarmName"))
                .hasValue(STACK + "-hub-forwarding-failed");
        alarmsLikeTheOthers(values, "HubForwardingFailedAlarm");
    }

    @Test
    void givenAHubThenItsAlarmSumsBothRulesEventsLostByBusAndRuleName() throws Exception {
        Intrinsics values = values(translated(HUB), HUB);
        List<Map<String, Object>> metrics = metrics(values, "HubEventsLostAlarm");

        assertThat(metrics)
                .containsExactly(
                        metric(
                                "feedback",
                                "InvocationsFailedToBeSentToDlq",
                                List.of(
                                        Map.of("Name", "EventBusName", "Value", BUS),
                                        Map.of(
                                                "Name",
                                                "RuleName",
                                                "Value",
                                                values.property("HubFeedbackRule", "Name")
                                                        .orElseThrow()))),
                        metric(
                                "alerts",
                                "InvocationsFailedToBeSentToDlq",
                                List.of(
                                        Map.of(
                                                "Name",
                                                "EventBusName",
                                                "Value",
                                                values.property("HubEventBus", "Name")
                                                        .orElseThrow()),
                                        Map.of(
                                                "Name",
                                                "RuleName",
                                                "Value",
                                                values.property("HubAlertsRule", "Name")
                                                        .orElseThrow()))),
                        Map.of(
                                "Id",
                                "lost",
                                "Expression",
                                "SUM([feedback, alerts])",
                                "Label",
                                "Hub events lost",
                                "ReturnData",
                                true));
        assertThat(values.property("HubEventsLostAlarm", "AlarmName"))
                .hasValue(STACK + "-hub-events-lost");
        alarmsLikeTheOthers(values, "HubEventsLostAlarm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void givenAModeThenTheAccountWatcherPutsOnTheDefaultBusOnlyAsAMember(
            String mode, Map<String, String> parameters, boolean member, boolean hub)
            throws Exception {
        Intrinsics values = values(translated(parameters), parameters);

        assertThat(values.property("AccountWatchFunction", "Environment.Variables.EVENT_BUS_NAME"))
                .hasValue(member ? "default" : "");
        assertThat(values.property("AccountWatchFunction", "Environment.Variables.ENVIRONMENT"))
                .hasValue("dev");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void givenAModeThenTheRecorderKnowsTheMembersEnvironmentsOnlyOnAHub(
            String mode, Map<String, String> parameters, boolean member, boolean hub)
            throws Exception {
        Map<String, String> withMembers = new HashMap<>(parameters);
        withMembers.put("MemberEnvironments", "111111111111=prod,222222222222=stg");
        Intrinsics values = values(translated(withMembers), withMembers);

        assertThat(values.property("RecorderFunction", "Environment.Variables.MEMBER_ENVIRONMENTS"))
                .hasValue(hub ? "111111111111=prod,222222222222=stg" : "");
    }

    private static void alarmsLikeTheOthers(Intrinsics values, String alarm) {
        for (String same :
                List.of(
                        "EvaluationPeriods",
                        "Threshold",
                        "ComparisonOperator",
                        "TreatMissingData",
                        "AlarmActions",
                        "OKActions")) {
            assertThat(values.property(alarm, same))
                    .as(same)
                    .isEqualTo(values.property("UndeliveredFeedbackAlarm", same));
        }
        assertThat(values.property(alarm, "TreatMissingData")).hasValue("notBreaching");
    }

    private static List<Map<String, String>> ruleName(String rule) {
        return List.of(Map.of("Name", "RuleName", "Value", rule));
    }

    private static Map<String, Object> metric(String id, String name, List<?> dimensions) {
        return Map.of(
                "Id",
                id,
                "MetricStat",
                Map.of(
                        "Metric",
                        Map.of(
                                "Namespace",
                                "AWS/Events",
                                "MetricName",
                                name,
                                "Dimensions",
                                dimensions),
                        "Period",
                        300L,
                        "Stat",
                        "Sum"),
                "ReturnData",
                false);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> metrics(Intrinsics values, String alarm) {
        return (List<Map<String, Object>>) values.property(alarm, "Metrics").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(
            Intrinsics values, String resource, String path) {
        return (List<Map<String, Object>>) values.property(resource, path).orElseThrow();
    }

    private static Map<String, Object> output(CloudFormationTemplate template, String name) {
        return CloudFormationTemplate.map(template.section("Outputs").get(name), name);
    }

    private static Intrinsics values(
            CloudFormationTemplate template, Map<String, String> parameters) {
        return DevStack.values(template, parameters);
    }

    private static CloudFormationTemplate translated(Map<String, String> parameters)
            throws Exception {
        return DevStack.translated(parameters);
    }
}
