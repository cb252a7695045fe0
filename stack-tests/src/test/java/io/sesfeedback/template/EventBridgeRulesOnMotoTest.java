package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The stack's two rules, their patterns as template.yaml writes them, on moto's EventBridge (5.2.1:
 * it serves PutRule, PutTargets and PutEvents to an SQS target, not TestEventPattern, and invokes
 * no Lambda function or SNS topic from PutEvents): each rule sends to a queue of its own, and the
 * samples are put on the default bus. A second opinion beside EventBridgeRulesTest's evaluator.
 * moto accepts a source beginning with "aws." from PutEvents, which EventBridge does not, so SES's
 * events can be played here and nowhere else.
 */
@Tag("moto")
class EventBridgeRulesOnMotoTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("template.yaml"));
    private static final Path SAMPLES =
            Path.of("stack-tests/src/test/resources/io/sesfeedback/template/eventbridge");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static final Map<String, String> QUEUES = new LinkedHashMap<>();

    @BeforeAll
    static void putTheStacksRules() throws Exception {
        moto = MotoServer.start();
        events = moto.client(EventBridgeClient.builder());
        sqs = moto.client(SqsClient.builder());
        for (String rule : List.of("SesEmailEventsRule", "SesStatusEventsRule")) {
            String url = sqs.createQueue(request -> request.queueName(rule)).queueUrl();
            String arn =
                    sqs.getQueueAttributes(
                                    request ->
                                            request.queueUrl(url)
                                                    .attributeNamesWithStrings("QueueArn"))
                            .attributesAsStrings()
                            .get("QueueArn");
            String pattern = JSON.writeValueAsString(TEMPLATE.properties(rule).get("EventPattern"));
            events.putRule(request -> request.name(rule).eventPattern(pattern));
            events.putTargets(
                    request -> request.rule(rule).targets(target -> target.id("queue").arn(arn)));
            QUEUES.put(rule, url);
        }
        for (String sample :
                List.of(
                        "email-bounced.json",
                        "email-complaint-received.json",
                        "sending-status-disabled.json",
                        "advisor-recommendation-status-open.json",
                        "ses-api-call-via-cloudtrail.json")) {
            JsonNode event = JSON.readTree(Files.readString(SAMPLES.resolve(sample)));
            PutEventsResponse put =
                    events.putEvents(
                            request ->
                                    request.entries(
                                            PutEventsRequestEntry.builder()
                                                    .source(event.get("source").asText())
                                                    .detailType(event.get("detail-type").asText())
                                                    .detail(event.get("detail").toString())
                                                    .resources(resources(event.get("resources")))
                                                    .build()));
            assertThat(put.failedEntryCount()).as(sample).isZero();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        sqs.close();
        moto.close();
    }

    @Test
    void theEmailRuleDeliversTheBounceAndTheComplaintOnly() throws Exception {
        assertThat(detailTypesDelivered("SesEmailEventsRule"))
                .containsExactlyInAnyOrder("Email Bounced", "Email Complaint Received");
    }

    @Test
    void theStatusRuleDeliversTheStatusEventsOnlyWholeAsTheTopicWouldPublishThem()
            throws Exception {
        List<JsonNode> delivered = delivered("SesStatusEventsRule");

        assertThat(delivered)
                .extracting(event -> event.get("detail-type").asText())
                .containsExactlyInAnyOrder(
                        "Sending Status Disabled", "Advisor Recommendation Status Open");
        assertThat(delivered)
                .allSatisfy(
                        event ->
                                assertThat(event.has("source") && event.has("detail"))
                                        .as("the whole envelope, not only detail")
                                        .isTrue());
    }

    private static List<String> detailTypesDelivered(String rule) throws Exception {
        return delivered(rule).stream().map(event -> event.get("detail-type").asText()).toList();
    }

    private static List<JsonNode> delivered(String rule) throws Exception {
        return QueueBodies.drain(sqs, QUEUES.get(rule));
    }

    private static List<String> resources(JsonNode array) {
        List<String> arns = new ArrayList<>();
        array.forEach(arn -> arns.add(arn.asText()));
        return arns;
    }
}
