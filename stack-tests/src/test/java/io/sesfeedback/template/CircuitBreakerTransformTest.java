package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker as CloudFormation deploys it after the Serverless transform, pausing a
 * configuration set.
 */
@Tag("sam-translator")
class CircuitBreakerTransformTest {

    private static CloudFormationTemplate template;

    @BeforeAll
    static void translate() throws Exception {
        template =
                SamTranslation.of(
                                Path.of("template.yaml"),
                                Map.of(
                                        "Environment",
                                        "dev",
                                        "AutoPause",
                                        "ConfigurationSet",
                                        "ConfigurationSetName",
                                        "loadtest"))
                        .template();
    }

    @Test
    void theFunctionRunsTheIdentityNotificationsModulesBreakerWithItsOwnRole() {
        assertThat(template.resource("CircuitBreakerFunction"))
                .containsEntry("Type", "AWS::Lambda::Function")
                .containsEntry("Condition", "UseCircuitBreaker");
        assertThat(template.properties("CircuitBreakerFunction"))
                .containsEntry(
                        "Code",
                        Map.of("S3Bucket", "ses-feedback-artifacts", "S3Key", "functions.zip"))
                .containsEntry(
                        "Handler", "io.sesfeedback.breaker.CircuitBreakerHandler::handleRequest")
                .containsEntry("Role", Map.of("Fn::GetAtt", List.of("CircuitBreakerRole", "Arn")))
                .doesNotContainKey("SnapStart");
        assertThat(template.resourcesOfType("AWS::IAM::Role"))
                .as("no role made by the transform")
                .contains("CircuitBreakerRole")
                .containsExactlyInAnyOrderElementsOf(
                        RecorderFixture.TEMPLATE.resourcesOfType("AWS::IAM::Role"));
    }

    /**
     * A failed invocation is retried twice, never in a loop; the alarm invokes the function itself,
     * not an alias.
     */
    @Test
    void lambdaRetriesAFailedPauseAtMostTwice() {
        List<String> configs =
                template.resourcesOfType("AWS::Lambda::EventInvokeConfig").stream()
                        .filter(
                                id ->
                                        Map.of("Ref", "CircuitBreakerFunction")
                                                .equals(
                                                        template.properties(id)
                                                                .get("FunctionName")))
                        .toList();

        assertThat(configs)
                .singleElement()
                .satisfies(
                        id ->
                                assertThat(template.properties(id))
                                        .containsEntry("MaximumRetryAttempts", 2L)
                                        .containsEntry("Qualifier", "$LATEST"));
        assertThat(template.section("Rules"))
                .as("the transform keeps the rule")
                .containsKey("AutoPauseConfigurationSetNeedsOne");
    }

    /**
     * Tenants alone: the transform keeps the schedule as declared (a resource of its own, not a SAM
     * event that would exist whatever the condition) and makes no role for it.
     */
    @Test
    void givenTenantsOnlyWhenTransformedThenTheScheduleAndItsRoleAreTheTemplatesOwn()
            throws Exception {
        CloudFormationTemplate tenantsOnly =
                SamTranslation.of(
                                Path.of("template.yaml"),
                                Map.of(
                                        "Environment",
                                        "dev",
                                        "AutoPause",
                                        "Disabled",
                                        "AutoPauseTenants",
                                        "Enabled"))
                        .template();

        assertThat(tenantsOnly.resourcesOfType("AWS::Scheduler::Schedule"))
                .contains("CircuitBreakerTenantCheck");
        assertThat(tenantsOnly.resource("CircuitBreakerTenantCheck"))
                .containsEntry("Condition", "UseAutoPauseTenants");
        assertThat(tenantsOnly.properties("CircuitBreakerFunction"))
                .containsEntry(
                        "Timeout", Map.of("Fn::If", List.of("UseAutoPauseTenants", 300L, 60L)));
        assertThat(tenantsOnly.resourcesOfType("AWS::IAM::Role"))
                .as("no role made by the transform")
                .contains("CircuitBreakerRole", "CircuitBreakerScheduleRole")
                .containsExactlyInAnyOrderElementsOf(
                        RecorderFixture.TEMPLATE.resourcesOfType("AWS::IAM::Role"));
    }
}
