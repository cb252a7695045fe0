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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The circuit breaker's Lambda entry point: the stack's auto-pause alarms invoke it directly (their
 * Lambda action), and it pauses sending (CircuitBreaker); with AutoPauseTenants, its schedule
 * invokes it with {@code {"check": "tenants"}}, and it pauses each tenant over a threshold
 * (TenantBreaker). One JSON log line per invocation. A failed call (a refused permission,
 * throttling, any other) is logged and thrown: Lambda retries the invocation at most twice (the
 * function's EventInvokeConfig), and an invocation that fails all three times is counted in
 * AsyncEventsDropped, which the circuit-breaker-failed alarm watches, so a breaker that could not
 * pause never stays silent.
 */
public class CircuitBreakerHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** The function in template.yaml, which sets its environment. */
    static final String FUNCTION = "CircuitBreakerFunction";

    /** The most tenant names one log line lists per outcome; the count says how many in all. */
    static final int NAMES_LOGGED = 50;

    /** What the schedule passes (template.yaml, CircuitBreakerFunction's TenantCheck). */
    static final Map<String, Object> TENANT_CHECK = Map.of("check", "tenants");

    /** Null when AutoPause is Disabled: no alarm invokes the function then. */
    private final CircuitBreaker breaker;

    /** Null when AutoPauseTenants is Disabled: no schedule invokes the function then. */
    private final TenantBreaker tenants;

    private final FunctionLog log;

    public CircuitBreakerHandler() {
        this(Environment.of(FUNCTION), FunctionLog.standardOutput());
    }

    private CircuitBreakerHandler(Environment environment, FunctionLog log) {
        this(fromEnvironment(environment), tenantsFromEnvironment(environment), log);
    }

    CircuitBreakerHandler(CircuitBreaker breaker, FunctionLog log) {
        this(breaker, null, log);
    }

    CircuitBreakerHandler(CircuitBreaker breaker, TenantBreaker tenants, FunctionLog log) {
        this.breaker = breaker;
        this.tenants = tenants;
        this.log = log;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        log.invocation(context);
        if (TENANT_CHECK.get("check").equals(event.get("check"))) {
            return checkTenants();
        }
        if (breaker == null) {
            throw new IllegalStateException(
                    "AutoPause is Disabled: no alarm pauses anything, yet one invoked the breaker");
        }
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
            throw failed(failure, line);
        }
    }

    private String checkTenants() {
        if (tenants == null) {
            throw new IllegalStateException(
                    "AutoPauseTenants is Disabled: no schedule checks tenants, yet one invoked the"
                            + " breaker");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("check", "tenants");
        line.put("scope", "TENANT");
        try {
            TenantBreaker.Result result = tenants.check();
            line.put("tenants", result.tenants());
            line.put("sends", (long) result.sends());
            if (result.tenants() > 0 && result.sends() == 0) {
                // GetMetricData answers a wrong name or dimension with no data, not an error
                line.put(
                        "warning",
                        "CloudWatch has no Send of any tenant in the window: no tenant mailed, or"
                                + " AWS/SES names its per-tenant metrics otherwise (aws cloudwatch"
                                + " list-metrics --namespace AWS/SES --dimensions Name=TenantName)");
            }
            for (TenantBreaker.Outcome outcome : TenantBreaker.Outcome.values()) {
                List<String> names = result.names(outcome);
                if (outcome != TenantBreaker.Outcome.UNDER_LIMITS && !names.isEmpty()) {
                    String key = outcome.name().toLowerCase(Locale.ROOT);
                    // bounded: a log event holds 256 KB, and thousands of tenants may be paused
                    line.put(key, names.subList(0, Math.min(names.size(), NAMES_LOGGED)));
                    line.put(key + "_count", names.size());
                }
            }
            long paused = result.count(TenantBreaker.Outcome.PAUSED);
            line.put("outcome", paused > 0 ? "PAUSED" : "NOTHING_PAUSED");
            log.info(
                    paused > 0
                            ? "Paused " + paused + " SES tenant(s) over a threshold"
                            : "No SES tenant to pause: each under its thresholds, too few sends,"
                                    + " paused already or resumed inside the window",
                    line);
            return paused > 0 ? "PAUSED_TENANTS " + paused : "NOTHING_PAUSED";
        } catch (FailedCall failure) {
            throw failed(failure, line);
        }
    }

    /** Logs the failure and hands it back to be thrown: Lambda retries the invocation. */
    private FailedCall failed(FailedCall failure, Map<String, Object> line) {
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
        return failure;
    }

    static CircuitBreaker fromEnvironment(Environment environment) {
        if ("Disabled".equals(environment.optional("AUTO_PAUSE"))) {
            return null;
        }
        Region region = Region.of(environment.required("AWS_REGION"));
        return breaker(
                environment,
                client(SesClient.builder(), region, RetryMode.ADAPTIVE_V2),
                client(SnsClient.builder(), region, null));
    }

    static TenantBreaker tenantsFromEnvironment(Environment environment) {
        if (!"Enabled".equals(environment.optional("AUTO_PAUSE_TENANTS"))) {
            return null;
        }
        Region region = Region.of(environment.required("AWS_REGION"));
        return tenantBreaker(
                environment,
                client(SesV2Client.builder(), region, RetryMode.ADAPTIVE_V2),
                client(CloudWatchClient.builder(), region, RetryMode.ADAPTIVE_V2),
                client(SnsClient.builder(), region, null),
                Clock.systemUTC());
    }

    /**
     * A client in the function's region: SES and CloudWatch calls retried with backoff should
     * another caller share their rate; no call may use the function's whole timeout.
     */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, Region region, RetryMode retry) {
        return builder.region(region)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        c -> {
                            c.apiCallTimeout(CALL_TIMEOUT);
                            if (retry != null) {
                                c.retryStrategy(retry);
                            }
                        })
                .build();
    }

    /**
     * The tenant breaker the function's environment describes (AutoPauseBounceRate,
     * AutoPauseComplaintRate, AutoPauseTenantMinimumSends, AccountCheckMinutes), on these clients.
     */
    static TenantBreaker tenantBreaker(
            Environment environment,
            SesV2Client ses,
            CloudWatchClient cloudWatch,
            SnsClient sns,
            Clock clock) {
        return new TenantBreaker(
                new TenantLimits(
                        Double.parseDouble(environment.required("BOUNCE_RATE")),
                        Double.parseDouble(environment.required("COMPLAINT_RATE")),
                        Long.parseLong(environment.required("TENANT_MINIMUM_SENDS")),
                        TenantLimits.window(Long.parseLong(environment.required("CHECK_MINUTES")))),
                environment.required("ENVIRONMENT"),
                environment.required("STACK_NAME"),
                environment.required("AWS_REGION"),
                new SesTenants(ses),
                new CloudWatchTenantMetrics(cloudWatch),
                new SnsTopic(sns, environment.required("TOPIC_ARN"))::publish,
                clock);
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
