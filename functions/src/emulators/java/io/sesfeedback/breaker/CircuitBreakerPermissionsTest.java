package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * CircuitBreakerRole, as template.yaml grants it in each AutoPause mode (without the customer
 * managed key: moto's SNS calls no KMS), against the calls the breaker makes on moto in that mode
 * (an alarm that pauses, a second that finds sending paused): every call allowed, every grant used
 * but the function's own log, "*" only for actions without a resource type.
 */
@Tag("moto")
class CircuitBreakerPermissionsTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("..", "template.yaml"));

    /** The calls of each mode: configuration set (true) or account (false). */
    private static final Map<Boolean, List<RecordedCalls.Call>> CALLS = new HashMap<>();

    @BeforeAll
    static void recordBothModes() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            try (SesClient ses = moto.ses();
                    SnsClient sns = moto.client(SnsClient.builder())) {
                sns.createTopic(r -> r.name(CircuitBreakerOnMotoTest.STACK + "-feedback"));
                ses.createConfigurationSet(
                        r ->
                                r.configurationSet(
                                        c -> c.name(CircuitBreakerOnMotoTest.CONFIGURATION_SET)));
            }
            for (boolean configurationSet : List.of(true, false)) {
                RecordedCalls recorded =
                        new RecordedCalls(MotoServer.REGION.id(), MotoServer.ACCOUNT);
                CircuitBreakerHandler handler =
                        CircuitBreakerOnMotoTest.handler(
                                moto,
                                configurationSet ? "ConfigurationSet" : "Account",
                                configurationSet ? CircuitBreakerOnMotoTest.CONFIGURATION_SET : "",
                                recorded,
                                line -> {});
                assertThat(handler.handleRequest(AlarmEvents.inState("ALARM"), null))
                        .isEqualTo("PAUSED");
                assertThat(handler.handleRequest(AlarmEvents.inState("ALARM"), null))
                        .isEqualTo("ALREADY_PAUSED");
                CALLS.put(configurationSet, recorded.calls());
            }
        }
    }

    private static RolePolicy role(boolean configurationSet) throws Exception {
        String arn =
                "arn:aws:logs:"
                        + MotoServer.REGION.id()
                        + ":"
                        + MotoServer.ACCOUNT
                        + ":log-group:/aws/lambda/"
                        + CircuitBreakerOnMotoTest.STACK
                        + "-circuit-breaker:*";
        return RolePolicy.of(
                TEMPLATE,
                "CircuitBreakerRole",
                Map.of(
                        "CircuitBreakerLogGroup",
                        arn,
                        "FeedbackTopic",
                        CircuitBreakerOnMotoTest.TOPIC),
                Map.of(
                        "AWS::Partition",
                        "aws",
                        "AWS::Region",
                        MotoServer.REGION.id(),
                        "AWS::AccountId",
                        MotoServer.ACCOUNT,
                        "ConfigurationSetName",
                        CircuitBreakerOnMotoTest.CONFIGURATION_SET),
                Map.of(
                        "UseAutoPause",
                        true,
                        "PauseConfigurationSet",
                        configurationSet,
                        "UseAutoPauseTenants",
                        false,
                        "UseCustomerManagedKey",
                        false));
    }

    @ParameterizedTest(name = "configuration set: {0}")
    @CsvSource({"true", "false"})
    void theRoleAllowsEveryCallOfItsModeAndGrantsNothingElse(boolean configurationSet)
            throws Exception {
        List<RecordedCalls.Call> calls = CALLS.get(configurationSet);
        RolePolicy role = role(configurationSet);

        assertThat(calls).as("calls recorded on moto in this mode").isNotEmpty();
        assertThat(role.disallowed(calls)).as("calls the role does not allow").isEmpty();
        assertThat(role.unused(calls, Set.of("WriteOwnLog"))).as("grants no call uses").isEmpty();
        assertThat(role.misplacedStars()).isEmpty();
    }
}
