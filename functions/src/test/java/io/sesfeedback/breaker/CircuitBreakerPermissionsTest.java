package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.identities.ApiCalls;
import io.sesfeedback.identities.MotoSes;
import io.sesfeedback.identities.RolePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CircuitBreakerRole, as template.yaml grants it in each AutoPause mode (without the customer managed key: moto's SNS
 * calls no KMS), against the calls CircuitBreakerOnMotoTest recorded in that mode: every call allowed, every grant used
 * but the function's own log, "*" only for actions without a resource type. Runs after the moto tests (@Order).
 */
@Tag("moto")
@Order(Integer.MAX_VALUE)
class CircuitBreakerPermissionsTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    private static RolePolicy role(boolean configurationSet) throws Exception {
        String arn = "arn:aws:logs:" + MotoSes.REGION.id() + ":" + MotoSes.ACCOUNT + ":log-group:/aws/lambda/"
                + CircuitBreakerOnMotoTest.STACK + "-circuit-breaker:*";
        return RolePolicy.of(TEMPLATE, "CircuitBreakerRole",
                Map.of("CircuitBreakerLogGroup", arn, "FeedbackTopic", CircuitBreakerOnMotoTest.TOPIC),
                Map.of("AWS::Partition", "aws", "AWS::Region", MotoSes.REGION.id(), "AWS::AccountId", MotoSes.ACCOUNT,
                        "ConfigurationSetName", CircuitBreakerOnMotoTest.CONFIGURATION_SET),
                Map.of("PauseConfigurationSet", configurationSet, "UseCustomerManagedKey", false));
    }

    @ParameterizedTest(name = "configuration set: {0}")
    @CsvSource({"true", "false"})
    void theRoleAllowsEveryCallOfItsModeAndGrantsNothingElse(boolean configurationSet) throws Exception {
        List<ApiCalls.Call> calls = (configurationSet ? CircuitBreakerOnMotoTest.CONFIGURATION_SET_CALLS
                : CircuitBreakerOnMotoTest.ACCOUNT_CALLS).calls();
        RolePolicy role = role(configurationSet);

        assertThat(calls).as("calls recorded by CircuitBreakerOnMotoTest in this run").isNotEmpty();
        assertThat(role.disallowed(calls)).as("calls the role does not allow").isEmpty();
        assertThat(role.unused(calls, Set.of("WriteOwnLog"))).as("grants no call uses").isEmpty();
        assertThat(role.misplacedStars()).isEmpty();
    }
}
