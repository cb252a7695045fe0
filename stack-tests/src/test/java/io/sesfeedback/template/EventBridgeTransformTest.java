package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration set's destinations (ConfigurationSetDestination Topic, EventBridge, Both) and
 * SES's status events (StatusEvents) as CloudFormation deploys them after the Serverless transform:
 * which resources each value creates, and how the rules, their dead-letter queue, its policy, the
 * recorder's permission, the topic's and the key's policies and the alarms are wired, every value
 * resolved as CloudFormation would (Intrinsics).
 */
@Tag("sam-translator")
class EventBridgeTransformTest {

    private static final String STACK = DevStack.NAME;
    private static final String REGION = DevStack.REGION;
    private static final String ACCOUNT = Intrinsics.ACCOUNT;
    private static final String EMAIL_RULE_ARN =
            "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + STACK + "-ses-email-events";
    private static final String STATUS_RULE_ARN =
            "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + STACK + "-ses-status-events";
    private static final String QUEUE_ARN =
            "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + STACK + "-undelivered-events";
    private static final String TOPIC_ARN =
            "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + STACK + "-feedback";
    private static final String ALIAS_ARN =
            "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + STACK + "-recorder:live";

    /** The resources of the email path, with the set publishing to the bus. */
    private static final Set<String> EMAIL_PATH =
            Set.of(
                    "ConfigurationSetEventBridgeDestination",
                    "SesEmailEventsRule",
                    "RecorderInvokedBySesEmailEventsRule",
                    "SesEmailEventsLostAlarm");

    /** The resources of the status path. */
    private static final Set<String> STATUS_PATH =
            Set.of("SesStatusEventsRule", "SesStatusEventsLostAlarm");

    /** Shared by both paths. */
    private static final Set<String> SHARED =
            Set.of(
                    "UndeliveredEventsQueue",
                    "UndeliveredEventsQueuePolicy",
                    "UndeliveredEventsAlarm");

