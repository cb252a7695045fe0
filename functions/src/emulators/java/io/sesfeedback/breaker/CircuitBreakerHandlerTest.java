package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.testing.lambda.LocalContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The handler's log line and its answer to a failed call: a refused permission is not retried,
 * throttling is.
 */
class CircuitBreakerHandlerTest {

    private static final PauseScope ACCOUNT = PauseScope.of("Account", "", "eu-west-1");
    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00.250Z");

    private final List<String> lines = new ArrayList<>();

    private CircuitBreakerHandler handler(Sending sending) {
        return new CircuitBreakerHandler(
                new CircuitBreaker(
                        ACCOUNT,
                        "stg",
                        "ses-feedback-stg",
                        sending,
                        (s, b) -> {},
                        Clock.fixed(NOW, ZoneOffset.UTC)),
                new FunctionLog(lines::add, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** A switch whose every call fails as SES answers with this error code. */
    private static Sending failing(String code, int status) {
        return new Sending() {
            @Override
            public boolean enabled() {
                throw FailedCall.of(
                        AwsServiceException.builder()
                                .statusCode(status)
                                .awsErrorDetails(
                                        AwsErrorDetails.builder()
                                                .errorCode(code)
                                                .errorMessage("from SES")
                                                .build())
                                .build(),
                        "ses:GetAccountSendingEnabled",
                        "*");
            }

            @Override
            public void pause() {
                throw new AssertionError("not reached");
            }
        };
    }

    private Map<String, Object> onlyLine() {
        assertThat(lines).hasSize(1);
        return AlarmEvents.read(lines.get(0));
    }

    @Test
    void aPauseIsOneJsonLineNamingTheAlarmTheOutcomeAndTheResumeCommand() throws Exception {
        String answer =
                handler(new CircuitBreakerTest.Switch())
                        .handleRequest(AlarmEvents.inState("ALARM"), null);

        assertThat(answer).isEqualTo("PAUSED");
        assertThat(onlyLine())
                .containsEntry("level", "INFO")
                .containsEntry("message", "Paused SES sending")
                .containsEntry("alarm", AlarmEvents.ALARM)
                .containsEntry("scope", "ACCOUNT")
                .containsEntry("outcome", "PAUSED")
                .containsEntry("resume", "bin/ses-feedback resume --env stg");
    }

    /**
     * Thrown like any failure: after Lambda's two retries, AsyncEventsDropped sets off the
     * circuit-breaker-failed alarm.
     */
    @Test
    void accessDeniedIsOneStructuredErrorLineAndThrownSoThatAnUnpausedAlarmIsNeverSilent()
            throws Exception {
        assertThatThrownBy(
                        () ->
                                handler(failing("AccessDenied", 403))
                                        .handleRequest(AlarmEvents.inState("ALARM"), null))
                .isInstanceOf(FailedCall.class);

        assertThat(onlyLine())
                .containsEntry("level", "ERROR")
                .containsEntry("outcome", "FAILED")
                .containsEntry("failure", "DENIED")
                .containsEntry("action", "ses:GetAccountSendingEnabled")
                .containsEntry("resource", "*")
                .containsEntry("error", "AccessDenied: from SES")
                .containsEntry(
                        "message",
                        "Not allowed: ses:GetAccountSendingEnabled on * (CircuitBreakerRole in"
                                + " template.yaml); Lambda retries the invocation, which passes once the role allows it");
    }

    @Test
    void throttlingIsOneStructuredErrorLineAndThrownSoThatLambdaRetriesAtMostTwice()
            throws Exception {
        assertThatThrownBy(
                        () ->
                                handler(failing("Throttling", 400))
                                        .handleRequest(AlarmEvents.inState("ALARM"), null))
                .isInstanceOf(FailedCall.class)
                .satisfies(
                        thrown ->
                                assertThat(thrown.getStackTrace())
                                        .as("the log line says it all")
                                        .isEmpty());

        assertThat(onlyLine())
                .containsEntry("level", "ERROR")
                .containsEntry("failure", "THROTTLED")
                .containsEntry(
                        "message",
                        "ses:GetAccountSendingEnabled failed (THROTTLED); Lambda retries the invocation");
    }

    @Test
    void theLineCarriesTheInvocationsRequestId() {
        handler(new CircuitBreakerTest.Switch())
                .handleRequest(AlarmEvents.inState("ALARM"), new LocalContext("alarm-1"));

        assertThat(onlyLine()).containsEntry("function_request_id", "alarm-1");
    }

    /**
     * Lambda's JSON log format takes a line's level only beside a valid timestamp; else ERROR shows
     * as INFO.
     */
    @Test
    void theLineCarriesAnRfc3339TimestampBesideItsLevel() {
        assertThatThrownBy(
                        () ->
                                handler(failing("Throttling", 400))
                                        .handleRequest(AlarmEvents.inState("ALARM"), null))
                .isInstanceOf(FailedCall.class);

        assertThat(lines)
                .singleElement()
                .asString()
                .startsWith("{\"timestamp\":\"2026-11-20T10:15:00.250Z\",\"level\":\"ERROR\"");
    }

    @Test
    void theFunctionsEnvironmentBuildsTheBreakerForItsMode() {
        Map<String, String> environment =
                Map.of(
                        "AWS_REGION",
                        "eu-west-1",
                        "AUTO_PAUSE",
                        "ConfigurationSet",
                        "CONFIGURATION_SET",
                        "loadtest",
                        "ENVIRONMENT",
                        "dev",
                        "STACK_NAME",
                        "ses-feedback-dev",
                        "TOPIC_ARN",
                        "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback",
                        "CONFIGURATION_SET_ARN_PREFIX",
                        "arn:aws:ses:eu-west-1:123456789012:configuration-set/");

        CircuitBreaker breaker =
                CircuitBreakerHandler.fromEnvironment(
                        new Environment(environment, CircuitBreakerHandler.FUNCTION));

        assertThat(breaker.scope())
                .isEqualTo(
                        new PauseScope(PauseScope.Mode.CONFIGURATION_SET, "loadtest", "eu-west-1"));
        assertThat(breaker.resumeCommand()).isEqualTo("bin/ses-feedback resume --env dev");
    }
}
