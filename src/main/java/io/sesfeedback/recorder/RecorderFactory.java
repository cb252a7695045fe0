package io.sesfeedback.recorder;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.store.FeedbackStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The recorder as Lambda runs it: SDK clients and configuration from the function's environment variables. */
public final class RecorderFactory {

    private RecorderFactory() {
    }

    public static FeedbackRecorder fromEnvironment(Map<String, String> env) {
        Region region = Region.of(required(env, "AWS_REGION"));
        String table = required(env, "FEEDBACK_TABLE");
        String logGroup = required(env, "FEEDBACK_LOG_GROUP");
        Duration retention = Duration.ofDays(Long.parseLong(required(env, "RECORD_RETENTION_DAYS")));
        Clock clock = Clock.systemUTC();
        return new FeedbackRecorder(
                new NotificationParser(),
                new FeedbackStore(client(DynamoDbClient.builder(), region), table, retention, clock),
                new CloudWatchFeedbackLog(client(CloudWatchLogsClient.builder(), region), logGroup, clock));
    }

    /** Lambda's region and credentials from the environment, and the lightest HTTP client: quick to start. */
    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(B builder, Region region) {
        return builder.region(region)
                .credentialsProvider(LambdaCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set; the template sets it");
        }
        return value;
    }
}
