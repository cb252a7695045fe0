package io.sesfeedback.breaker;

import io.sesfeedback.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The stack's feedback topic on moto with a queue subscribed to it (raw delivery): what the breaker
 * published, read back as the inbox would get it.
 */
final class MotoInbox implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;

    private MotoInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Creates the topic CircuitBreakerOnMotoTest.TOPIC and subscribes a new queue to it. */
    static MotoInbox subscribe(MotoServer moto, String queueName) {
        SqsClient sqs = moto.client(SqsClient.builder());
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        try (SnsClient sns = moto.client(SnsClient.builder())) {
            String topic =
                    sns.createTopic(r -> r.name(CircuitBreakerOnMotoTest.STACK + "-feedback"))
                            .topicArn();
            if (!topic.equals(CircuitBreakerOnMotoTest.TOPIC)) {
                throw new IllegalStateException("moto named the topic " + topic);
            }
            sns.subscribe(
                    r ->
                            r.topicArn(topic)
                                    .protocol("sqs")
                                    .attributes(Map.of("RawMessageDelivery", "true"))
                                    .endpoint(
                                            "arn:aws:sqs:"
                                                    + MotoServer.REGION.id()
                                                    + ":"
                                                    + MotoServer.ACCOUNT
                                                    + ":"
                                                    + queueName));
        }
        return new MotoInbox(sqs, queueUrl);
    }

    /** What the topic delivered since the last call, each body as a map. */
    List<Map<String, Object>> published() {
        List<Message> messages =
                sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
        messages.forEach(
                m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages.stream().map(m -> AlarmEvents.read(m.body())).toList();
    }

    @Override
    public void close() {
        sqs.close();
    }
}
