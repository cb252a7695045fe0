package io.sesfeedback.recorder;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.StorePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The recorder as Lambda runs it: SDK clients and configuration from the function's environment
 * variables.
 */
public final class RecorderFactory {

    /** The variables template.yaml sets, read once. */
    record Settings(
            Region region,
            String table,
            String logGroup,
            StorePolicy storePolicy,
            String metricsNamespace,
            AccountEnvironments environments) {

        static Settings of(Map<String, String> env) {
            return new Settings(
                    Region.of(required(env, "AWS_REGION")),
                    required(env, "FEEDBACK_TABLE"),
                    required(env, "FEEDBACK_LOG_GROUP"),
                    RecorderFactory.storePolicy(env),
                    required(env, "METRICS_NAMESPACE"),
                    RecorderFactory.environments(env));
        }

        /** A recorder that names no environment. */
        Settings(
                Region region,
                String table,
                String logGroup,
                StorePolicy storePolicy,
                String metricsNamespace) {
            this(region, table, logGroup, storePolicy, metricsNamespace, AccountEnvironments.NONE);
        }
    }

    /**
     * A hub's members (MEMBER_ENVIRONMENTS, empty outside a hub) and the stack's own environment
     * (ENVIRONMENT); a stack whose template sets neither names no environment.
     */
    public static AccountEnvironments environments(Map<String, String> env) {
        return AccountEnvironments.parse(env.get("MEMBER_ENVIRONMENTS"), env.get("ENVIRONMENT"));
    }

    /**
     * How the store keeps what, from the variables template.yaml sets (the cost benchmark reads
     * them the same way).
     */
    public static StorePolicy storePolicy(Map<String, String> env) {
        return new StorePolicy(
                days(env, "RECORD_RETENTION_DAYS"),
                days(env, "DELIVERY_RETENTION_DAYS"),
                "Enabled".equals(required(env, "STORE_DELIVERY_BODIES")),
                Integer.parseInt(required(env, "SOFT_BOUNCE_LIMIT")));
    }

    private static Duration days(Map<String, String> env, String name) {
        return Duration.ofDays(Long.parseLong(required(env, name)));
    }

    /** The settings and the two SDK clients, built once per container. */
    record Wiring(Settings settings, DynamoDbClient dynamo, CloudWatchLogsClient logs) {

        FeedbackRecorder newRecorder() {
            Clock clock = Clock.systemUTC();
            return new FeedbackRecorder(
                    new NotificationParser(),
                    new FeedbackStore(dynamo, settings.table(), settings.storePolicy(), clock),
                    new CloudWatchFeedbackLog(logs, settings.logGroup(), clock),
                    settings.environments());
        }
    }

    /**
     * A stalled call fails well inside the function's 30 s, so that Lambda retries the invocation:
     * 5 s an attempt, 10 s a call.
     */
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

    private RecorderFactory() {}

    static Wiring wiring(Map<String, String> env) {
        return wiring(
                Settings.of(env), UrlConnectionHttpClient::create, LambdaCredentials.provider());
    }

    /**
     * Clients on the given HTTP client (for Lambda, the lightest one: quick to start) and
     * credentials.
     */
    static Wiring wiring(
            Settings settings, Supplier<SdkHttpClient> http, AwsCredentialsProvider credentials) {
        return new Wiring(
                settings,
                client(DynamoDbClient.builder(), settings.region(), http.get(), credentials),
                client(CloudWatchLogsClient.builder(), settings.region(), http.get(), credentials));
    }

    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(
            B builder, Region region, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(
                        c ->
                                c.apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                                        .apiCallTimeout(API_CALL_TIMEOUT))
                .build();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "Environment variable " + name + " is not set; the template sets it");
        }
        return value;
    }
}