    static Stream<Arguments> deployments() {
        return Stream.of(
                // the default: no configuration set; the status events on
                Arguments.of(Map.of(), false, false, true),
                Arguments.of(Map.of("ConfigurationSetName", "app"), true, false, true),
                Arguments.of(
                        Map.of(
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "Topic"),
                        true,
                        false,
                        true),
                Arguments.of(
                        Map.of(
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "EventBridge"),
                        false,
                        true,
                        true),
                Arguments.of(
                        Map.of(
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "Both"),
                        true,
                        true,
                        true),
                // without a set, nothing publishes to the bus for the email rule (and the
                // template's
                // Rules refuse the deploy: theBusDestinationWithoutAConfigurationSetIsRefused)
                Arguments.of(Map.of("ConfigurationSetDestination", "Both"), false, false, true),
                Arguments.of(
                        Map.of(
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "EventBridge",
                                "StatusEvents",
                                "Disabled"),
                        false,
                        true,
                        false),
                Arguments.of(Map.of("StatusEvents", "Disabled"), false, false, false));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void eachDestinationCreatesItsPathOnlyAndTheDefaultKeepsTheTopic(
            Map<String, String> parameters, boolean topic, boolean eventBridge, boolean status)
            throws Exception {
        CloudFormationTemplate template = translated(parameters);
        Intrinsics values = values(template, parameters);

        assertThat(created(values, template, Set.of("ConfigurationSetTopicDestination")))
                .as("the topic destination")
                .isEqualTo(topic);
        assertThat(EMAIL_PATH)
                .allSatisfy(id -> assertThat(values.creates(id)).as(id).isEqualTo(eventBridge));
        assertThat(STATUS_PATH)
                .allSatisfy(id -> assertThat(values.creates(id)).as(id).isEqualTo(status));
        assertThat(SHARED)
                .allSatisfy(
                        id ->
                                assertThat(values.creates(id))
                                        .as(id)
                                        .isEqualTo(eventBridge || status));
        assertThat(
                        outputs(template, values).stream()
                                .filter(name -> name.startsWith("UndeliveredEventsQueue"))
                                .toList())
                .as("redrive reads the queue from the outputs")
                .isEqualTo(
                        eventBridge || status
                                ? List.of("UndeliveredEventsQueueArn", "UndeliveredEventsQueueUrl")
                                : List.of());
        assertThat(template.parameterDefault("ConfigurationSetDestination")).isEqualTo("Topic");
        assertThat(template.parameterDefault("StatusEvents")).isEqualTo("Enabled");
    }

    /**
     * The template's Rules (CloudFormation evaluates them before it creates anything; the
     * translator passes them through): EventBridge or Both without a configuration set is refused.
     */
    @ParameterizedTest
    @MethodSource("destinationsWithAndWithoutASet")
    void theBusDestinationWithoutAConfigurationSetIsRefused(
            String destination, String setName, boolean refused) throws Exception {
        Map<String, String> parameters =
                Map.of("ConfigurationSetDestination", destination, "ConfigurationSetName", setName);
        CloudFormationTemplate template = translated(Map.of());
        Map<String, Object> rule =
                CloudFormationTemplate.map(
                        template.section("Rules")
                                .get("EventBridgeDestinationNeedsAConfigurationSet"),
                        "rule");
        Map<String, Object> assertion =
                CloudFormationTemplate.map(((List<?>) rule.get("Assertions")).get(0), "assertion");
        Intrinsics values = values(template, parameters);

        boolean applies = (Boolean) values.resolve(rule.get("RuleCondition"));
        boolean holds = (Boolean) values.resolve(assertion.get("Assert"));

        assertThat(applies && !holds).isEqualTo(refused);
    }

    static Stream<Arguments> destinationsWithAndWithoutASet() {
        return Stream.of(
                Arguments.of("Topic", "", false),
                Arguments.of("Topic", "app", false),
                Arguments.of("EventBridge", "", true),
                Arguments.of("EventBridge", "app", false),
                Arguments.of("Both", "", true),
                Arguments.of("Both", "app", false));
    }

    @Test
    void theSetPublishesItsChosenTypesToTheAccountsDefaultBus() throws Exception {
        Map<String, String> parameters =
                Map.of("ConfigurationSetName", "app", "ConfigurationSetDestination", "Both");
        Intrinsics values = values(translated(parameters), parameters);

        assertThat(values.property("ConfigurationSetEventBridgeDestination", "EventDestination"))
                .hasValue(
                        Map.of(
                                "Name",
                                "default-event-bus",
                                "Enabled",
                                true,
                                "MatchingEventTypes",
                                List.of(
                                        "bounce",
                                        "complaint",
                                        "delivery",
                                        "reject",
                                        "renderingFailure",
                                        "deliveryDelay"),
                                "EventBridgeDestination",
                                Map.of(
                                        "EventBusArn",
                                        "arn:aws:events:"
                                                + REGION
                                                + ":"
                                                + ACCOUNT
                                                + ":event-bus/default")));
        assertThat(
                        values.property(
                                "ConfigurationSetEventBridgeDestination", "ConfigurationSetName"))
                .hasValue("app");
        assertThat(
                        values.property(
                                "ConfigurationSetTopicDestination",
                                "EventDestination.MatchingEventTypes"))
                .isEqualTo(
                        values.property(
                                "ConfigurationSetEventBridgeDestination",
                                "EventDestination.MatchingEventTypes"));
    }

    /**
     * The recorder's alias, as the topic's subscription invokes it, with the rule's own permission.
     */
    @Test
    void theEmailRuleInvokesTheRecordersAliasAsTheTopicDoesWithItsOwnRetriesAndQueue()
            throws Exception {
        Map<String, String> parameters =
                Map.of("ConfigurationSetName", "app", "ConfigurationSetDestination", "EventBridge");
        CloudFormationTemplate template = translated(parameters);
        Intrinsics values = values(template, parameters);
        String subscription =
                template.resourcesOfType("AWS::SNS::Subscription").stream()
                        .filter(id -> id.startsWith("RecorderFunction"))
                        .findFirst()
                        .orElseThrow();

        assertThat(values.property(subscription, "Endpoint")).hasValue(ALIAS_ARN);
        assertThat(values.property("SesEmailEventsRule", "Targets"))
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
        assertThat(values.property("SesEmailEventsRule", "State")).hasValue("ENABLED");
        assertThat(template.properties("RecorderInvokedBySesEmailEventsRule"))
                .containsEntry("Principal", "events.amazonaws.com")
                .containsEntry("Action", "lambda:InvokeFunction");
        assertThat(values.property("RecorderInvokedBySesEmailEventsRule", "FunctionName"))
                .hasValue(ALIAS_ARN);
        assertThat(values.property("RecorderInvokedBySesEmailEventsRule", "SourceArn"))
                .hasValue(EMAIL_RULE_ARN);
        assertThat(values.property("RecorderInvokedBySesEmailEventsRule", "SourceAccount"))
                .hasValue(ACCOUNT);
    }

    @Test
    void theStatusRulePublishesTheWholeEventToTheTopicWithItsOwnRetriesAndQueue() throws Exception {
        Intrinsics values = values(translated(Map.of()), Map.of());

        assertThat(values.property("SesStatusEventsRule", "Targets"))
                .hasValue(
                        List.of(
                                Map.of(
                                        "Id",
                                        "feedback-topic",
                                        "Arn",
                                        TOPIC_ARN,
                                        "RetryPolicy",
                                        Map.of(
                                                "MaximumEventAgeInSeconds",
                                                3600L,
                                                "MaximumRetryAttempts",
                                                185L),
                                        "DeadLetterConfig",
                                        Map.of("Arn", QUEUE_ARN))));
    }

    /**
     * The documented statement (eb-rule-dlq.html): events.amazonaws.com, SendMessage, aws:SourceArn
     * each rule the stack has.
     */
    @ParameterizedTest
    @MethodSource("queueSenders")
    void onlyTheStacksRulesMaySendToTheQueue(Map<String, String> parameters, List<String> rules)
            throws Exception {
        Intrinsics values = values(translated(parameters), parameters);

        assertThat(values.property("UndeliveredEventsQueuePolicy", "PolicyDocument.Statement"))
                .hasValue(
                        List.of(
                                Map.of(
                                        "Sid",
                                        "StacksRulesSendWhatTheyCouldNotDeliver",
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", "events.amazonaws.com"),
                                        "Action",
                                        "sqs:SendMessage",
                                        "Resource",
                                        QUEUE_ARN,
                                        "Condition",
                                        Map.of("ArnEquals", Map.of("aws:SourceArn", rules)))));
    }

    static Stream<Arguments> queueSenders() {
        return Stream.of(
                Arguments.of(Map.of(), List.of(STATUS_RULE_ARN)),
                Arguments.of(
                        Map.of(
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "Both"),
                        List.of(EMAIL_RULE_ARN, STATUS_RULE_ARN)),
                Arguments.of(
                        Map.of(
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "EventBridge",
                                "StatusEvents",
                                "Disabled"),
                        List.of(EMAIL_RULE_ARN)));
    }

    /** Encrypted as the stack's other queues are, with either key. */
    @ParameterizedTest
    @MethodSource("keys")
    void theQueueIsEncryptedAsTheOtherQueuesAre(String key) throws Exception {
        Map<String, String> parameters = Map.of("EncryptionKey", key);
        Intrinsics values = values(translated(parameters), parameters);

        for (String property : List.of("SqsManagedSseEnabled", "KmsMasterKeyId")) {
            assertThat(values.property("UndeliveredEventsQueue", property))
                    .as(property)
                    .isEqualTo(values.property("FailedFeedbackQueue", property))
                    .isEqualTo(values.property("UndeliveredFeedbackQueue", property));
        }
        assertThat(values.property("UndeliveredEventsQueue", "MaximumMessageSize"))
                .hasValue(1048576L);
    }

    static Stream<String> keys() {
        return Stream.of("Default", "CustomerManaged");
    }

    @Test
    void theTopicAdmitsTheStatusRuleOfThisAccountAndNothingWhenItIsOff() throws Exception {
        Intrinsics on = values(translated(Map.of()), Map.of());
        Map<String, String> offParameters = Map.of("StatusEvents", "Disabled");
        Intrinsics off = values(translated(offParameters), offParameters);

        assertThat(eventBridgeStatements(on, "FeedbackTopicPolicy", "PolicyDocument.Statement"))
                .singleElement()
                .isEqualTo(
                        Map.of(
                                "Sid",
                                "SesStatusEventsRulePublishes",
                                "Effect",
                                "Allow",
                                "Principal",
                                Map.of("Service", "events.amazonaws.com"),
                                "Action",
                                "sns:Publish",
                                "Resource",
                                TOPIC_ARN,
                                "Condition",
                                Map.of(
                                        "StringEquals",
                                        Map.of("AWS:SourceAccount", ACCOUNT),
                                        "ArnEquals",
                                        Map.of("AWS:SourceArn", STATUS_RULE_ARN))));
        assertThat(eventBridgeStatements(off, "FeedbackTopicPolicy", "PolicyDocument.Statement"))
                .isEmpty();
    }

    /**
     * With the customer managed key: EventBridge may encrypt for this topic only (SNS's encryption
     * context, as SES and the alarms) and for the queue.
     */
    @Test
    void theKeyLetsEventBridgeEncryptForTheTopicAndTheQueue() throws Exception {
        Map<String, String> parameters =
                Map.of(
                        "EncryptionKey",
                        "CustomerManaged",
                        "ConfigurationSetName",
                        "app",
                        "ConfigurationSetDestination",
                        "EventBridge");
        Intrinsics values = values(translated(parameters), parameters);
        Map<String, String> offParameters =
                Map.of("EncryptionKey", "CustomerManaged", "StatusEvents", "Disabled");
        Intrinsics off = values(translated(offParameters), offParameters);

        List<Map<String, Object>> statements =
                eventBridgeStatements(values, "FeedbackKey", "KeyPolicy.Statement");
        assertThat(statements)
                .extracting(statement -> statement.get("Sid"))
                .containsExactly(
                        "EventBridgePublishesToTheTopic",
                        "EventBridgeWritesUndeliveredEventsToTheQueue");
        assertThat(statements.get(0).get("Condition"))
                .isEqualTo(
                        Map.of(
                                "StringEquals",
                                Map.of("kms:EncryptionContext:aws:sns:topicArn", TOPIC_ARN)));
        assertThat(statements)
                .allSatisfy(
                        statement ->
                                assertThat(statement.get("Action"))
                                        .isEqualTo(List.of("kms:GenerateDataKey*", "kms:Decrypt")));
        assertThat(eventBridgeStatements(off, "FeedbackKey", "KeyPolicy.Statement")).isEmpty();
    }

    /**
     * The queue's depth as the other queues', and each rule's events lost on the way to the queue:
     * AWS/Events by RuleName alone, a rule on the default bus (eb-monitoring.html).
     */
    @Test
    void alarmsWatchTheQueueAndEachRulesEventsThatCouldNotReachIt() throws Exception {
        Map<String, String> parameters =
                Map.of("ConfigurationSetName", "app", "ConfigurationSetDestination", "Both");
        Intrinsics values = values(translated(parameters), parameters);

        assertThat(values.property("UndeliveredEventsAlarm", "Dimensions"))
                .hasValue(
                        List.of(
                                Map.of(
                                        "Name",
                                        "QueueName",
                                        "Value",
                                        STACK + "-undelivered-events")));
        for (String same :
                List.of(
                        "Namespace",
                        "MetricName",
                        "Statistic",
                        "Period",
                        "Threshold",
                        "ComparisonOperator",
                        "TreatMissingData",
                        "AlarmActions",
                        "OKActions")) {
            assertThat(values.property("UndeliveredEventsAlarm", same))
                    .as(same)
                    .isEqualTo(values.property("UndeliveredFeedbackAlarm", same));
        }
        Map<String, String> rules =
                Map.of(
                        "SesEmailEventsLostAlarm", STACK + "-ses-email-events",
                        "SesStatusEventsLostAlarm", STACK + "-ses-status-events");
        rules.forEach(
                (alarm, rule) -> {
                    assertThat(values.property(alarm, "Namespace")).hasValue("AWS/Events");
                    assertThat(values.property(alarm, "MetricName"))
                            .hasValue("InvocationsFailedToBeSentToDlq");
                    assertThat(values.property(alarm, "Dimensions"))
                            .hasValue(List.of(Map.of("Name", "RuleName", "Value", rule)));
                    assertThat(values.property(alarm, "TreatMissingData")).hasValue("notBreaching");
                    assertThat(values.property(alarm, "AlarmActions"))
                            .isEqualTo(values.property("UndeliveredFeedbackAlarm", "AlarmActions"));
                    assertThat(values.property(alarm, "OKActions"))
                            .isEqualTo(values.property("UndeliveredFeedbackAlarm", "OKActions"));
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> eventBridgeStatements(
            Intrinsics values, String resource, String path) {
        return ((List<Map<String, Object>>) values.property(resource, path).orElseThrow())
                .stream()
                        .filter(
                                statement ->
                                        Map.of("Service", "events.amazonaws.com")
                                                .equals(statement.get("Principal")))
                        .toList();
    }

    private static boolean created(
            Intrinsics values, CloudFormationTemplate template, Set<String> ids) {
        return ids.stream()
                .allMatch(
                        id -> template.section("Resources").containsKey(id) && values.creates(id));
    }

    private static Set<String> outputs(CloudFormationTemplate template, Intrinsics values) {
        Set<String> kept = new TreeSet<>();
        template.section("Outputs")
                .forEach(
                        (name, output) -> {
                            Object condition =
                                    CloudFormationTemplate.map(output, name).get("Condition");
                            if (condition == null || values.holds((String) condition)) {
                                kept.add(name);
                            }
                        });
        return kept;
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
