package io.sesfeedback.accountwatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Pacer;
import io.sesfeedback.support.SnsTopic;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The account watcher's Lambda entry point, invoked by its EventBridge Scheduler schedule (the
 * input is not read). Throttling and a denied call end the invocation normally after a log line:
 * the next scheduled check is the retry, and a failed invocation would only add Lambda's retries.
 * Any other failure fails the invocation after its line. A hub's member (EVENT_BUS_NAME set) also
 * puts each change on that bus ({@link EventBridgeBus}); a refused put is a failed call like the
 * others, and the next check puts the change on the bus alone ({@link AccountWatch}).
 */
public final class AccountWatchHandler implements RequestStreamHandler {

    /** A stalled call must not use the function's whole timeout. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final AccountWatch watch;
    private final WatchLog log;

    /** The function in template.yaml, which sets its environment. */
    static final String FUNCTION = "AccountWatchFunction";

    /** Lambda's: clients and names from the function's environment. */
    public AccountWatchHandler() {
        this(Environment.of(FUNCTION));
    }

    AccountWatchHandler(Environment environment) {
        this(
                fromEnvironment(environment),
                new WatchLog(
                        environment.required("METRICS_NAMESPACE"),
                        System.out::println,
                        Clock.systemUTC()));
    }

    AccountWatchHandler(AccountWatch watch, WatchLog log) {
        this.watch = watch;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        log.invocation(context);
        try {
            log.checked(watch.check());
        } catch (FailedCall e) {
            log.failed(e);
            if (e.kind() != FailedCall.Kind.THROTTLED && e.kind() != FailedCall.Kind.DENIED) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.crashed(e);
            throw e;
        }
    }

    private static AccountWatch fromEnvironment(Environment environment) {
        Region region = Region.of(environment.required("AWS_REGION"));
        // No SnapStart on this function: the credentials Lambda puts in the environment are the
        // role's for its whole life.
        EnvironmentVariableCredentialsProvider credentials =
                EnvironmentVariableCredentialsProvider.create();
        SdkHttpClient http = UrlConnectionHttpClient.create();
        ClientOverrideConfiguration timeouts =
                ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build();
        SesV2Client ses =
                SesV2Client.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(http)
                        .overrideConfiguration(timeouts)
                        .build();
        DynamoDbClient dynamo =
                DynamoDbClient.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(http)
                        .overrideConfiguration(timeouts)
                        .build();
        SnsClient sns =
                SnsClient.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(http)
                        .overrideConfiguration(timeouts)
                        .build();
        return new AccountWatch(
                region.id(),
                new SesAccountSource(ses, Pacer.Ticker.SYSTEM),
                new DynamoStatusHistory(
                        dynamo, environment.required("FEEDBACK_TABLE"), region.id()),
                AccountWatch.Topic.on(
                        new SnsTopic(sns, environment.required("FEEDBACK_TOPIC_ARN"))),
                busOf(
                        environment,
                        () ->
                                EventBridgeClient.builder()
                                        .region(region)
                                        .credentialsProvider(credentials)
                                        .httpClient(http)
                                        .overrideConfiguration(timeouts)
                                        .build()),
                Clock.systemUTC());
    }

    /**
     * A member's bus (EVENT_BUS_NAME, empty or unset outside a member), with the environment its
     * changes are of (ENVIRONMENT, then required); null when there is none, and no client built.
     */
    static AccountWatch.Bus busOf(Environment environment, Supplier<EventBridgeClient> client) {
        String busName = environment.optional("EVENT_BUS_NAME");
        if (busName == null || busName.isBlank()) {
            return null;
        }
        return new EventBridgeBus(client.get(), busName, environment.required("ENVIRONMENT"));
    }
}
