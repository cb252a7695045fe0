package io.sesfeedback.suppressionevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.Faults;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/**
 * SuppressionEventsRole, as template.yaml grants it, against every AWS call the function makes on
 * its paths (a batch published, one whose PutEvents failed) on the default bus as the template
 * names it, and against the stream moto gives a table: each call is one the role allows, and each
 * grant is one the code uses, except those Lambda uses itself (the mapping's stream reads and
 * on-failure queue, the function's log group).
 */
@Tag("moto")
class SuppressionEventsPermissionsTest {

    private static final String STACK = "ses-feedback-dev";
    private static final Set<String> USED_BY_LAMBDA =
            Set.of("ReadFeedbackTableStream", "SendUnpublishedSuppressions", "WriteOwnLog");
    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("..", "template.yaml"));

    private static MotoServer moto;
    private static List<RecordedCalls.Call> calls;
    private static String streamArn;
    private static String tableArn;

    /** A complaint's status item, suppressed by the recorder, as Lambda hands it on. */
    private static final String EVENT =
            """
            {"Records": [{"eventID": "e1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
              "dynamodb": {"ApproximateCreationDateTime": 1795000000,
                "Keys": {"pk": {"S": "RECIPIENT#a@example.com"}, "sk": {"S": "STATUS"}},
                "NewImage": {"address": {"S": "a@example.com"}, "suppressed": {"BOOL": true},
                  "suppressionReason": {"S": "Complaint (abuse)"}},
                "SequenceNumber": "1", "StreamViewType": "NEW_AND_OLD_IMAGES"}}]}
            """;

    @BeforeAll
    static void recordEveryPath() throws Exception {
        moto = MotoServer.start();
        RecordedCalls recorded = new RecordedCalls(MotoServer.REGION.id(), MotoServer.ACCOUNT);
        Faults secondPutFails =
                new Faults()
                        .failBefore(
                                "PutEvents",
                                2,
                                request ->
                                        EventBridgeException.builder()
                                                .statusCode(500)
                                                .message("Injected")
                                                .build());
        try (EventBridgeClient events =
                moto.client(EventBridgeClient.builder(), recorded, secondPutFails)) {
            // the bus template.yaml names (EVENT_BUS_NAME)
            SuppressionEventsHandler handler =
                    new SuppressionEventsHandler(
                            new RecorderSuppressions(STACK + "-recorder", STACK + "-publisher"),
                            new EventBridgeSuppressionBus(events, busName()),
                            new FunctionLog(line -> {}, Clock.systemUTC()));
            for (int run = 0; run < 2; run++) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                handler.handleRequest(
                        new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)),
                        answer,
                        null);
                assertThat(answer.toString(StandardCharsets.UTF_8))
                        .as("run %d: published, then refused", run)
                        .isEqualTo(
                                run == 0
                                        ? "{\"batchItemFailures\":[]}"
                                        : "{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}");
            }
        }
        calls = recorded.calls();
        try (DynamoDbClient dynamo = moto.client(DynamoDbClient.builder())) {
            var table =
                    dynamo.createTable(
                                    r ->
                                            r.tableName(STACK + "-feedback")
                                                    .billingMode("PAY_PER_REQUEST")
                                                    .keySchema(
                                                            k ->
                                                                    k.attributeName("pk")
                                                                            .keyType("HASH"))
                                                    .attributeDefinitions(
                                                            a ->
                                                                    a.attributeName("pk")
                                                                            .attributeType("S"))
                                                    .streamSpecification(
                                                            s ->
                                                                    s.streamEnabled(true)
                                                                            .streamViewType(
                                                                                    "NEW_AND_OLD_IMAGES")))
                            .tableDescription();
            streamArn = table.latestStreamArn();
            tableArn = table.tableArn();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        moto.close();
    }

    private static String busName() {
        @SuppressWarnings("unchecked")
        Map<String, Object> variables =
                (Map<String, Object>)
                        CloudFormationTemplate.map(
                                        TEMPLATE.properties("SuppressionEventsFunction")
                                                .get("Environment"),
                                        "Environment")
                                .get("Variables");
        return (String) variables.get("EVENT_BUS_NAME");
    }

    private static RolePolicy role(boolean customerManagedKey) {
        String arnPrefix = ":" + MotoServer.REGION.id() + ":" + MotoServer.ACCOUNT + ":";
        return RolePolicy.of(
                TEMPLATE,
                "SuppressionEventsRole",
                Map.of(
                        "UnpublishedSuppressionsQueue",
                        "arn:aws:sqs" + arnPrefix + STACK + "-unpublished-suppressions",
                        "SuppressionEventsLogGroup",
                        "arn:aws:logs"
                                + arnPrefix
                                + "log-group:/aws/lambda/"
                                + STACK
                                + "-suppression-events:*",
                        "FeedbackKey",
                        "arn:aws:kms" + arnPrefix + "key/k"),
                Map.of(
                        "AWS::Partition",
                        "aws",
                        "AWS::Region",
                        MotoServer.REGION.id(),
                        "AWS::AccountId",
                        MotoServer.ACCOUNT,
                        "AWS::StackName",
                        STACK,
                        "FeedbackTable.Arn",
                        tableArn),
                Map.of("UseCustomerManagedKey", customerManagedKey));
    }

    @Test
    void everyCallTheFunctionMakesIsAPutOnTheDefaultBusThatItsRoleAllows() {
        assertThat(calls)
                .extracting(RecordedCalls.Call::action)
                .containsOnly("events:PutEvents")
                .hasSize(2);
        assertThat(calls)
                .extracting(RecordedCalls.Call::resource)
                .containsOnly(
                        "arn:aws:events:"
                                + MotoServer.REGION.id()
                                + ":"
                                + MotoServer.ACCOUNT
                                + ":event-bus/default");
        assertThat(calls)
                .allSatisfy(
                        call ->
                                assertThat(role(false).allows(call))
                                        .as("%s on %s", call.action(), call.resource())
                                        .isTrue());
    }

    @Test
    void everyGrantIsUsedByTheFunctionOrByLambdaForIt() {
        assertThat(role(false).unused(calls, USED_BY_LAMBDA)).isEmpty();
        assertThat(role(false).statements())
                .extracting(RolePolicy.Statement::sid)
                .containsAll(USED_BY_LAMBDA);
    }

    /** The mapping's reads, on the ARN DynamoDB gives the table's stream (moto's form). */
    @Test
    void theRoleLetsLambdaReadTheTablesStreamAndNoOtherTablesStream() {
        RolePolicy role = role(false);
        for (String action :
                List.of(
                        "dynamodb:DescribeStream",
                        "dynamodb:GetRecords",
                        "dynamodb:GetShardIterator",
                        "dynamodb:ListStreams")) {
            assertThat(role.allows(new RecordedCalls.Call(action, streamArn)))
                    .as("%s on %s", action, streamArn)
                    .isTrue();
            assertThat(
                            role.allows(
                                    new RecordedCalls.Call(
                                            action,
                                            streamArn.replace(
                                                    STACK + "-feedback", STACK + "-other"))))
                    .isFalse();
            assertThat(role.allows(new RecordedCalls.Call(action, tableArn))).isFalse();
        }
    }

    @Test
    void withTheCustomerManagedKeyTheRoleUsesItThroughDynamoDbAndSqsOnly() {
        assertThat(role(false).statements())
                .extracting(RolePolicy.Statement::sid)
                .doesNotContain("UseFeedbackKeyThroughStreamAndQueue");
        assertThat(role(true).statements())
                .filteredOn(s -> "UseFeedbackKeyThroughStreamAndQueue".equals(s.sid()))
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.actions())
                                        .containsExactly("kms:Decrypt", "kms:GenerateDataKey"));
        assertThat(TEMPLATE.properties("SuppressionEventsRole").toString())
                .contains(
                        "dynamodb.${AWS::Region}.amazonaws.com",
                        "sqs.${AWS::Region}.amazonaws.com");
    }
}
