package io.sesfeedback.tools.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.targets.Stack;
import io.sesfeedback.tools.targets.StackOutputs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * check's subscriptions line, on a loopback ListSubscriptionsByTopic in SNS's query protocol: SNS
 * lists an email subscription nobody confirmed with the SubscriptionArn "PendingConfirmation" (SNS
 * API reference, Subscription), which moto never does (it confirms every subscription at once).
 */
class SubscriptionsCheckTest {

    private static final String TOPIC =
            "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback";
    private static final String RECORDER =
            subscription(
                    "lambda",
                    TOPIC + ":0b1c",
                    "arn:aws:lambda:eu-west-1:123456789012:function:r:live");
    private static final StackReadChecks CHECKS = checks(Map.of());

    @Test
    void anEmailNobodyConfirmedIsNamedWithWhatToDo() throws IOException {
        CheckResult result =
                subscriptions(
                        RECORDER, subscription("email", "PendingConfirmation", "ops@example.com"));

        assertThat(result.line())
                .isEqualTo(
                        "✗ subscriptions: ops@example.com not confirmed yet\n    to do: open the mail"
                                + " 'AWS Notification - Subscription Confirmation' and choose Confirm subscription");
    }

    @Test
    void noEmailSubscriptionMeansNobodyHearsTheAlarms() throws IOException {
        assertThat(subscriptions(RECORDER).line())
                .isEqualTo(
                        "✗ subscriptions: no email or chat subscription: nobody receives the alarms"
                                + "\n    to do: deploy with AlarmEmail=ADDRESS in parameter_overrides");
    }

    @Test
    void aConfirmedEmailAndTheRecorderPass() throws IOException {
        assertThat(
                        subscriptions(
                                        RECORDER,
                                        subscription("email", TOPIC + ":9f2e", "ops@example.com"))
                                .line())
                .isEqualTo("✓ subscriptions: recorder subscribed; confirmed: ops@example.com");
    }

    /**
     * AWS Chatbot subscribes itself over https: a stack that posts to chat only has someone
     * listening.
     */
    @Test
    void chatAloneIsSomeoneListening() throws IOException {
        assertThat(
                        subscriptions(
                                        RECORDER,
                                        subscription(
                                                "https",
                                                TOPIC + ":c4a1",
                                                "https://global.sns-api.chatbot.amazonaws.com"))
                                .line())
                .isEqualTo("✓ subscriptions: recorder subscribed; confirmed: chat");
    }

    /**
     * SNS deletes an email subscription nobody confirmed in three days; deploying the same
     * AlarmEmail does not bring it back.
     */
    @Test
    void anAlarmEmailThatIsNoLongerSubscribedIsNamedWithTheCommandThatSubscribesIt()
            throws IOException {
        StackReadChecks withAlarmEmail = checks(Map.of("AlarmEmail", "ops@example.com"));

        assertThat(
                        subscriptions(
                                        withAlarmEmail,
                                        RECORDER,
                                        subscription("email", TOPIC + ":1", "someone@example.com"))
                                .line())
                .isEqualTo(
                        "✗ subscriptions: AlarmEmail ops@example.com is not subscribed (SNS deletes a subscription left"
                                + " unconfirmed for three days, and a deploy with the same value does not make it again)\n    to do:"
                                + " aws sns subscribe --topic-arn "
                                + TOPIC
                                + " --protocol email --notification-endpoint"
                                + " ops@example.com, then confirm it");
    }

    @Test
    void aTopicWithoutTheRecorderFails() throws IOException {
        assertThat(subscriptions(subscription("email", TOPIC + ":9f2e", "ops@example.com")).line())
                .startsWith("✗ subscriptions: the recorder is not subscribed");
    }

    /** The dev stack with these parameters; AlarmEmail's default, as template.yaml's, is empty. */
    private static StackReadChecks checks(Map<String, String> parameters) {
        return new StackReadChecks(
                new Stack(
                        "ses-feedback-dev",
                        parameters,
                        new StackOutputs(Map.of("FeedbackTopicArn", TOPIC))),
                name -> parameters.getOrDefault(name, ""),
                "dev",
                Clock.systemUTC());
    }

    private static CheckResult subscriptions(String... members) throws IOException {
        return subscriptions(CHECKS, members);
    }

    private static CheckResult subscriptions(StackReadChecks checks, String... members)
            throws IOException {
        String body =
                "<ListSubscriptionsByTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<ListSubscriptionsByTopicResult><Subscriptions>"
                        + Stream.of(members).collect(Collectors.joining())
                        + "</Subscriptions></ListSubscriptionsByTopicResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                        + "</ListSubscriptionsByTopicResponse>";
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/xml");
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        try (SnsClient sns =
                Cli.client(
                        SnsClient.builder(),
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))) {
            return checks.subscriptions(sns);
        } finally {
            server.stop(0);
        }
    }

    private static String subscription(String protocol, String arn, String endpoint) {
        return "<member><TopicArn>"
                + TOPIC
                + "</TopicArn><Protocol>"
                + protocol
                + "</Protocol><SubscriptionArn>"
                + arn
                + "</SubscriptionArn><Owner>123456789012</Owner><Endpoint>"
                + endpoint
                + "</Endpoint></member>";
    }
}
