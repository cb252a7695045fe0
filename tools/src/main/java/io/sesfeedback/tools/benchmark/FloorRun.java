package io.sesfeedback.tools.benchmark;

import io.sesfeedback.store.FeedbackTable;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The bare-SDK floor: the recorder's two clients, built as RecorderFactory builds them from the
 * same environment, and one PutItem and one PutLogEvents per message. Plain builders, no lambdas or
 * string concatenation: the floor is the SDK's cost alone.
 */
final class FloorRun implements Workload {

    /** Created by the driver beside the function's log group. */
    static final String LOG_STREAM = "floor";

    private final String keyPrefix;
    private final String table = System.getenv("FEEDBACK_TABLE");
    private final String logGroup = System.getenv("FEEDBACK_LOG_GROUP");
    private DynamoDbClient dynamo;
    private CloudWatchLogsClient logs;

    FloorRun(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    @Override
    public void init(Phases init) {
        Region region = Region.of(System.getenv("AWS_REGION"));
        dynamo =
                DynamoDbClient.builder()
                        .region(region)
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        logs =
                CloudWatchLogsClient.builder()
                        .region(region)
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        init.end("clients");
    }

    @Override
    public void invoke(int i, Phases phases) {
        String key = keyPrefix.concat(Integer.toString(i));
        dynamo.putItem(
                PutItemRequest.builder()
                        .tableName(table)
                        .item(
                                Map.of(
                                        FeedbackTable.PK,
                                        AttributeValue.fromS("FLOOR#".concat(key)),
                                        FeedbackTable.SK,
                                        AttributeValue.fromS("FLOOR")))
                        .build());
        phases.end("putItem");
        logs.putLogEvents(
                PutLogEventsRequest.builder()
                        .logGroupName(logGroup)
                        .logStreamName(LOG_STREAM)
                        .logEvents(
                                InputLogEvent.builder()
                                        .timestamp(System.currentTimeMillis())
                                        .message(
                                                new StringBuilder("{\"floor\":\"")
                                                        .append(key)
                                                        .append("\"}")
                                                        .toString())
                                        .build())
                        .build());
        phases.end("putLogEvents");
    }
}
