package io.sesfeedback.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** What a rule's SQS target received on moto: every message body, as JSON, until none is left. */
final class QueueBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueBodies() {}

    static List<JsonNode> drain(SqsClient sqs, String queueUrl) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages =
                    sqs.receiveMessage(
                                    request ->
                                            request.queueUrl(queueUrl)
                                                    .maxNumberOfMessages(10)
                                                    .waitTimeSeconds(0)
                                                    .visibilityTimeout(60))
                            .messages();
            for (Message message : messages) {
                bodies.add(JSON.readTree(message.body()));
            }
        } while (!messages.isEmpty());
        return bodies;
    }
}
