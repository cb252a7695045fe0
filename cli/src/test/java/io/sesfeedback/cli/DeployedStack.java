package io.sesfeedback.cli;

import io.sesfeedback.local.CloudFormationTemplate;
import io.sesfeedback.local.MotoDynamoDb;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.local.TemplateTable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The dev environment as the operator command finds it: stack {@value #STACK} (samconfig.toml's dev) on moto, with the
 * parameters resume and check read (AutoPause, ConfigurationSetName, NotifiedIdentities, ...) and the feedback topic, whose
 * outputs name the feedback table (on the same moto, created from template.yaml), the failed-feedback and
 * undelivered-feedback queues (their MaximumMessageSize as template.yaml sets it, SQS's 256 KiB where it does not) and
 * the notification log group.
 */
final class DeployedStack implements AutoCloseable {

    static final String STACK = "ses-feedback-dev";
    static final String TABLE = "ses-feedback-dev-feedback";
    static final String LOG_GROUP = "/ses-feedback/ses-feedback-dev/notifications";

    static final int RETENTION_DAYS = 30;

    /** SQS's own MaximumMessageSize, for a queue that does not set one. */
    private static final long SQS_DEFAULT_MAXIMUM_MESSAGE_SIZE = 262_144;

    /** The parameter, resources and outputs of template.yaml that the operator command reads. */
    private static final String TEMPLATE = """
            {"Parameters": {"RecordRetentionDays": {"Type": "String", "Default": "%d"},
               "AutoPause": {"Type": "String", "Default": "Disabled"}, "ConfigurationSetName": {"Type": "String", "Default": ""},
               "NotifiedIdentities": {"Type": "String", "Default": ""}, "BlockedRecipientDomains": {"Type": "String", "Default": "reserved"},
               "AccountWatch": {"Type": "String", "Default": "Enabled"}, "AccountCheckMinutes": {"Type": "String", "Default": "15"},
               "DeliveryNotifications": {"Type": "String", "Default": "Disabled"}},
             "Resources": {
               "FeedbackTopic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "ses-feedback-dev-feedback"}},
               "FailedFeedbackQueue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "ses-feedback-dev-failed-feedback",
                 "MaximumMessageSize": %d}},
               "UndeliveredFeedbackQueue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "ses-feedback-dev-undelivered-feedback",
                 "MaximumMessageSize": %d}},
               "FeedbackLogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "%s"}}},
             "Outputs": {
               "FeedbackTopicArn": {"Value": {"Ref": "FeedbackTopic"}},
               "FeedbackTableName": {"Value": "%s"},
               "FailedFeedbackQueueUrl": {"Value": {"Ref": "FailedFeedbackQueue"}},
               "UndeliveredFeedbackQueueUrl": {"Value": {"Ref": "UndeliveredFeedbackQueue"}},
               "FeedbackLogGroupName": {"Value": {"Ref": "FeedbackLogGroup"}}}}
            """;

    /** moto for every service, DynamoDB as {@link MotoDynamoDb} serves it. */
    private final MotoDynamoDb moto;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final CloudWatchLogsClient logs;
    private final String queueUrl;
    private final String undeliveredQueueUrl;
    private final String body;

    private DeployedStack(MotoDynamoDb moto) throws IOException {
        this.moto = moto;
        // moto keeps each region's tables apart: the command's region
        this.dynamo = Cli.client(DynamoDbClient.builder(), moto.endpoint());
        this.sqs = Cli.client(SqsClient.builder(), moto.endpoint());
        this.logs = Cli.client(CloudWatchLogsClient.builder(), moto.endpoint());
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));
        this.body = TEMPLATE.formatted(RETENTION_DAYS, maximumMessageSize(template, "FailedFeedbackQueue"),
                maximumMessageSize(template, "UndeliveredFeedbackQueue"), LOG_GROUP, TABLE);
        try (CloudFormationClient cloudFormation = Cli.client(CloudFormationClient.builder(), moto.endpoint())) {
            cloudFormation.createStack(r -> r.stackName(STACK).templateBody(body));
            Map<String, String> outputs = cloudFormation.describeStacks(r -> r.stackName(STACK)).stacks().get(0).outputs()
                    .stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
            this.queueUrl = outputs.get("FailedFeedbackQueueUrl");
            this.undeliveredQueueUrl = outputs.get("UndeliveredFeedbackQueueUrl");
        }
    }

    private static long maximumMessageSize(CloudFormationTemplate template, String queue) {
        Object size = template.properties(queue).get("MaximumMessageSize");
        return size == null ? SQS_DEFAULT_MAXIMUM_MESSAGE_SIZE : ((Number) size).longValue();
    }

    /** The stack updated to these parameter values (the others take the template's defaults), as a redeploy would. */
    void parameters(Map<String, String> values) {
        try (CloudFormationClient cloudFormation = Cli.client(CloudFormationClient.builder(), moto.endpoint())) {
            cloudFormation.updateStack(r -> r.stackName(STACK).templateBody(body).parameters(values.entrySet().stream()
                    .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build()).toList()));
        }
    }

    static DeployedStack start() throws IOException, InterruptedException {
        return new DeployedStack(MotoDynamoDb.start());
    }

    URI dynamoEndpoint() {
        return moto.endpoint();
    }

    URI motoEndpoint() {
        return moto.endpoint();
    }

    Targets targets() {
        return Cli.targets(Map.of("dynamodb", moto.endpoint(), "sqs", moto.endpoint(),
                "cloudformation", moto.endpoint(), "logs", moto.endpoint()));
    }

    /** An empty table and an empty queue. */
    void reset() throws IOException {
        try {
            dynamo.deleteTable(r -> r.tableName(TABLE));
        } catch (ResourceNotFoundException none) {
            // first test of the class
        }
        TemplateTable.create(dynamo, CloudFormationTemplate.load(Path.of("template.yaml")), TABLE);
        sqs.purgeQueue(r -> r.queueUrl(queueUrl));
        sqs.purgeQueue(r -> r.queueUrl(undeliveredQueueUrl));
    }

    String queueUrl() {
        return queueUrl;
    }

    /** Onto the failed-feedback queue, as Lambda's on-failure destination; the message's id. */
    String send(String body) {
        return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** Onto the undelivered-feedback queue, as the subscription's dead-letter queue. */
    void sendUndelivered(String body) {
        sqs.sendMessage(r -> r.queueUrl(undeliveredQueueUrl).messageBody(body));
    }

    /** Messages in the undelivered-feedback queue, visible or not. */
    int undeliveredMessages() {
        return sqs.getQueueAttributes(r -> r.queueUrl(undeliveredQueueUrl).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Messages another reader could receive now. */
    int visibleMessages() {
        return count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Messages received and not yet released or deleted. */
    int hiddenMessages() {
        return count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private int count(QueueAttributeName attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(attribute))
                .attributes().get(attribute));
    }

    FeedbackQueries queries() {
        return new FeedbackQueries(dynamo, TABLE);
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The notification log's lines, every stream. */
    List<String> logLines() {
        return logs.filterLogEventsPaginator(r -> r.logGroupName(LOG_GROUP)).events().stream()
                .map(FilteredLogEvent::message).toList();
    }

    @Override
    public void close() throws InterruptedException {
        sqs.close();
        logs.close();
        dynamo.close();
        moto.close();
    }
}
