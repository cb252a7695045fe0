package io.sesfeedback.tools.benchmark;

import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The services the child JVMs write to, on free loopback ports: moto's DynamoDB (our launcher:
 * transactions that roll back item by item), with the table created from template.yaml in {@link
 * MotoDynamoDb#REGION}, and a moto server for CloudWatch Logs, with the function's log group and
 * the floor's stream. The SDK in a child finds them through AWS_ENDPOINT_URL_DYNAMODB and
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.
 */
final class Emulators implements AutoCloseable {

    static final String STACK = "ses-feedback-benchmark";
    private static final String TABLE = STACK + "-feedback";
    private static final String LOG_GROUP = "/ses-feedback/" + STACK + "/notifications";

    private final MotoDynamoDb dynamo;
    private final MotoServer moto;

    private Emulators(MotoDynamoDb dynamo, MotoServer moto) {
        this.dynamo = dynamo;
        this.moto = moto;
    }

    static Emulators start(CloudFormationTemplate template)
            throws IOException, InterruptedException {
        MotoDynamoDb dynamo = MotoDynamoDb.start();
        Emulators emulators;
        try {
            emulators = new Emulators(dynamo, MotoServer.start());
        } catch (Exception e) {
            dynamo.close();
            throw e;
        }
        try (DynamoDbClient client = dynamo.client();
                CloudWatchLogsClient logs = emulators.moto.cloudWatchLogs()) {
            TemplateTable.create(client, template, TABLE);
            logs.createLogGroup(request -> request.logGroupName(LOG_GROUP));
            logs.createLogStream(
                    request -> request.logGroupName(LOG_GROUP).logStreamName(FloorRun.LOG_STREAM));
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
        return emulators;
    }

    /**
     * Template resources the function's environment refers to, by logical id: the names they have
     * here.
     */
    Map<String, String> resourceNames() {
        return Map.of(TemplateTable.TABLE_RESOURCE, TABLE, "FeedbackLogGroup", LOG_GROUP);
    }

    Map<String, String> endpoints() {
        return Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB",
                dynamo.endpoint().toString(),
                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
                moto.endpoint().toString());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            moto.close();
        } finally {
            dynamo.close();
        }
    }
}
