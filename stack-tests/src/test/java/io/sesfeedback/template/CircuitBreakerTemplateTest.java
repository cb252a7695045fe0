package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's circuit breaker: off by default; its thresholds below SES's review levels; alarms
 * of its own that invoke its function directly, which only they may invoke; every part exists only
 * with AutoPause other than Disabled.
 */
class CircuitBreakerTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final List<String> ALARMS =
            List.of(
                    "AutoPauseBounceCountAlarm",
                    "AutoPauseBounceRateAlarm",
                    "AutoPauseComplaintRateAlarm");
    private static final Map<String, Object> FUNCTION_ARN =
            Map.of("Fn::GetAtt", List.of("CircuitBreakerFunction", "Arn"));

    private static Map<String, Object> parameter(String name) {
        return CloudFormationTemplate.map(TEMPLATE.section("Parameters").get(name), name);
    }

    @Test
    void theBreakerIsOffByDefaultAndPausesTheConfigurationSetOrTheAccount() {
        assertThat(parameter("AutoPause"))
                .containsEntry("Default", "Disabled")
                .containsEntry("AllowedValues", List.of("Disabled", "ConfigurationSet", "Account"));
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "UseAutoPause",
                        Map.of(
                                "Fn::Not",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(Map.of("Ref", "AutoPause"), "Disabled")))))
                .containsEntry(
                        "PauseConfigurationSet",
                        Map.of(
                                "Fn::And",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(
                                                        Map.of("Ref", "AutoPause"),
                                                        "ConfigurationSet")),
                                        Map.of("Condition", "HasConfigurationSet"))));
    }

    /**
     * The alarms and their permission come with AutoPause, the schedule and its role with
     * AutoPauseTenants, and the function, its role, its log and its failure alarm with either.
     */
    @Test
    void everyPartOfTheBreakerExistsOnlyWhenItIsOn() {
        assertThat(
                        List.of(
                                "CircuitBreakerInvokedByAlarms",
                                ALARMS.get(0),
                                ALARMS.get(1),
                                ALARMS.get(2)))
                .allSatisfy(
                        id ->
                                assertThat(TEMPLATE.resource(id))
                                        .containsEntry("Condition", "UseAutoPause"));
        assertThat(
                        List.of(
                                "CircuitBreakerFunction",
                                "CircuitBreakerRole",
                                "CircuitBreakerLogGroup",
                                "CircuitBreakerFailedAlarm"))
                .allSatisfy(
                        id ->
                                assertThat(TEMPLATE.resource(id))
                                        .containsEntry("Condition", "UseCircuitBreaker"));
        assertThat(List.of("CircuitBreakerTenantCheck", "CircuitBreakerScheduleRole"))
                .allSatisfy(
                        id ->
                                assertThat(TEMPLATE.resource(id))
                                        .containsEntry("Condition", "UseAutoPauseTenants"));
        assertThat(
                        CloudFormationTemplate.map(
                                TEMPLATE.section("Outputs").get("CircuitBreakerFunctionName"),
                                "output"))
                .containsEntry("Condition", "UseCircuitBreaker");
    }

    @Test
    void givenTheDefaultsThenNoTenantIsPausedAndAMinimumOfSendsGuardsTheRate() {
        assertThat(parameter("AutoPauseTenants"))
                .containsEntry("Default", "Disabled")
                .containsEntry("AllowedValues", List.of("Disabled", "Enabled"));
        assertThat(TEMPLATE.parameterDefault("AutoPauseTenantMinimumSends")).isEqualTo(100L);
        assertThat(stack("Disabled", "Disabled").creates("CircuitBreakerFunction")).isFalse();
    }

    private static Intrinsics stack(String autoPause, String autoPauseTenants) {
        return new Intrinsics(
                TEMPLATE,
                "ses-feedback-dev",
                "eu-west-1",
                Map.of(
                        "Environment",
                        "dev",
                        "AutoPause",
                        autoPause,
                        "AutoPauseTenants",
                        autoPauseTenants,
                        "ConfigurationSetName",
                        "loadtest"));
    }

    @Test
    void givenTenantsOnlyWhenDeployedThenTheFunctionRunsOnItsScheduleWithNoAlarm() {
        Intrinsics tenantsOnly = stack("Disabled", "Enabled");

        assertThat(
                        List.of(
                                "CircuitBreakerFunction",
                                "CircuitBreakerRole",
                                "CircuitBreakerLogGroup",
                                "CircuitBreakerFailedAlarm",
                                "CircuitBreakerTenantCheck",
                                "CircuitBreakerScheduleRole"))
                .allSatisfy(id -> assertThat(tenantsOnly.creates(id)).as(id).isTrue());
        assertThat(List.of("CircuitBreakerInvokedByAlarms", ALARMS.get(0), ALARMS.get(1)))
                .allSatisfy(id -> assertThat(tenantsOnly.creates(id)).as(id).isFalse());
        Intrinsics alarmsOnly = stack("Account", "Disabled");
        assertThat(alarmsOnly.creates("CircuitBreakerFunction")).isTrue();
        assertThat(alarmsOnly.creates("CircuitBreakerTenantCheck")).isFalse();
    }

    /**
     * The account watch's interval, whether or not the account watch is on; the input the handler
     * reads as the tenant check; the next check is the retry.
     */
    @Test
    void givenTenantsOnThenTheScheduleInvokesTheFunctionEveryAccountCheckMinutesAsATenantCheck()
            throws Exception {
        Intrinsics tenants = stack("Disabled", "Enabled");
        Map<String, Object> schedule = TEMPLATE.properties("CircuitBreakerTenantCheck");

        assertThat(TEMPLATE.resource("CircuitBreakerTenantCheck"))
                .containsEntry("Type", "AWS::Scheduler::Schedule");
        assertThat(tenants.property("CircuitBreakerTenantCheck", "ScheduleExpression"))
                .contains("rate(15 minutes)");
        assertThat(schedule.get("ScheduleExpression"))
                .isEqualTo(
                        CloudFormationTemplate.map(
                                        TEMPLATE.properties("AccountWatchFunction").get("Events"),
                                        "Events")
                                .entrySet()
                                .stream()
                                .map(
                                        e ->
                                                CloudFormationTemplate.map(
                                                                CloudFormationTemplate.map(
                                                                                e.getValue(),
                                                                                "event")
                                                                        .get("Properties"),
                                                                "properties")
                                                        .get("ScheduleExpression"))
                                .findFirst()
                                .orElseThrow());
        Map<String, Object> target = CloudFormationTemplate.map(schedule.get("Target"), "Target");
        assertThat(target)
                .containsEntry("Arn", FUNCTION_ARN)
                .containsEntry(
                        "RoleArn",
                        Map.of("Fn::GetAtt", List.of("CircuitBreakerScheduleRole", "Arn")))
                .containsEntry("RetryPolicy", Map.of("MaximumRetryAttempts", 0L));
        assertThat(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .readValue((String) target.get("Input"), Map.class))
                .isEqualTo(Map.of("check", "tenants"));
        Map<String, Object> role = TEMPLATE.properties("CircuitBreakerScheduleRole");
        assertThat(role.get("AssumeRolePolicyDocument").toString())
                .contains("scheduler.amazonaws.com", "aws:SourceAccount");
        assertThat(role.get("Policies"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "PolicyName",
                                        "invoke-circuit-breaker",
                                        "PolicyDocument",
                                        Map.of(
                                                "Version",
                                                "2012-10-17",
                                                "Statement",
                                                List.of(
                                                        Map.of(
                                                                "Sid",
                                                                "InvokeCircuitBreaker",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                "lambda:InvokeFunction",
                                                                "Resource",
                                                                FUNCTION_ARN))))));
    }

    @Test
    void givenTenantsOnThenTheFunctionHearsTheThresholdsTheMinimumAndTheCheckInterval() {
        assertThat(
                        stack("Disabled", "Enabled")
                                .property("CircuitBreakerFunction", "Environment.Variables"))
                .hasValueSatisfying(
                        variables ->
                                assertThat(CloudFormationTemplate.map(variables, "variables"))
                                        .containsEntry("AUTO_PAUSE", "Disabled")
                                        .containsEntry("AUTO_PAUSE_TENANTS", "Enabled")
                                        .containsEntry("BOUNCE_RATE", "0.04")
                                        .containsEntry("TENANT_MINIMUM_SENDS", "100")
                                        .containsEntry("CHECK_MINUTES", "15")
                                        .hasEntrySatisfying(
                                                "COMPLAINT_RATE",
                                                rate ->
                                                        assertThat(
                                                                        Double.parseDouble(
                                                                                (String) rate))
                                                                .isEqualTo(0.0008)));
    }

    /** Each mode's grants, and no other: the tenant calls only with AutoPauseTenants. */
    @Test
    void givenEachModeThenTheRoleGrantsThatModesCallsOnly() {
        assertThat(statements(stack("Disabled", "Enabled")))
                .containsExactly(
                        "ListTenants ses:ListTenants *",
                        "PauseTenants [ses:GetReputationEntity, ses:UpdateReputationEntityCustomerManagedStatus]"
                                + " arn:aws:ses:eu-west-1:123456789012:tenant/*",
                        "ReadTenantMetrics cloudwatch:GetMetricData *",
                        "SayWhatWasPaused",
                        "WriteOwnLog");
        assertThat(statements(stack("Account", "Disabled")))
                .containsExactly(
                        "PauseAccount [ses:GetAccountSendingEnabled, ses:UpdateAccountSendingEnabled] *",
                        "SayWhatWasPaused",
                        "WriteOwnLog");
        assertThat(statements(stack("ConfigurationSet", "Enabled")))
                .startsWith(
                        "PauseConfigurationSet [ses:DescribeConfigurationSet,"
                                + " ses:UpdateConfigurationSetSendingEnabled] *",
                        "ListTenants ses:ListTenants *");
    }

    /** Each statement as "Sid Action Resource", the topic's and the log's by Sid alone. */
    private static List<String> statements(Intrinsics stack) {
        List<?> policies = (List<?>) stack.property("CircuitBreakerRole", "Policies").orElseThrow();
        Map<String, Object> document =
                CloudFormationTemplate.map(
                        CloudFormationTemplate.map(policies.get(0), "policy").get("PolicyDocument"),
                        "document");
        return ((List<?>) document.get("Statement"))
                .stream()
                        .map(statement -> CloudFormationTemplate.map(statement, "statement"))
                        .map(
                                statement ->
                                        List.of("SayWhatWasPaused", "WriteOwnLog")
                                                        .contains(statement.get("Sid"))
                                                ? (String) statement.get("Sid")
                                                : statement.get("Sid")
                                                        + " "
                                                        + statement.get("Action")
                                                        + " "
                                                        + statement.get("Resource"))
                        .toList();
    }

    /**
     * SES reviews the account at a 5% bounce rate and a 0.1% complaint rate: the template's
     * SesLevels.
     */
    @Test
    void thresholdsDefaultBelowSesReviewLevelsAndABurstOfBouncesTripsItToo() {
        assertThat(((Number) TEMPLATE.parameterDefault("AutoPauseBounceRate")).doubleValue())
                .isLessThan(
                        Double.parseDouble(
                                (String)
                                        TEMPLATE.findInMap(
                                                List.of("SesLevels", "BounceRate", "Review"))));
        assertThat(((Number) TEMPLATE.parameterDefault("AutoPauseComplaintRate")).doubleValue())
                .isLessThan(
                        Double.parseDouble(
                                (String)
                                        TEMPLATE.findInMap(
                                                List.of("SesLevels", "ComplaintRate", "Review"))));
        assertThat(TEMPLATE.parameterDefault("AutoPauseBounceCount")).isEqualTo(100L);
        assertThat(ALARMS)
                .extracting(alarm -> TEMPLATE.properties(alarm).get("Threshold"))
                .containsExactly(
                        Map.of("Ref", "AutoPauseBounceCount"),
                        Map.of("Ref", "AutoPauseBounceRate"),
                        Map.of("Ref", "AutoPauseComplaintRate"));
        assertThat(ALARMS)
                .extracting(alarm -> TEMPLATE.properties(alarm).get("MetricName"))
                .containsExactly("Bounce", "Reputation.BounceRate", "Reputation.ComplaintRate");
    }

    /**
     * No OK action: sending resumes by hand, once someone knows why it stopped. The topic hears the
     * alarm too (chat posts only real alarm notifications), and each alarm is created after the
     * permission that lets it invoke.
     */
    @Test
    void theAlarmsInvokeTheFunctionWhenTheyGoToAlarmAndOnlyThen() {
        assertThat(ALARMS)
                .allSatisfy(
                        alarm ->
                                assertThat(TEMPLATE.resource(alarm))
                                        .containsEntry(
                                                "DependsOn", "CircuitBreakerInvokedByAlarms"));
        assertThat(ALARMS)
                .allSatisfy(
                        alarm ->
                                assertThat(TEMPLATE.properties(alarm))
                                        .containsEntry(
                                                "AlarmActions",
                                                List.of(
                                                        FUNCTION_ARN,
                                                        Map.of("Ref", "FeedbackTopic")))
                                        .containsEntry("Namespace", "AWS/SES")
                                        .containsEntry(
                                                "ComparisonOperator",
                                                "GreaterThanOrEqualToThreshold")
                                        .doesNotContainKeys(
                                                "OKActions", "InsufficientDataActions"));
    }

    /**
     * A breaker that could not pause says so on the topic: Lambda counts an invocation that failed
     * all three attempts in AsyncEventsDropped. To the topic only (no OK action, and the function's
     * permission does not admit it).
     */
    @Test
    void anAlarmTheBreakerCouldNotActOnReachesTheTopic() {
        assertThat(TEMPLATE.properties("CircuitBreakerFailedAlarm"))
                .containsEntry("Namespace", "AWS/Lambda")
                .containsEntry("MetricName", "AsyncEventsDropped")
                .containsEntry(
                        "Dimensions",
                        List.of(
                                Map.of(
                                        "Name",
                                        "FunctionName",
                                        "Value",
                                        Map.of("Ref", "CircuitBreakerFunction"))))
                .containsEntry("Statistic", "Sum")
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching")
                .containsEntry("AlarmActions", List.of(Map.of("Ref", "FeedbackTopic")))
                .doesNotContainKeys("OKActions", "InsufficientDataActions");
        assertThat(TEMPLATE.properties("CircuitBreakerFunction").get("EventInvokeConfig"))
                .as("the retries after which Lambda drops the invocation")
                .isEqualTo(Map.of("MaximumRetryAttempts", 2L, "MaximumEventAgeInSeconds", 3600L));
    }

    /**
     * The permission's SourceArn (ArnLike) covers each of the stack's auto-pause alarms and no
     * other alarm.
     */
    @Test
    void onlyTheStacksAutoPauseAlarmsMayInvokeTheFunction() {
        Map<String, Object> permission = TEMPLATE.properties("CircuitBreakerInvokedByAlarms");
        assertThat(permission)
                .containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("FunctionName", FUNCTION_ARN)
                .containsEntry("Principal", "lambda.alarms.cloudwatch.amazonaws.com")
                .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
        Pattern sourceArn =
                Pattern.compile(
                        sub((String)
                                        CloudFormationTemplate.map(
                                                        permission.get("SourceArn"), "SourceArn")
                                                .get("Fn::Sub"))
                                .replace("*", ".*"));

        assertThat(ALARMS)
                .allSatisfy(
                        alarm ->
                                assertThat(
                                                sourceArn
                                                        .matcher(
                                                                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:"
                                                                        + sub(
                                                                                (String)
                                                                                        CloudFormationTemplate
                                                                                                .map(
                                                                                                        TEMPLATE.properties(
                                                                                                                        alarm)
                                                                                                                .get(
                                                                                                                        "AlarmName"),
                                                                                                        "AlarmName")
                                                                                                .get(
                                                                                                        "Fn::Sub")))
                                                        .matches())
                                        .as(alarm)
                                        .isTrue());
        assertThat(
                        sourceArn
                                .matcher(
                                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ses-feedback-dev-bounce-count")
                                .matches())
                .as("the warning alarm")
                .isFalse();
        assertThat(
                        sourceArn
                                .matcher(
                                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ses-feedback-dev-circuit-breaker-failed")
                                .matches())
                .as("the breaker's own failure alarm")
                .isFalse();
    }

    /**
     * In a shared account another sender's bounces must not pause this stack's set, nor its own
     * burst go unseen: the set's own Reputation rates (SES Developer Guide, "Automatically pausing
     * email sending for a configuration set") and its own Bounce count. Account mode reads the
     * account's.
     */
    @Test
    void configurationSetModeAlarmsOnTheSetsOwnMetricsAndAccountModeOnTheAccounts() {
        Intrinsics setMode =
                new Intrinsics(
                        TEMPLATE,
                        "ses-feedback-dev",
                        "eu-west-1",
                        Map.of(
                                "AutoPause",
                                "ConfigurationSet",
                                "ConfigurationSetName",
                                "loadtest"));
        Intrinsics accountMode =
                new Intrinsics(
                        TEMPLATE, "ses-feedback-dev", "eu-west-1", Map.of("AutoPause", "Account"));

        assertThat(ALARMS)
                .allSatisfy(
                        alarm -> {
                            assertThat(setMode.property(alarm, "Dimensions"))
                                    .as(alarm)
                                    .contains(
                                            List.of(
                                                    Map.of(
                                                            "Name",
                                                            "ses:configuration-set",
                                                            "Value",
                                                            "loadtest")));
                            assertThat(accountMode.property(alarm, "Dimensions"))
                                    .as(alarm)
                                    .isEmpty();
                        });
    }

    /**
     * SES publishes a set's own counts only to a CloudWatch event destination, with the set's
     * auto-tag as dimension.
     */
    @Test
    void configurationSetModePublishesTheSetsBouncesWithItsNameAsTheDimension() {
        Intrinsics setMode =
                new Intrinsics(
                        TEMPLATE,
                        "ses-feedback-dev",
                        "eu-west-1",
                        Map.of(
                                "AutoPause",
                                "ConfigurationSet",
                                "ConfigurationSetName",
                                "loadtest"));

        assertThat(setMode.creates("ConfigurationSetBounceCount")).isTrue();
        assertThat(
                        new Intrinsics(
                                        TEMPLATE,
                                        "ses-feedback-dev",
                                        "eu-west-1",
                                        Map.of("AutoPause", "Account"))
                                .creates("ConfigurationSetBounceCount"))
                .isFalse();
        assertThat(setMode.property("ConfigurationSetBounceCount", "EventDestination"))
                .contains(
                        Map.of(
                                "Name",
                                "bounce-count",
                                "Enabled",
                                true,
                                "MatchingEventTypes",
                                List.of("bounce"),
                                "CloudWatchDestination",
                                Map.of(
                                        "DimensionConfigurations",
                                        List.of(
                                                Map.of(
                                                        "DimensionName",
                                                        "ses:configuration-set",
                                                        "DimensionValueSource",
                                                        "messageTag",
                                                        "DefaultDimensionValue",
                                                        "loadtest")))));
    }

    @Test
    void configurationSetModeRefusesToDeployWithoutTheStacksConfigurationSet() {
        Map<String, Object> rule =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Rules").get("AutoPauseConfigurationSetNeedsOne"), "rule");

        assertThat(rule)
                .containsEntry(
                        "RuleCondition",
                        Map.of(
                                "Fn::Equals",
                                List.of(Map.of("Ref", "AutoPause"), "ConfigurationSet")));
        assertThat(
                        CloudFormationTemplate.map(
                                ((List<?>) rule.get("Assertions")).get(0), "assertion"))
                .containsEntry(
                        "Assert",
                        Map.of(
                                "Fn::Not",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(
                                                        Map.of("Ref", "ConfigurationSetName"),
                                                        "")))));
    }

    private static String sub(String text) {
        return text.replace("${AWS::Partition}", "aws")
                .replace("${AWS::Region}", "eu-west-1")
                .replace("${AWS::AccountId}", "123456789012")
                .replace("${AWS::StackName}", "ses-feedback-dev");
    }
}
