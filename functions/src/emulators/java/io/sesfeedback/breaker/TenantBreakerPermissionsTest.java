package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * CircuitBreakerRole as a tenants-only stack (AutoPause Disabled, AutoPauseTenants Enabled) grants
 * it, against the calls of a tenant check that pauses one tenant, finds one paused already and one
 * resumed inside the window: every call allowed, every grant used but the log's, "*" only for
 * actions without a resource type; and none of the account modes' switches.
 */
@Tag("moto")
class TenantBreakerPermissionsTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("..", "template.yaml"));

    private static List<RecordedCalls.Call> calls;

    @BeforeAll
    static void recordATenantCheck() throws Exception {
        try (MotoServer moto = MotoServer.start();
                SesV2StandIn ses = SesV2StandIn.start();
                CloudWatchClient cloudWatch =
                        moto.client(CloudWatchClient.builder(), new CloudWatchOverJson())) {
            try (SnsClient sns = moto.client(SnsClient.builder())) {
                sns.createTopic(r -> r.name(CircuitBreakerOnMotoTest.STACK + "-feedback"));
            }
            TenantBreakerOnMotoTest.sent(
                    cloudWatch, TenantBreakerOnMotoTest.StandInTenant.of(ses, "acme"), 500, 30, 0);
            TenantBreakerOnMotoTest.sent(
                    cloudWatch,
                    TenantBreakerOnMotoTest.StandInTenant.of(ses, "paused"),
                    500,
                    30,
                    0);
            ses.customerStatus("paused", "DISABLED", 1_700_000_000);
            TenantBreakerOnMotoTest.sent(
                    cloudWatch,
                    TenantBreakerOnMotoTest.StandInTenant.of(ses, "resumed"),
                    500,
                    30,
                    0);
            ses.customerStatus(
                    "resumed",
                    "ENABLED",
                    Instant.now().minus(Duration.ofMinutes(5)).getEpochSecond());
            TenantBreakerOnMotoTest.TenantCalls recorded =
                    new TenantBreakerOnMotoTest.TenantCalls();
            assertThat(
                            TenantBreakerOnMotoTest.handler(moto, ses, recorded, new ArrayList<>())
                                    .handleRequest(CircuitBreakerHandler.TENANT_CHECK, null))
                    .isEqualTo("PAUSED_TENANTS 1");
            calls = List.copyOf(recorded.calls);
        }
    }

    @Test
    void givenATenantsOnlyStackThenTheRoleAllowsEveryCallOfTheCheckAndGrantsNothingElse() {
        RolePolicy role =
                RolePolicy.of(
                        TEMPLATE,
                        "CircuitBreakerRole",
                        Map.of(
                                "CircuitBreakerLogGroup",
                                "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/"
                                        + CircuitBreakerOnMotoTest.STACK
                                        + "-circuit-breaker:*",
                                "FeedbackTopic",
                                CircuitBreakerOnMotoTest.TOPIC),
                        Map.of(
                                "AWS::Partition",
                                "aws",
                                "AWS::Region",
                                MotoServer.REGION.id(),
                                "AWS::AccountId",
                                MotoServer.ACCOUNT),
                        Map.of(
                                "UseAutoPause",
                                false,
                                "PauseConfigurationSet",
                                false,
                                "UseAutoPauseTenants",
                                true,
                                "UseCustomerManagedKey",
                                false));

        assertThat(calls)
                .extracting(RecordedCalls.Call::action)
                .contains(
                        "ses:ListTenants",
                        "ses:GetReputationEntity",
                        "ses:UpdateReputationEntityCustomerManagedStatus",
                        "cloudwatch:GetMetricData",
                        "sns:Publish");
        assertThat(role.disallowed(calls)).as("calls the role does not allow").isEmpty();
        assertThat(role.unused(calls, Set.of("WriteOwnLog"))).as("grants no call uses").isEmpty();
        assertThat(role.misplacedStars()).isEmpty();
        assertThat(role.statements())
                .flatExtracting(RolePolicy.Statement::actions)
                .doesNotContain("ses:UpdateAccountSendingEnabled", "ses:GetAccountSendingEnabled");
    }
}
