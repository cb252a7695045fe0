package io.sesfeedback.accountwatch;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.SnsTopic;
import io.sesfeedback.support.VirtualTime;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A feedback table (its key schema as template.yaml has it) and topic of their own on a moto
 * server, with a queue subscribed to the topic that shows what was published; the watcher wired to
 * them as Lambda wires it, SES being the stand-in.
 */
final class MotoStack implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("..", "template.yaml"));

    private final MotoServer moto;
    final String table = "ses-feedback-" + UUID.randomUUID() + "-feedback";
    final String topicArn;
    private final String queueUrl;
    final DynamoDbClient dynamo;
    final SnsClient sns;
    private final SqsClient sqs;

    /** Reads the table for the tests, unseen by the interceptors. */
    private final DynamoDbClient reader;

    private final Clock schedule = new Schedule(Instant.parse("2026-11-20T10:00:00Z"));

    MotoStack(MotoServer moto, ExecutionInterceptor... interceptors) {
        this.moto = moto;
        sqs = moto.client(SqsClient.builder());
        reader = moto.client(DynamoDbClient.builder());
        // the stack's resources come from CloudFormation, not from the function: made by clients
        // the interceptors do not see
        try (SnsClient topics = moto.client(SnsClient.builder())) {
            TemplateTable.create(reader, TEMPLATE, table);
            topicArn =
                    topics.createTopic(request -> request.name("ses-feedback-dev-feedback"))
                            .topicArn();
            queueUrl =
                    sqs.createQueue(request -> request.queueName("inbox-" + UUID.randomUUID()))
                            .queueUrl();
            String queueArn = arnOf(sqs, queueUrl);
            topics.subscribe(
                    request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        }
        dynamo = moto.client(DynamoDbClient.builder(), interceptors);
        sns = moto.client(SnsClient.builder(), interceptors);
    }

    /**
     * The watcher as the handler's no-argument constructor wires it, on this stack and on {@code
     * ses}, pacing in virtual time.
     */
    AccountWatch watch(SesV2Client ses) {
        return new AccountWatch(
                SesV2StandIn.REGION,
                new SesAccountSource(ses, new VirtualTime()),
                history(),
                AccountWatch.Topic.on(new SnsTopic(sns, topicArn)),
                schedule);
    }

    /** The same watcher, also putting each change on {@code bus} (null: none). */
    AccountWatch watch(SesV2Client ses, AccountWatch.Bus bus) {
        return new AccountWatch(
                SesV2StandIn.REGION,
                new SesAccountSource(ses, new VirtualTime()),
                history(),
                AccountWatch.Topic.on(new SnsTopic(sns, topicArn)),
                bus,
                schedule);
    }

    DynamoStatusHistory history() {
        return new DynamoStatusHistory(dynamo, table, SesV2StandIn.REGION);
    }

    /**
     * What reached the subscribed queue since the last call, as the recorder would receive each
     * message (moto delivers at once).
     */
    List<SnsMessage> published() {
        List<SnsMessage> messages = new ArrayList<>();
        for (String body : drain(sqs, queueUrl)) {
            Map<String, Object> envelope = Json.readObject(body);
            messages.add(
                    new SnsMessage(
                            (String) envelope.get("MessageId"),
                            (String) envelope.get("TopicArn"),
                            (String) envelope.get("Subject"),
                            Instant.parse((String) envelope.get("Timestamp")),
                            (String) envelope.get("Message")));
        }
        return messages;
    }

    static String arnOf(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(
                        request ->
                                request.queueUrl(queueUrl)
                                        .attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** The bodies of what reached the queue since the last call (moto delivers at once). */
    static List<String> drain(SqsClient sqs, String queueUrl) {
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch =
                    sqs.receiveMessage(
                                    request ->
                                            request.queueUrl(queueUrl)
                                                    .maxNumberOfMessages(10)
                                                    .waitTimeSeconds(0))
                            .messages();
            for (Message message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(
                        request ->
                                request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return bodies;
    }

    /** Every item of the table, sort key order within the account's partition. */
    List<Map<String, AttributeValue>> items() {
        return reader.scan(request -> request.tableName(table)).items().stream()
                .sorted((a, b) -> a.get("sk").s().compareTo(b.get("sk").s()))
                .toList();
    }

    @Override
    public void close() {
        dynamo.close();
        sns.close();
        sqs.close();
        reader.close();
    }
}
