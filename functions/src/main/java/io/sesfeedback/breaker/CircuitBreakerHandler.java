package io.sesfeedback.breaker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.SnsTopic;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The circuit breaker's Lambda entry point: the stack's auto-pause alarms invoke it directly (their
 * Lambda action), and it pauses sending (CircuitBreaker). One JSON log line per invocation. A
 * failed call (a refused permission, throttling, any other) is logged and thrown: Lambda retries
 * the invocation at most twice (the function's EventInvokeConfig), and an invocation that fails all
 * three times is counted in AsyncEventsDropped, which the circuit-breaker-failed alarm watches, so
 * a breaker that could not pause never stays silent.
 */
public class CircuitBreakerHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** The function in template.yaml, which sets its environment. */
    static final String FUNCTION = "CircuitBreakerFunction";

    private final CircuitBreaker breaker;
    private final FunctionLog log;

    public CircuitBreakerHandler() {
        this(fromEnvironment(Environment.of(FUNCTION)), FunctionLog.standardOutput());
    }

    CircuitBreakerHandler(CircuitBreaker breaker, FunctionLog log) {
        this.breaker = breaker;
        this.log = log;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        log.invocation(context);
        AlarmEvent alarm = AlarmEvent.of(event);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("alarm", alarm.alarmName());
        line.put("alarmState", alarm.state());
        line.put("scope", breaker.scope().mode().name());
        if (breaker.scope().configurationSet() != null) {
            line.put("configurationSet", breaker.scope().configurationSet());
        }
        try {
            CircuitBreaker.Result result = breaker.trip(alarm);
            line.put("outcome", result.outcome().name());
            line.put("resume", breaker.resumeCommand());
            log.info(
                    switch (result.outcome()) {
                        case PAUSED -> "Paused SES sending";
                        case ALREADY_PAUSED -> "SES sending was paused already: nothing new paused";
                        case IGNORED -> "Alarm state " + alarm.state() + " pauses nothing";
                    },
                    line);
            return result.outcome().name();
        } catch (FailedCall failure) {
            line.put("outcome", "FAILED");
            line.put("failure", failure.kind().name());
            line.put("action", failure.action());
            line.put("resource", failure.resource());
            line.put("error", failure.detail());
            log.error(
                    failure.kind() == FailedCall.Kind.DENIED
                            ? "Not allowed: "
                                    + failure.action()
                                    + " on "
                                    + failure.resource()
                                    + " (CircuitBreakerRole in"
                                    + " template.yaml); Lambda retries the invocation, which passes once the role allows it"
                            : failure.action()
                                    + " failed ("
                                    + failure.kind()
                                    + "); Lambda retries the invocation",
                    line);
            throw failure;
        }
    }

    static CircuitBreaker fromEnvironment(Environment environment) {
        Region region = Region.of(environment.required("AWS_REGION"));
        // retried with backoff should another caller share SES's rate; no call may use the
        // function's whole timeout
        SesClient ses =
                SesClient.builder()
                        .region(region)
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(
                                c ->
                                        c.retryStrategy(RetryMode.ADAPTIVE_V2)
                                                .apiCallTimeout(CALL_TIMEOUT))
                        .build();
        SnsClient sns =
                SnsClient.builder()
                        .region(region)
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                        .build();
        return breaker(environment, ses, sns);
    }

    /**
     * The breaker the function's environment (template.yaml, CircuitBreakerFunction) describes, on
     * these clients.
     */
    static CircuitBreaker breaker(Environment environment, SesClient ses, SnsClient sns) {
        PauseScope scope =
                PauseScope.of(
                        environment.optional("AUTO_PAUSE"),
                        environment.optional("CONFIGURATION_SET"),
                        environment.required("AWS_REGION"));
        return new CircuitBreaker(
                scope,
                environment.required("ENVIRONMENT"),
                environment.required("STACK_NAME"),
                new SesSending(ses, scope, environment.required("CONFIGURATION_SET_ARN_PREFIX")),
                new SnsTopic(sns, environment.required("TOPIC_ARN"))::publish,
                Clock.systemUTC());
    }
}
