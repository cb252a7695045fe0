package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.EventPatterns;
import io.sesfeedback.testing.template.SamTranslation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The suppression events' function as CloudFormation deploys it after the Serverless transform: a
 * mapping from the feedback table's stream that hands it only suppressed status items, with partial
 * batch responses, bounded retries and an on-failure queue with an alarm; its own role, which reads
 * the table's streams and puts on the default bus only. (functions/' SuppressionEventsOnMotoTest
 * plays the filters against moto's stream records.)
 */
@Tag("sam-translator")
class SuppressionEventsTransformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> QUEUE_ARN =
            Map.of("Fn::GetAtt", List.of("UnpublishedSuppressionsQueue", "Arn"));

    private static CloudFormationTemplate template;

    @BeforeAll
    static void translate() throws Exception {
        template =
                SamTranslation.of(Path.of("template.yaml"), Map.of("Environment", "dev"))
                        .template();
    }

    private static Map<String, Object> mapping() {
        List<String> mappings = template.resourcesOfType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).singleElement();
        return template.properties(mappings.get(0));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> filters() throws IOException {
        List<Map<String, Object>> filters =
                (List<Map<String, Object>>)
                        CloudFormationTemplate.map(mapping().get("FilterCriteria"), "criteria")
                                .get("Filters");
        return filters.stream()
                .map(
                        filter -> {
                            try {
                                return (Map<String, Object>)
                                        JSON.readValue((String) filter.get("Pattern"), Map.class);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    /** A stream record as Lambda's DynamoDB event holds it. */
    private static Map<String, Object> record(
            String eventName, String sortKey, Boolean newSuppressed, Boolean oldSuppressed) {
        Map<String, Object> keys =
                Map.of("pk", Map.of("S", "RECIPIENT#a@example.com"), "sk", Map.of("S", sortKey));
        Map<String, Object> dynamodb = new java.util.LinkedHashMap<>();
        dynamodb.put("Keys", keys);
        if (newSuppressed != null) {
            dynamodb.put("NewImage", Map.of("suppressed", Map.of("BOOL", newSuppressed)));
        }
        if (oldSuppressed != null) {
            dynamodb.put("OldImage", Map.of("suppressed", Map.of("BOOL", oldSuppressed)));
        }
        return Map.of("eventName", eventName, "eventSource", "aws:dynamodb", "dynamodb", dynamodb);
    }

    private static boolean passes(Map<String, Object> record) throws IOException {
        return filters().stream().anyMatch(filter -> EventPatterns.matches(filter, record));
    }

    @Test
    void theFunctionReadsTheTablesStreamFromItsStartWithOldAndNewImages() {
        assertThat(template.properties("FeedbackTable"))
                .containsEntry(
                        "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
        assertThat(mapping())
                .containsEntry(
                        "EventSourceArn",
                        Map.of("Fn::GetAtt", List.of("FeedbackTable", "StreamArn")))
                .containsEntry("FunctionName", Map.of("Ref", "SuppressionEventsFunction"))
                .containsEntry("StartingPosition", "TRIM_HORIZON");
    }

    @Test
    void givenTheMappingsFiltersThenOnlySuppressedStatusItemsAndTheirDeletionsReachTheFunction()
            throws IOException {
        assertThat(passes(record("INSERT", "STATUS", true, null))).isTrue();
        assertThat(passes(record("MODIFY", "STATUS", true, false))).isTrue();
        assertThat(passes(record("REMOVE", "STATUS", null, true))).isTrue();

        assertThat(passes(record("MODIFY", "STATUS", false, true)))
                .as("an unsuppress: the command publishes it")
                .isFalse();
        assertThat(passes(record("REMOVE", "STATUS", null, false))).isFalse();
        assertThat(passes(record("INSERT", "STATUS", null, null)))
                .as("a first transient bounce's count")
                .isFalse();
        assertThat(passes(record("INSERT", "EVENT#2026-11-20T10:15:01.337Z#x", null, null)))
                .isFalse();
        assertThat(passes(record("INSERT", "MESSAGE", null, null))).isFalse();
    }

    /**
     * The handler names the first record whose event the bus refused (ReportBatchItemFailures);
     * Lambda retries a bounded number of times, bisecting, then sends the batch's place in the
     * stream to a queue whose alarm tells the topic.
     */
    @Test
    void aBatchTheBusKeepsRefusingIsRetriedABoundedNumberOfTimesThenGoesToTheAlarmedQueue() {
        assertThat(mapping())
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BisectBatchOnFunctionError", true)
                .containsEntry("MaximumRetryAttempts", 5L)
                .containsEntry("MaximumRecordAgeInSeconds", 86400L)
                .containsEntry(
                        "DestinationConfig", Map.of("OnFailure", Map.of("Destination", QUEUE_ARN)));
        assertThat(template.properties("UnpublishedSuppressionsAlarm"))
                .containsEntry(
                        "Dimensions",
                        List.of(
                                Map.of(
                                        "Name",
                                        "QueueName",
                                        "Value",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of(
                                                        "UnpublishedSuppressionsQueue",
                                                        "QueueName")))))
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Threshold", 1L);
    }

    @Test
    void theFunctionRunsWithItsOwnRoleAndNamesTheRecorderAsActor() {
        assertThat(template.properties("SuppressionEventsFunction"))
                .containsEntry(
                        "Handler",
                        "io.sesfeedback.suppressionevents.SuppressionEventsHandler::handleRequest")
                .containsEntry(
                        "Role", Map.of("Fn::GetAtt", List.of("SuppressionEventsRole", "Arn")))
                .doesNotContainKey("SnapStart");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables =
                (Map<String, Object>)
                        CloudFormationTemplate.map(
                                        template.properties("SuppressionEventsFunction")
                                                .get("Environment"),
                                        "Environment")
                                .get("Variables");
        assertThat(variables)
                .containsEntry("EVENT_BUS_NAME", "default")
                .containsEntry(
                        "RECORDER_FUNCTION",
                        template.properties("RecorderFunction").get("FunctionName"));
    }

    @Test
    void theRoleReadsOnlyTheTablesStreamsAndPutsOnlyOnTheDefaultBus() {
        Map<String, Object> role = template.properties("SuppressionEventsRole");
        String statements = role.get("Policies").toString();

        assertThat(statements)
                .contains(
                        "dynamodb:DescribeStream",
                        "dynamodb:GetRecords",
                        "dynamodb:GetShardIterator",
                        "dynamodb:ListStreams",
                        "${FeedbackTable.Arn}/stream/*",
                        "events:PutEvents",
                        "event-bus/default",
                        "sqs:SendMessage")
                .doesNotContain(
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "Resource=*",
                        "sns:Publish");
    }
}
