package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml and the code agree: alarms, function wiring, least-privilege policies, table keys.
 */
class TemplateTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final Map<String, Object> TOPIC = Map.of("Ref", "FeedbackTopic");

    /** The recorder's metrics namespace, as the function's variable and the alarm name it. */
    private static final Map<String, Object> METRICS_NAMESPACE =
            Map.of("Fn::Sub", "ses-feedback/${AWS::StackName}");

    static Stream<Arguments> sesAlarms() {
        return Stream.of(
                Arguments.of(
                        "BounceCountAlarm",
                        "Bounce",
                        "Sum",
                        300L,
                        "BounceCountThreshold",
                        1L,
                        "bounce-count"),
                Arguments.of(
                        "BounceRateAlarm",
                        "Reputation.BounceRate",
                        "Average",
                        900L,
                        "BounceRateThreshold",
                        0.03,
                        "bounce-rate"),
                Arguments.of(
                        "ComplaintRateAlarm",
                        "Reputation.ComplaintRate",
                        "Average",
                        900L,
                        "ComplaintRateThreshold",
                        0.005,
                        "complaint-rate"));
    }

    @ParameterizedTest
    @MethodSource("sesAlarms")
    void sesAlarmWatchesTheAccountMetricAndPublishesToTheFeedbackTopic(
            String alarm,
            String metric,
            String statistic,
            long period,
            String thresholdParameter,
            Number defaultThreshold,
            String nameSuffix) {
        Map<String, Object> properties = TEMPLATE.properties(alarm);

        assertThat(properties)
                .containsEntry("Namespace", "AWS/SES")
                .containsEntry("MetricName", metric)
                .containsEntry("Statistic", statistic)
                .containsEntry("Period", period)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("Threshold", Map.of("Ref", thresholdParameter))
                .containsEntry("AlarmActions", List.of(TOPIC))
                .containsEntry("OKActions", List.of(TOPIC))
                .containsKey("TreatMissingData")
                .doesNotContainKey("Dimensions");
        assertThat(TEMPLATE.parameterDefault(thresholdParameter)).isEqualTo(defaultThreshold);
        assertThat(properties.get("AlarmName"))
                .isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-" + nameSuffix));
    }

    /**
     * The circuit breaker's alarms act instead, and its failure alarm has no OK action
     * (CircuitBreakerTemplateTest): the function says on the topic what it did.
     */
    @Test
    void everyAlarmButTheCircuitBreakersPublishesToTheFeedbackTopic() {
        assertThat(TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm"))
                .containsExactly(
                        "BounceCountAlarm",
                        "BounceRateAlarm",
                        "ComplaintRateAlarm",
                        "ComplaintRateReviewAlarm",
                        "ConfigurationSetBounceRateAlarm",
                        "ConfigurationSetComplaintRateAlarm",
                        "FailedFeedbackAlarm",
                        "UndeliveredFeedbackAlarm",
                        "UndeliveredEventsAlarm",
                        "SesEmailEventsLostAlarm",
                        "SesStatusEventsLostAlarm",
                        "HubForwardingFailedAlarm",
                        "HubEventsLostAlarm",
                        "UnrecognisedMessagesAlarm",
                        "AccountNotHealthyAlarm",
                        "AccountCheckFailingAlarm",
                        "AccountWatchSilentAlarm",
                        "AccountWatchErrorsAlarm",
                        "AutoPauseBounceCountAlarm",
                        "AutoPauseBounceRateAlarm",
                        "AutoPauseComplaintRateAlarm",
                        "CircuitBreakerFailedAlarm",
                        "UnpublishedSuppressionsAlarm")
                .filteredOn(
                        alarm ->
                                !alarm.startsWith("AutoPause")
                                        && !alarm.startsWith("CircuitBreaker"))
                .allSatisfy(
                        alarm ->
                                assertThat(TEMPLATE.properties(alarm))
                                        .containsEntry("AlarmActions", List.of(TOPIC))
                                        .containsEntry("OKActions", List.of(TOPIC)));
    }

    @Test
    void alarmNamesAreTheStackNameAndWhatTheyWatchWithoutTheEnvironmentAgain() {
        assertThat(TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm"))
                .extracting(alarm -> TEMPLATE.properties(alarm).get("AlarmName"))
                .as("the stack name (ses-feedback-dev, ...) already names the environment")
                .containsExactly(
                        Map.of("Fn::Sub", "${AWS::StackName}-bounce-count"),
                        Map.of("Fn::Sub", "${AWS::StackName}-bounce-rate"),
                        Map.of("Fn::Sub", "${AWS::StackName}-complaint-rate"),
                        Map.of("Fn::Sub", "${AWS::StackName}-complaint-rate-review"),
                        Map.of("Fn::Sub", "${AWS::StackName}-configuration-set-bounce-rate"),
                        Map.of("Fn::Sub", "${AWS::StackName}-configuration-set-complaint-rate"),
                        Map.of("Fn::Sub", "${AWS::StackName}-failed-feedback"),
                        Map.of("Fn::Sub", "${AWS::StackName}-undelivered-feedback"),
                        Map.of("Fn::Sub", "${AWS::StackName}-undelivered-events"),
                        Map.of("Fn::Sub", "${AWS::StackName}-ses-email-events-lost"),
                        Map.of("Fn::Sub", "${AWS::StackName}-ses-status-events-lost"),
                        Map.of("Fn::Sub", "${AWS::StackName}-hub-forwarding-failed"),
                        Map.of("Fn::Sub", "${AWS::StackName}-hub-events-lost"),
                        Map.of("Fn::Sub", "${AWS::StackName}-unrecognised"),
                        Map.of("Fn::Sub", "${AWS::StackName}-account-not-healthy"),
                        Map.of("Fn::Sub", "${AWS::StackName}-account-check-failing"),
                        Map.of("Fn::Sub", "${AWS::StackName}-account-watch-silent"),
                        Map.of("Fn::Sub", "${AWS::StackName}-account-watch-errors"),
                        Map.of("Fn::Sub", "${AWS::StackName}-auto-pause-bounce-count"),
                        Map.of("Fn::Sub", "${AWS::StackName}-auto-pause-bounce-rate"),
                        Map.of("Fn::Sub", "${AWS::StackName}-auto-pause-complaint-rate"),
                        Map.of("Fn::Sub", "${AWS::StackName}-circuit-breaker-failed"),
                        Map.of("Fn::Sub", "${AWS::StackName}-unpublished-suppressions"));
    }

    @Test
    void earlyComplaintAlarmWatchesTheComplaintRateAtTheReviewLevelUnlessDisabled() {
        Map<String, Object> parameter =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Parameters").get("EarlyComplaintAlarm"), "p");
        Map<String, Object> alarm = TEMPLATE.resource("ComplaintRateReviewAlarm");
        Map<String, Object> properties = TEMPLATE.properties("ComplaintRateReviewAlarm");
        Map<String, Object> userAlarm = TEMPLATE.properties("ComplaintRateAlarm");

        assertThat(parameter)
                .containsEntry("Default", "Enabled")
                .containsEntry("AllowedValues", List.of("Enabled", "Disabled"));
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "UseEarlyComplaintAlarm",
                        Map.of(
                                "Fn::Equals",
                                List.of(Map.of("Ref", "EarlyComplaintAlarm"), "Enabled")));
        assertThat(alarm).containsEntry("Condition", "UseEarlyComplaintAlarm");
        assertThat(properties)
                .containsEntry(
                        "Threshold",
                        Map.of("Fn::FindInMap", List.of("SesLevels", "ComplaintRate", "Review")))
                .containsEntry("AlarmActions", List.of(TOPIC))
                .containsEntry("OKActions", List.of(TOPIC));
        for (String same :
                List.of(
                        "Namespace",
                        "MetricName",
                        "Statistic",
                        "Period",
                        "EvaluationPeriods",
                        "ComparisonOperator",
                        "TreatMissingData")) {
            assertThat(properties.get(same)).as(same).isEqualTo(userAlarm.get(same)).isNotNull();
        }
        assertThat(TEMPLATE.resource("ComplaintRateAlarm"))
                .as("the user's alarm stays")
                .doesNotContainKey("Condition");
    }

    @Test
    void functionHandlerIsTheRecordersLambdaEntryPoint() throws Exception {
        Map<String, Object> function = TEMPLATE.properties("RecorderFunction");
        String handler = (String) function.get("Handler");

        Class<?> handlerClass = Class.forName(handler.substring(0, handler.indexOf("::")));

        assertThat(RequestStreamHandler.class).isAssignableFrom(handlerClass);
        assertThat(handlerClass.getConstructor()).isNotNull();
        assertThat(function).containsEntry("CodeUri", ".");
        assertThat(TEMPLATE.section("Globals").get("Function"))
                .asInstanceOf(MAP)
                .containsEntry("Runtime", "java25");
    }

    @Test
    void functionIsSubscribedToTheTopicAndSendsFailedEventsToTheQueue() {
        Map<String, Object> function = TEMPLATE.properties("RecorderFunction");

        assertThat(function.get("Events"))
                .isEqualTo(
                        Map.of(
                                "Feedback",
                                Map.of(
                                        "Type",
                                        "SNS",
                                        "Properties",
                                        Map.of(
                                                "Topic",
                                                TOPIC,
                                                "RedrivePolicy",
                                                Map.of(
                                                        "deadLetterTargetArn",
                                                        Map.of(
                                                                "Fn::GetAtt",
                                                                List.of(
                                                                        "UndeliveredFeedbackQueue",
                                                                        "Arn")))))));
        assertThat(function.get("EventInvokeConfig"))
                .isEqualTo(
                        Map.of(
                                "MaximumRetryAttempts", 2L,
                                "MaximumEventAgeInSeconds", 21600L,
                                "DestinationConfig",
                                        Map.of(
                                                "OnFailure",
                                                Map.of(
                                                        "Type",
                                                        "SQS",
                                                        "Destination",
                                                        Map.of(
                                                                "Fn::GetAtt",
                                                                List.of(
                                                                        "FailedFeedbackQueue",
                                                                        "Arn"))))));
    }

    /**
     * Lambda's on-failure record of a 1 MB asynchronous event must fit; SQS's default is 256 KiB.
     */
    @Test
    void everyQueueTakesMessagesOfOneMebibyte() {
        assertThat(TEMPLATE.resourcesOfType("AWS::SQS::Queue"))
                .containsExactlyInAnyOrder(
                        "FailedFeedbackQueue",
                        "UndeliveredFeedbackQueue",
                        "UndeliveredEventsQueue",
                        "UnpublishedSuppressionsQueue")
                .allSatisfy(
                        queue ->
                                assertThat(TEMPLATE.properties(queue))
                                        .containsEntry("MaximumMessageSize", 1048576L));
    }

    @Test
    void onlyTheFeedbackTopicMaySendToTheUndeliveredFeedbackQueue() {
        Map<String, Object> policy = TEMPLATE.properties("UndeliveredFeedbackQueuePolicy");

        assertThat(policy.get("Queues"))
                .isEqualTo(List.of(Map.of("Ref", "UndeliveredFeedbackQueue")));
        assertThat(
                        CloudFormationTemplate.map(policy.get("PolicyDocument"), "PolicyDocument")
                                .get("Statement"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "Sid",
                                        "FeedbackTopicSendsWhatItCouldNotDeliver",
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", "sns.amazonaws.com"),
                                        "Action",
                                        "sqs:SendMessage",
                                        "Resource",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of("UndeliveredFeedbackQueue", "Arn")),
                                        "Condition",
                                        Map.of("ArnEquals", Map.of("aws:SourceArn", TOPIC)))));
    }

    @Test
    void aMessageWaitingInTheUndeliveredFeedbackQueueRaisesAnAlarm() {
        assertThat(TEMPLATE.properties("UndeliveredFeedbackAlarm"))
                .containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry(
                        "Dimensions",
                        List.of(
                                Map.of(
                                        "Name",
                                        "QueueName",
                                        "Value",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of("UndeliveredFeedbackQueue", "QueueName")))))
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
    }

    @Test
    void snapStartIsOnByDefaultAndTheStackCanTurnItOff() {
        Map<String, Object> parameter =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Parameters").get("SnapStart"), "SnapStart");

        Map<String, Object> function = TEMPLATE.properties("RecorderFunction");

        assertThat(parameter)
                .containsEntry("Default", "Enabled")
                .containsEntry("AllowedValues", List.of("Enabled", "Disabled"));
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "UseSnapStart",
                        Map.of("Fn::Equals", List.of(Map.of("Ref", "SnapStart"), "Enabled")));
        assertThat(function)
                .containsEntry(
                        "SnapStart",
                        Map.of(
                                "ApplyOn",
                                Map.of(
                                        "Fn::If",
                                        List.of("UseSnapStart", "PublishedVersions", "None"))));
    }

    @Test
    void functionPublishesVersionsBehindAnAliasWithSnapStartOnOrOff() {
        Map<String, Object> function = TEMPLATE.properties("RecorderFunction");

        assertThat(function)
                .containsEntry("AutoPublishAlias", "live")
                .as("a runtime or memory change alone publishes a version too")
                .containsEntry("AutoPublishAliasAllProperties", true);
        assertThat(TEMPLATE.resource("RecorderFunction")).doesNotContainKey("Condition");
    }

    /** The translator's view of the same is VersionPublishingTest; this needs no Python. */
    @Test
    void versionDescriptionNamesEveryParameterTheFunctionReadsSoThatANewValuePublishesAVersion() {
        Map<String, Object> function = TEMPLATE.properties("RecorderFunction");
        Set<String> read = ParameterReferences.readBy(TEMPLATE, "RecorderFunction");
        Object description = function.get("VersionDescription");

        Set<String> named =
                ParameterReferences.readBy(TEMPLATE, "RecorderFunction", "VersionDescription");

        assertThat(description).isInstanceOf(Map.class);
        assertThat(read)
                .isNotEmpty()
                .contains(
                        "SnapStart",
                        "RecordRetentionDays",
                        "DeliveryRetentionDays",
                        "StoreDeliveryBodies",
                        "SoftBounceLimit");
        assertThat(named).containsAll(read);
    }

    @Test
    void functionEnvironmentNamesWhatTheHandlerReads() {
        Map<String, Object> variables =
                CloudFormationTemplate.map(
                        CloudFormationTemplate.map(
                                        TEMPLATE.properties("RecorderFunction").get("Environment"),
                                        "Environment")
                                .get("Variables"),
                        "Variables");

        assertThat(variables)
                .isEqualTo(
                        Map.of(
                                "FEEDBACK_TABLE", Map.of("Ref", "FeedbackTable"),
                                "FEEDBACK_LOG_GROUP", Map.of("Ref", "FeedbackLogGroup"),
                                "RECORD_RETENTION_DAYS", Map.of("Ref", "RecordRetentionDays"),
                                "DELIVERY_RETENTION_DAYS", Map.of("Ref", "DeliveryRetentionDays"),
                                "STORE_DELIVERY_BODIES", Map.of("Ref", "StoreDeliveryBodies"),
                                "SOFT_BOUNCE_LIMIT", Map.of("Ref", "SoftBounceLimit"),
                                "ENVIRONMENT", Map.of("Ref", "Environment"),
                                "MEMBER_ENVIRONMENTS",
                                        Map.of(
                                                "Fn::If",
                                                List.of(
                                                        "IsHub",
                                                        Map.of(
                                                                "Fn::Join",
                                                                List.of(
                                                                        ",",
                                                                        Map.of(
                                                                                "Ref",
                                                                                "MemberEnvironments"))),
                                                        "")),
                                "METRICS_NAMESPACE", METRICS_NAMESPACE));
    }

    @Test
    void unrecognisedMessagesAlarmWatchesTheRecordersMetricAtOneInAnHour() {
        Map<String, Object> properties = TEMPLATE.properties("UnrecognisedMessagesAlarm");

        assertThat(properties)
                .containsEntry("Namespace", METRICS_NAMESPACE)
                .containsEntry("MetricName", "Unrecognised")
                .containsEntry("Statistic", "Sum")
                .containsEntry("Period", 3600L)
                .containsEntry("EvaluationPeriods", 1L)
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching")
                .containsEntry("AlarmName", Map.of("Fn::Sub", "${AWS::StackName}-unrecognised"))
                .doesNotContainKey("Dimensions");
    }

    /**
     * Named once, in Mappings: what the alarms, the breaker's descriptions and the dashboard read
     * (NOTES.md, AWS facts).
     */
    @Test
    void sesReviewAndPauseLevelsAreAwsRates() {
        assertThat(TEMPLATE.section("Mappings").get("SesLevels"))
                .isEqualTo(
                        Map.of(
                                "BounceRate", Map.of("Review", "0.05", "Pause", "0.10"),
                                "ComplaintRate", Map.of("Review", "0.001", "Pause", "0.005")));
    }

    @Test
    void recordRetentionIsAWholeNumberOfDaysAsTheHandlerParsesIt() {
        Map<String, Object> parameter =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Parameters").get("RecordRetentionDays"), "p");

        assertThat(parameter).containsEntry("AllowedPattern", "^[1-9][0-9]*$");
        assertThat(Long.parseLong((String) parameter.get("Default"))).isPositive();
    }

    @Test
    void recorderRoleGrantsOnlyTheActionsTheCodeUsesOnItsOwnResources() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> policies =
                (List<Map<String, Object>>) TEMPLATE.properties("RecorderRole").get("Policies");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements =
                (List<Map<String, Object>>)
                        CloudFormationTemplate.map(
                                        policies.get(0).get("PolicyDocument"), "PolicyDocument")
                                .get("Statement");

        // the key's statement, under its condition, is PersonalDataTemplateTest's
        assertThat(statements.stream().filter(s -> !s.containsKey("Fn::If")))
                .extracting(s -> s.get("Action"), s -> s.get("Resource"))
                .containsExactlyInAnyOrder(
                        tuple(
                                List.of(
                                        "dynamodb:GetItem",
                                        "dynamodb:PutItem",
                                        "dynamodb:UpdateItem",
                                        "dynamodb:DeleteItem"),
                                Map.of("Fn::GetAtt", List.of("FeedbackTable", "Arn"))),
                        tuple(
                                "dynamodb:Query",
                                Map.of("Fn::GetAtt", List.of("FeedbackTable", "Arn"))),
                        tuple(
                                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                Map.of("Fn::GetAtt", List.of("FeedbackLogGroup", "Arn"))),
                        tuple(
                                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                Map.of("Fn::GetAtt", List.of("RecorderLogGroup", "Arn"))),
                        tuple(
                                "sqs:SendMessage",
                                Map.of("Fn::GetAtt", List.of("FailedFeedbackQueue", "Arn"))));
        assertThat(TEMPLATE.properties("RecorderFunction")).doesNotContainKey("Policies");
    }

    /**
     * And SES's status events' rule and the hub's alerts rule, under their conditions
     * (EventBridgeTransformTest, HubTransformTest).
     */
    @Test
    void topicAcceptsOnlySesCloudWatchAlarmsAndTheStatusRuleOfThisAccount() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements =
                (List<Map<String, Object>>)
                        CloudFormationTemplate.map(
                                        TEMPLATE.properties("FeedbackTopicPolicy")
                                                .get("PolicyDocument"),
                                        "PolicyDocument")
                                .get("Statement");

        List<Map<String, Object>> resolved =
                statements.stream()
                        .map(
                                s ->
                                        s.containsKey("Fn::If")
                                                ? CloudFormationTemplate.map(
                                                        ((List<?>) s.get("Fn::If")).get(1), "If")
                                                : s)
                        .toList();
        assertThat(resolved)
                .extracting(s -> s.get("Principal"))
                .containsExactly(
                        Map.of("Service", "ses.amazonaws.com"),
                        Map.of("Service", "cloudwatch.amazonaws.com"),
                        Map.of("Service", "events.amazonaws.com"),
                        Map.of("Service", "events.amazonaws.com"));
        assertThat(resolved)
                .allSatisfy(
                        statement -> {
                            assertThat(statement)
                                    .containsEntry("Action", "sns:Publish")
                                    .containsEntry("Resource", TOPIC);
                            assertThat(
                                            CloudFormationTemplate.map(
                                                            statement.get("Condition"), "Condition")
                                                    .get("StringEquals"))
                                    .isEqualTo(
                                            Map.of(
                                                    "AWS:SourceAccount",
                                                    Map.of("Ref", "AWS::AccountId")));
                        });
    }

    @Test
    void tableKeysAndIndexesAreTheOnesTheStoreWrites() {
        Map<String, Object> table = TEMPLATE.properties("FeedbackTable");

        assertThat(table.toString())
                .contains(
                        FeedbackTable.PK,
                        FeedbackTable.SK,
                        FeedbackTable.BY_TYPE_INDEX,
                        FeedbackTable.BY_MAIL_INDEX,
                        FeedbackTable.MESSAGE_TYPE,
                        FeedbackTable.SES_MESSAGE_ID,
                        FeedbackTable.EVENT_KEY,
                        FeedbackTable.SUPPRESSED_INDEX,
                        FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE,
                        FeedbackTable.SUPPRESSED_AT,
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.TYPE_SHARD,
                        FeedbackTable.MAIL_MESSAGES_INDEX,
                        FeedbackTable.SUPPRESSED_SHARDS_INDEX,
                        FeedbackTable.SUPPRESSION_SHARD);
        assertThat(table.get("TimeToLiveSpecification"))
                .isEqualTo(Map.of("AttributeName", FeedbackTable.EXPIRES_AT, "Enabled", true));
        assertThat(table)
                .containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry(
                        "DeletionProtectionEnabled",
                        Map.of("Fn::If", List.of("IsProd", true, false)));
    }

    static Stream<Arguments> statefulResources() {
        return Stream.of(
                Arguments.of("FeedbackTable", "Retain"),
                Arguments.of("FeedbackLogGroup", "Retain"),
                Arguments.of("FailedFeedbackQueue", "Retain"),
                Arguments.of("UndeliveredFeedbackQueue", "Retain"),
                Arguments.of("UndeliveredEventsQueue", "Retain"),
                Arguments.of("RecorderLogGroup", "Delete"),
                Arguments.of("AccountWatchLogGroup", "Delete"));
    }

    @ParameterizedTest
    @MethodSource("statefulResources")
    void statefulResourcesSayWhatHappensToTheirDataOnDeletionAndReplacement(
            String resource, String policy) {
        assertThat(TEMPLATE.resource(resource))
                .containsEntry("DeletionPolicy", policy)
                .containsEntry("UpdateReplacePolicy", policy);
    }

    @Test
    void emailSubscriptionIsOptionalAndFiltersToAlarmsBouncesComplaintsAndStatusChanges() {
        Map<String, Object> subscription = TEMPLATE.resource("AlarmEmailSubscription");

        assertThat(subscription).containsEntry("Condition", "HasAlarmEmail");
        assertThat(CloudFormationTemplate.map(subscription.get("Properties"), "Properties"))
                .containsEntry("Protocol", "email")
                .containsEntry("FilterPolicyScope", "MessageBody")
                .containsEntry(
                        "FilterPolicy",
                        Map.of(
                                "$or",
                                List.of(
                                        Map.of(
                                                "notificationType",
                                                List.of(
                                                        "Bounce",
                                                        "Complaint",
                                                        "AccountStatus",
                                                        "CircuitBreaker")),
                                        Map.of("eventType", List.of("Bounce", "Complaint")),
                                        Map.of("AlarmName", List.of(Map.of("exists", true))),
                                        Map.of(
                                                "detail-type",
                                                Stream.concat(
                                                                EventBridgeRulesTest
                                                                        .STATUS_DETAIL_TYPES
                                                                        .stream(),
                                                                Stream.of(
                                                                        "Account Status Changed",
                                                                        "CloudWatch Alarm State Change"))
                                                        .toList()))));
    }

    @Test
    void configurationSetIsCreatedOnlyWhenNamed() {
        Map<String, Object> parameter =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Parameters").get("ConfigurationSetName"), "p");

        assertThat(parameter)
                .containsEntry("Default", "")
                .containsEntry("AllowedPattern", "^$|^[a-zA-Z0-9_-]{1,64}$");
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "HasConfigurationSet",
                        Map.of(
                                "Fn::Not",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(
                                                        Map.of("Ref", "ConfigurationSetName"),
                                                        "")))));
        assertThat(TEMPLATE.resource("ConfigurationSet"))
                .containsEntry("Type", "AWS::SES::ConfigurationSet")
                .containsEntry("Condition", "HasConfigurationSet");
        assertThat(TEMPLATE.properties("ConfigurationSet"))
                .isEqualTo(
                        Map.of(
                                "Name",
                                Map.of("Ref", "ConfigurationSetName"),
                                "ReputationOptions",
                                Map.of("ReputationMetricsEnabled", true)));
    }

    /**
     * The set's own rates (ReputationOptions), alarmed like the account's, at the same thresholds,
     * only with the set.
     */
    @ParameterizedTest
    @CsvSource({
        "ConfigurationSetBounceRateAlarm, BounceRateAlarm",
        "ConfigurationSetComplaintRateAlarm, ComplaintRateAlarm"
    })
    void configurationSetRatesAreAlarmedLikeTheAccountsForThatSetAlone(
            String alarm, String accountAlarm) {
        Map<String, Object> properties = TEMPLATE.properties(alarm);
        Map<String, Object> account = TEMPLATE.properties(accountAlarm);

        assertThat(TEMPLATE.resource(alarm)).containsEntry("Condition", "HasConfigurationSet");
        assertThat(properties)
                .containsEntry(
                        "Dimensions",
                        List.of(
                                Map.of(
                                        "Name",
                                        "ses:configuration-set",
                                        "Value",
                                        Map.of("Ref", "ConfigurationSet"))));
        for (String same :
                List.of(
                        "Namespace",
                        "MetricName",
                        "Statistic",
                        "Period",
                        "EvaluationPeriods",
                        "Threshold",
                        "ComparisonOperator",
                        "TreatMissingData",
                        "AlarmActions",
                        "OKActions")) {
            assertThat(properties.get(same)).as(same).isEqualTo(account.get(same)).isNotNull();
        }
    }

    @Test
    void configurationSetPublishesTheChosenEventTypesToTheFeedbackTopic() {
        Map<String, Object> destination = TEMPLATE.resource("ConfigurationSetTopicDestination");

        assertThat(destination)
                .containsEntry("Type", "AWS::SES::ConfigurationSetEventDestination")
                .containsEntry("Condition", "PublishesToTopic")
                .as("SES validates the topic when the destination is created")
                .containsEntry("DependsOn", "FeedbackTopicPolicy");
        Map<String, Object> properties = TEMPLATE.properties("ConfigurationSetTopicDestination");
        assertThat(properties)
                .containsEntry("ConfigurationSetName", Map.of("Ref", "ConfigurationSet"));
        assertThat(
                        CloudFormationTemplate.map(
                                properties.get("EventDestination"), "EventDestination"))
                .containsEntry("Enabled", true)
                .containsEntry("MatchingEventTypes", Map.of("Ref", "ConfigurationSetEventTypes"))
                .containsEntry("SnsDestination", Map.of("TopicARN", TOPIC));
    }

    @Test
    void configurationSetEventTypesLeaveOpensAndClicksOptIn() {
        Map<String, Object> parameter =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Parameters").get("ConfigurationSetEventTypes"),
                        "ConfigurationSetEventTypes");

        assertThat(parameter)
                .containsEntry("Type", "CommaDelimitedList")
                .containsEntry(
                        "Default",
                        "bounce,complaint,delivery,reject,renderingFailure,deliveryDelay");
        assertThat(parameter.get("AllowedValues"))
                .asInstanceOf(LIST)
                .containsExactlyInAnyOrder(
                        "send",
                        "reject",
                        "bounce",
                        "complaint",
                        "delivery",
                        "open",
                        "click",
                        "renderingFailure",
                        "deliveryDelay",
                        "subscription");
    }

    @Test
    void topicPolicyLetsSesPublishForIdentitiesAndConfigurationSetsAlike() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements =
                (List<Map<String, Object>>)
                        CloudFormationTemplate.map(
                                        TEMPLATE.properties("FeedbackTopicPolicy")
                                                .get("PolicyDocument"),
                                        "PolicyDocument")
                                .get("Statement");

        assertThat(
                        CloudFormationTemplate.map(statements.get(0).get("Condition"), "Condition")
                                .get("ArnLike"))
                .as("covers both identity/NAME and configuration-set/NAME")
                .isEqualTo(
                        Map.of(
                                "AWS:SourceArn",
                                Map.of(
                                        "Fn::Sub",
                                        "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:*")));
    }

    @Test
    void outputsNameEverythingAnOperatorLooksUp() {
        assertThat(TEMPLATE.section("Outputs"))
                .containsOnlyKeys(
                        "StackMode",
                        "HubEventBusArn",
                        "FeedbackTopicArn",
                        "ConfigurationSetName",
                        "FeedbackTableName",
                        "FeedbackLogGroupName",
                        "RecorderFunctionName",
                        "FailedFeedbackQueueUrl",
                        "UndeliveredFeedbackQueueUrl",
                        "UndeliveredEventsQueueUrl",
                        "UndeliveredEventsQueueArn",
                        "DashboardUrl",
                        "FeedbackKeyArn",
                        "BlockTestRecipientsPolicyArn",
                        "CircuitBreakerFunctionName",
                        "AccountWatchFunctionName");
        assertThat(
                        CloudFormationTemplate.map(
                                TEMPLATE.section("Outputs").get("ConfigurationSetName"),
                                "ConfigurationSetName"))
                .containsEntry("Condition", "HasConfigurationSet")
                .containsEntry("Value", Map.of("Ref", "ConfigurationSet"));
    }
}
