package io.sesfeedback.recorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.jr.ob.JSON;
import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point for the feedback topic's SNS subscription. */
public final class FeedbackHandler implements RequestHandler<SNSEvent, Void> {

    private final FeedbackRecorder recorder;

    /** For Lambda: SDK clients and configuration from the function's environment, built once per container. */
    public FeedbackHandler() {
        this(fromEnvironment(System.getenv()));
    }

    public FeedbackHandler(FeedbackRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            FeedbackRecorder.Outcome outcome = recorder.record(snsMessage(record.getSNS()));
            FeedbackMessage message = outcome.message();
            boolean unrecognised = message.type() == MessageType.UNRECOGNISED;
            context.getLogger().log(logLine(outcome, unrecognised), unrecognised ? LogLevel.WARN : LogLevel.INFO);
        }
        return null;
    }

    /** The SNS envelope without Lambda's event classes; a missing Timestamp (never sent by SNS) reads as the epoch. */
    public static SnsMessage snsMessage(SNSEvent.SNS sns) {
        Instant publishedAt = sns.getTimestamp() == null ? Instant.EPOCH : Instant.ofEpochMilli(sns.getTimestamp().getMillis());
        return new SnsMessage(sns.getMessageId(), sns.getTopicArn(), sns.getSubject(), publishedAt, sns.getMessage());
    }

    private static String logLine(FeedbackRecorder.Outcome outcome, boolean unrecognised) {
        FeedbackMessage message = outcome.message();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", unrecognised ? "Stored an unrecognised message as raw" : "Recorded feedback");
        line.put("type", message.type().label());
        line.put("snsMessageId", message.snsMessageId());
        if (message.sesMessageId() != null) {
            line.put("sesMessageId", message.sesMessageId());
        }
        line.put("recipients", message.recipients().size());
        line.put("redelivered", outcome.redelivered());
        if (unrecognised) {
            line.put("problem", message.problem());
        }
        try {
            return JSON.std.asString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorder as Lambda runs it, from the function's environment variables. */
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
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
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
