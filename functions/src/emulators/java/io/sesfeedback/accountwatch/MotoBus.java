package io.sesfeedback.accountwatch;

import io.sesfeedback.notification.Json;
import io.sesfeedback.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An event bus of its own on a moto server, standing for a member's default bus, with a rule that
 * sends what the watch puts on it to a queue, as the member's forwarding rule sends it to the hub:
 * moto delivers put_events to an SQS target at once, the whole event as the message body.
 */
final class MotoBus implements AutoCloseable {

    final String name = "ses-feedback-" + UUID.randomUUID() + "-bus";
    final EventBridgeClient events;
    private final SqsClient sqs;
    private final String queueUrl;

    MotoBus(MotoServer moto, ExecutionInterceptor... interceptors) {
        sqs = moto.client(SqsClient.builder());
        try (EventBridgeClient setup = moto.client(EventBridgeClient.builder())) {
            setup.createEventBus(request -> request.name(name));
            queueUrl =
                    sqs.createQueue(request -> request.queueName("hub-" + UUID.randomUUID()))
                            .queueUrl();
            String queueArn = MotoStack.arnOf(sqs, queueUrl);
            setup.putRule(
                    request ->
                            request.name("to-hub")
                                    .eventBusName(name)
                                    .eventPattern(
                                            "{\"source\": [\"ses-feedback\"],"
                                                    + " \"detail-type\": [\"Account Status Changed\"]}"));
            setup.putTargets(
                    request ->
                            request.rule("to-hub")
                                    .eventBusName(name)
                                    .targets(target -> target.id("hub").arn(queueArn)));
        }
        events = moto.client(EventBridgeClient.builder(), interceptors);
    }

    /** The bus as the handler wires it for a member of {@code environment}. */
    AccountWatch.Bus bus(String environment) {
        return new EventBridgeBus(events, name, environment);
    }

    /** The events put on the bus since the last call, each as EventBridge delivers its text. */
    List<String> received() {
        return MotoStack.drain(sqs, queueUrl);
    }

    /** {@link #received} read as JSON objects. */
    List<Map<String, Object>> receivedEvents() {
        return received().stream().map(Json::readObject).toList();
    }

    @Override
    public void close() {
        events.close();
        sqs.close();
    }
}
