package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The account watcher as CloudFormation deploys it after the Serverless transform: an EventBridge
 * Scheduler schedule that invokes the function with a role of its own, no retries, and every
 * resource gone with AccountWatch=Disabled. (functions/' own tests tie the function's role,
 * environment and alarm to its code.)
 */
@Tag("sam-translator")
class AccountWatchTransformTest {

    private static final String CONDITION = "UseAccountWatch";
    private static final Map<String, Object> FUNCTION_ARN =
            Map.of("Fn::GetAtt", List.of("AccountWatchFunction", "Arn"));

    private static CloudFormationTemplate template;

    @BeforeAll
    static void translate() throws Exception {
        template =
                SamTranslation.of(Path.of("template.yaml"), Map.of("Environment", "dev"))
                        .template();
    }

    @Test
    void theScheduleRunsTheFunctionEveryAccountCheckMinutesWithItsOwnRoleAndNoRetry() {
        // the circuit breaker's tenant check has a schedule of its own (CircuitBreakerTemplateTest)
        List<String> schedules =
                template.resourcesOfType("AWS::Scheduler::Schedule").stream()
                        .filter(
                                schedule ->
                                        FUNCTION_ARN.equals(
                                                CloudFormationTemplate.map(
                                                                template.properties(schedule)
                                                                        .get("Target"),
                                                                "Target")
                                                        .get("Arn")))
                        .toList();

        assertThat(schedules)
                .singleElement()
                .satisfies(
                        schedule -> {
                            Map<String, Object> properties = template.properties(schedule);
                            assertThat(properties)
                                    .containsEntry(
                                            "ScheduleExpression",
                                            Map.of(
                                                    "Fn::Sub",
                                                    "rate(${AccountCheckMinutes} minutes)"))
                                    .containsEntry("FlexibleTimeWindow", Map.of("Mode", "OFF"));
                            assertThat(
                                            CloudFormationTemplate.map(
                                                    properties.get("Target"), "Target"))
                                    .containsEntry("Arn", FUNCTION_ARN)
                                    .containsEntry(
                                            "RoleArn",
                                            Map.of(
                                                    "Fn::GetAtt",
                                                    List.of("AccountWatchScheduleRole", "Arn")))
                                    .containsEntry(
                                            "RetryPolicy", Map.of("MaximumRetryAttempts", 0L));
                        });
        assertThat(template.parameterDefault("AccountCheckMinutes")).isEqualTo(15L);
    }

    @Test
    void aFailedCheckIsNotRetriedTheNextScheduledCheckIs() {
        assertThat(template.resourcesOfType("AWS::Lambda::EventInvokeConfig"))
                .filteredOn(
                        id ->
                                Map.of("Ref", "AccountWatchFunction")
                                        .equals(template.properties(id).get("FunctionName")))
                .singleElement()
                .satisfies(
                        id ->
                                assertThat(template.properties(id))
                                        .containsEntry("MaximumRetryAttempts", 0L));
    }

    @Test
    void theScheduleRoleMayInvokeTheWatcherOnlyAndOnlyForThisAccount() {
        Map<String, Object> role = template.properties("AccountWatchScheduleRole");

        assertThat(role.toString()).contains("scheduler.amazonaws.com", "aws:SourceAccount");
        assertThat(role.get("Policies"))
                .asList()
                .singleElement()
                .satisfies(
                        policy ->
                                assertThat(
                                                CloudFormationTemplate.map(
                                                                CloudFormationTemplate.map(
                                                                                policy, "policy")
                                                                        .get("PolicyDocument"),
                                                                "document")
                                                        .get("Statement"))
                                        .isEqualTo(
                                                List.of(
                                                        Map.of(
                                                                "Sid",
                                                                "InvokeAccountWatch",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                "lambda:InvokeFunction",
                                                                "Resource",
                                                                FUNCTION_ARN))));
    }

    @Test
    void everyResourceOfTheWatcherGoesWithAccountWatchDisabledAndItIsOnByDefault() {
        List<String> watcher =
                template.section("Resources").keySet().stream()
                        .filter(
                                id ->
                                        id.startsWith("AccountWatch")
                                                || id.startsWith("AccountNotHealthy")
                                                || id.startsWith("AccountCheck"))
                        .toList();

        assertThat(watcher)
                .containsExactlyInAnyOrder(
                        "AccountWatchFunction",
                        "AccountWatchFunctionCheck",
                        "AccountWatchFunctionEventInvokeConfig",
                        "AccountWatchRole",
                        "AccountWatchScheduleRole",
                        "AccountWatchLogGroup",
                        "AccountNotHealthyAlarm",
                        "AccountCheckFailingAlarm",
                        "AccountWatchSilentAlarm",
                        "AccountWatchErrorsAlarm");
        assertThat(watcher)
                .allSatisfy(
                        id ->
                                assertThat(template.resource(id))
                                        .containsEntry("Condition", CONDITION));
        assertThat(template.section("Conditions"))
                .containsEntry(
                        CONDITION,
                        Map.of("Fn::Equals", List.of(Map.of("Ref", "AccountWatch"), "Enabled")));
        assertThat(template.parameterDefault("AccountWatch")).isEqualTo("Enabled");
        assertThat(
                        CloudFormationTemplate.map(
                                template.section("Outputs").get("AccountWatchFunctionName"),
                                "output"))
                .containsEntry("Condition", CONDITION);
    }
}
