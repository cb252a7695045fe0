package io.sesfeedback.suppressionevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The recorder stores feedback on a table of moto's created as template.yaml declares it, stream
 * included; the table's stream records, read from moto's DynamoDB Streams API and filtered as the
 * mapping filters them, go through the handler; what it puts on a bus of its own reaches a queue
 * behind a rule with docs/suppression-events.md's pattern.
 */
@Tag("moto")
class SuppressionEventsOnMotoTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("..", "template.yaml"));
    private static final String RECORDER = "ses-feedback-test-recorder";
    private static final String PUBLISHER = "ses-feedback-test-suppression-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** docs/suppression-events.md's rule for both detail-types. */
    private static final String DOCUMENTED_RULE =
            "{\"source\": [\"ses-feedback\"], \"detail-type\": [\"Suppression Added\","
                    + " \"Suppression Removed\"], \"detail\": {\"version\": [\"1\"]}}";

    private static MotoServer moto;
    private static SqsClient sqs;

    private DynamoDbClient dynamo;
    private String table;
    private MotoStream stream;
    private String busName;
    private String queueUrl;
    private final List<String> logLines = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        sqs = moto.client(SqsClient.builder());
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        moto.close();
    }

    @BeforeEach
    void tableWithItsStreamAndABusWithTheDocumentedRule() {
        dynamo = moto.client(DynamoDbClient.builder());
        table = "feedback-" + UUID.randomUUID();
        TemplateTable.create(dynamo, TEMPLATE, table);
        // turned on as a deploy turns it on: an update of the table there already
        Map<String, Object> specification =
                CloudFormationTemplate.map(
                        TEMPLATE.properties(TemplateTable.TABLE_RESOURCE)
                                .get("StreamSpecification"),
                        "StreamSpecification");
        dynamo.updateTable(
                request ->
                        request.tableName(table)
                                .streamSpecification(
                                        StreamSpecification.builder()
                                                .streamEnabled(true)
                                                .streamViewType(
                                                        StreamViewType.fromValue(
                                                                (String)
                                                                        specification.get(
                                                                                "StreamViewType")))
                                                .build()));
        String streamArn =
                dynamo.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        stream = new MotoStream(moto, streamArn, TEMPLATE);
        busName = "bus-" + UUID.randomUUID();
        queueUrl = sqs.createQueue(r -> r.queueName("app-" + UUID.randomUUID())).queueUrl();
        String queueArn =
                sqs.getQueueAttributes(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = moto.client(EventBridgeClient.builder())) {
            events.createEventBus(r -> r.name(busName));
            events.putRule(r -> r.name("app").eventBusName(busName).eventPattern(DOCUMENTED_RULE));
            events.putTargets(
                    r ->
                            r.rule("app")
                                    .eventBusName(busName)
                                    .targets(t -> t.id("app").arn(queueArn)));
        }
    }

    @AfterEach
    void closeTable() {
        dynamo.close();
    }

    private void record(String eventFile) throws IOException {
        FeedbackStore store =
                new FeedbackStore(
                        dynamo,
                        table,
                        Duration.ofDays(400),
                        Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));
        byte[] event = Files.readAllBytes(Path.of("..", "events", eventFile));
        for (var sns : LambdaInput.messages(new ByteArrayInputStream(event))) {
            store.save(new NotificationParser().parse(sns));
        }
    }

    private SuppressionEventsHandler handler(ExecutionInterceptor... faults) {
        EventBridgeClient events = moto.client(EventBridgeClient.builder(), faults);
        return new SuppressionEventsHandler(
                new RecorderSuppressions(RECORDER, PUBLISHER),
                new EventBridgeSuppressionBus(events, busName),
                new FunctionLog(logLines::add, Clock.systemUTC()));
    }

    /** The handler's answer to Lambda for these records. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> handle(
            SuppressionEventsHandler handler, List<Map<String, Object>> records)
            throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(MotoStream.event(records)), output, null);
        return JSON.readValue(output.toByteArray(), Map.class);
    }

    /** The events the application's queue received since the last call. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> received() throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        while (true) {
            List<Message> messages =
                    sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                            .messages();
            if (messages.isEmpty()) {
                return events;
            }
            for (Message message : messages) {
                events.add(JSON.readValue(message.body(), Map.class));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    @SuppressWarnings("unchecked")
    private static String sequenceNumber(Map<String, Object> record) {
        return (String) ((Map<String, Object>) record.get("dynamodb")).get("SequenceNumber");
    }

    /** The record suppresses an address that was not: its new image is, its old one is not. */
    @SuppressWarnings("unchecked")
    private static boolean suppresses(Map<String, Object> record) {
        Map<String, Object> dynamodb = (Map<String, Object>) record.get("dynamodb");
        Map<String, Object> before =
                (Map<String, Object>) dynamodb.getOrDefault("OldImage", Map.of());
        Map<String, Object> after =
                (Map<String, Object>) dynamodb.getOrDefault("NewImage", Map.of());
        return after.containsKey("suppressed") && !before.containsKey("suppressed");
    }

    private static final Map<String, Object> NO_FAILURES = Map.of("batchItemFailures", List.of());

    @Test
    void
            givenTheRecorderStoresAHardBounceWhenTheHandlerGetsTheStreamThenEachBouncedAddressIsAddedOnce()
                    throws Exception {
        record("ses-bounce-permanent.json");
        List<Map<String, Object>> records = stream.newRecords();

        Map<String, Object> answer = handle(handler(), records);

        assertThat(answer).isEqualTo(NO_FAILURES);
        List<Map<String, Object>> events = received();
        assertThat(events)
                .extracting(event -> detail(event).get("address"))
                .containsExactlyInAnyOrder(
                        "jane.doe@example.com",
                        "old.account@example.com",
                        "ghost.user@example.org");
        Map<String, Object> jane =
                events.stream()
                        .filter(e -> "jane.doe@example.com".equals(detail(e).get("address")))
                        .findFirst()
                        .orElseThrow();
        assertThat(jane)
                .containsEntry("source", "ses-feedback")
                .containsEntry("detail-type", "Suppression Added");
        assertThat(detail(jane).keySet())
                .containsExactly(
                        "version",
                        "changeId",
                        "change",
                        "address",
                        "reason",
                        "source",
                        "actor",
                        "at");
        assertThat(detail(jane))
                .containsEntry("version", "1")
                .containsEntry("change", "added")
                .containsEntry("source", "bounce")
                .containsEntry("actor", RECORDER)
                .containsEntry("at", "2026-11-21T08:00:00.000Z");
        assertThat((String) detail(jane).get("reason")).startsWith("Permanent bounce (General)");
        // the function's log names records, never addresses (docs/personal-data.md)
        assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains("@example."));
        // the change's id is its stream record's
        assertThat(records)
                .extracting(record -> record.get("eventID"))
                .contains(detail(jane).get("changeId"));
    }

    @Test
    void givenAComplaintThenItsSourceIsComplaint() throws Exception {
        record("ses-complaint.json");

        handle(handler(), stream.newRecords());

        assertThat(received())
                .singleElement()
                .satisfies(
                        event ->
                                assertThat(detail(event))
                                        .containsEntry("address", "tom.baker@example.net")
                                        .containsEntry("source", "complaint"));
    }

    @Test
    void givenADeliveryThenNoRecordPassesTheFiltersAndTheHandlerPublishesNothing()
            throws Exception {
        record("ses-delivery.json");
        List<Map<String, Object>> all = stream.allNewRecords();

        assertThat(all).isNotEmpty();
        assertThat(all)
                .filteredOn(
                        record ->
                                MotoStream.filters(TEMPLATE).stream()
                                        .anyMatch(
                                                f ->
                                                        io.sesfeedback.testing.template
                                                                .EventPatterns.matches(f, record)))
                .isEmpty();
        // and unfiltered, every record of it is passed over
        assertThat(handle(handler(), all)).isEqualTo(NO_FAILURES);
        assertThat(received()).isEmpty();
    }

    @Test
    void givenAnOperatorsSuppressionThenTheHandlerPublishesNothingTheCommandPublishesIt()
            throws Exception {
        // as bin/ses-feedback suppress writes it (tools, SuppressionChanges), pendingChange and all
        dynamo.updateItem(
                r ->
                        r.tableName(table)
                                .key(FeedbackTable.statusKey("ops@example.com"))
                                .updateExpression(
                                        "SET address = :a, suppressed = :t, suppressionReason = :r,"
                                                + " suppressedAt = :at, suppressedBy = :by,"
                                                + " suppressionSource = :s, updatedAt = :at,"
                                                + " pendingChange = :p")
                                .expressionAttributeValues(
                                        Map.of(
                                                ":a", AttributeValue.fromS("ops@example.com"),
                                                ":t", AttributeValue.fromBool(true),
                                                ":r", AttributeValue.fromS("asked us to stop"),
                                                ":at",
                                                        AttributeValue.fromS(
                                                                "2026-12-07T17:04:12.345Z"),
                                                ":by", AttributeValue.fromS("arn:aws:sts::1:x"),
                                                ":s", AttributeValue.fromS("manual"),
                                                ":p", AttributeValue.fromS("CHANGE#x"))));
        List<Map<String, Object>> records = stream.newRecords();

        assertThat(records).hasSize(1);
        assertThat(handle(handler(), records)).isEqualTo(NO_FAILURES);
        assertThat(received()).isEmpty();
    }

    @Test
    void givenAnUnsuppressAndALaterBounceThenOnlyTheRecordersNewSuppressionIsPublished()
            throws Exception {
        record("ses-complaint.json");
        handle(handler(), stream.newRecords());
        received();
        // as bin/ses-feedback unsuppress writes it: the command published its own Removed
        dynamo.updateItem(
                r ->
                        r.tableName(table)
                                .key(FeedbackTable.statusKey("tom.baker@example.net"))
                                .updateExpression(
                                        "SET unsuppressedAt = :now REMOVE suppressed,"
                                                + " suppressionList, suppressionShard,"
                                                + " suppressionReason, suppressedAt, suppressedBy")
                                .expressionAttributeValues(
                                        Map.of(
                                                ":now",
                                                AttributeValue.fromS("2026-11-22T00:00:00.000Z"))));
        handle(handler(), stream.allNewRecords());
        assertThat(received()).isEmpty();

        // a permanent bounce of the same address, later
        dynamo.updateItem(
                r ->
                        r.tableName(table)
                                .key(FeedbackTable.statusKey("tom.baker@example.net"))
                                .updateExpression(
                                        "SET suppressed = :t, suppressionReason = :r,"
                                                + " suppressedBy = :by, updatedAt = :u")
                                .expressionAttributeValues(
                                        Map.of(
                                                ":t", AttributeValue.fromBool(true),
                                                ":r",
                                                        AttributeValue.fromS(
                                                                "Permanent bounce (General)"),
                                                ":by", AttributeValue.fromS("sns-message-id"),
                                                ":u",
                                                        AttributeValue.fromS(
                                                                "2026-11-23T00:00:00.000Z"))));
        handle(handler(), stream.newRecords());

        assertThat(received())
                .singleElement()
                .satisfies(
                        event ->
                                assertThat(detail(event))
                                        .containsEntry("change", "added")
                                        .containsEntry("source", "bounce")
                                        .containsEntry("at", "2026-11-23T00:00:00.000Z"));
    }

    @Test
    void givenTheSameBatchTwiceThenBothCopiesCarryTheSameChangeId() throws Exception {
        record("ses-complaint.json");
        List<Map<String, Object>> records = stream.newRecords();
        SuppressionEventsHandler handler = handler();

        handle(handler, records);
        handle(handler, records);

        List<Map<String, Object>> events = received();
        assertThat(events).hasSize(2);
        assertThat(detail(events.get(0)).get("changeId"))
                .isNotNull()
                .isEqualTo(detail(events.get(1)).get("changeId"));
        assertThat(events.get(0).get("id")).isNotEqualTo(events.get(1).get("id"));
    }

    @Test
    void givenASuppressedAddressForgottenThenSuppressionRemovedIsPublishedWithItsSource()
            throws Exception {
        record("ses-complaint.json");
        handle(handler(), stream.newRecords());
        received();

        // bin/ses-feedback forget deletes the status item with the address's other items
        dynamo.deleteItem(
                r -> r.tableName(table).key(FeedbackTable.statusKey("tom.baker@example.net")));
        handle(handler(), stream.newRecords());

        assertThat(received())
                .singleElement()
                .satisfies(
                        event -> {
                            assertThat(event).containsEntry("detail-type", "Suppression Removed");
                            assertThat(detail(event))
                                    .containsEntry("change", "removed")
                                    .containsEntry("address", "tom.baker@example.net")
                                    .containsEntry("source", "complaint")
                                    .containsEntry("actor", PUBLISHER);
                        });
    }

    @Test
    void givenTheBusRefusesTheSecondEntryThenTheFirstIsPublishedAndLambdaRetriesFromTheSecond()
            throws Exception {
        record("ses-complaint.json");
        record("ses-bounce-permanent.json");
        List<Map<String, Object>> records = stream.newRecords();
        // the recorder writes a status item twice per event (the count, then its marker): the
        // first write of each of the four addresses suppresses it
        List<Map<String, Object>> suppressing =
                records.stream().filter(SuppressionEventsOnMotoTest::suppresses).toList();
        assertThat(suppressing).hasSize(4);

        Map<String, Object> answer = handle(handler(new SecondEntryRefused()), records);

        assertThat(answer)
                .isEqualTo(
                        Map.of(
                                "batchItemFailures",
                                List.of(
                                        Map.of(
                                                "itemIdentifier",
                                                sequenceNumber(suppressing.get(1))))));
        // moto took the one request's four entries; the interceptor stands for EventBridge
        // refusing the second: the retry puts it and the two after it again, with their changeIds
        assertThat(received()).hasSize(4);
        assertThat(logLines.get(logLines.size() - 1))
                .contains("\"level\":\"ERROR\"", "InternalFailure", "retryFrom");
    }

    @Test
    void givenPutEventsFailsThenLambdaRetriesFromTheBatchsFirstEvent() throws Exception {
        record("ses-complaint.json");
        List<Map<String, Object>> records = stream.newRecords();

        Map<String, Object> answer = handle(handler(new PutEventsFails()), records);

        assertThat(answer)
                .isEqualTo(
                        Map.of(
                                "batchItemFailures",
                                List.of(Map.of("itemIdentifier", sequenceNumber(records.get(0))))));
        assertThat(received()).isEmpty();
    }

    /** EventBridge answers FailedEntryCount 1, the second entry refused (API_PutEvents.html). */
    private static final class SecondEntryRefused implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(
                Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof PutEventsResponse response)) {
                return context.response();
            }
            List<PutEventsResultEntry> entries = new ArrayList<>(response.entries());
            entries.set(
                    1,
                    PutEventsResultEntry.builder()
                            .errorCode("InternalFailure")
                            .errorMessage("Injected")
                            .build());
            return response.toBuilder().failedEntryCount(1).entries(entries).build();
        }
    }

    /** PutEvents fails as a request (HTTP 500). */
    private static final class PutEventsFails implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes a) {
            if (context.request().getClass().getSimpleName().equals("PutEventsRequest")) {
                throw EventBridgeException.builder().statusCode(500).message("Injected").build();
            }
        }
    }
}
