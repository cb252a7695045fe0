package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsRecords;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.DeadServices;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.Faults;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.support.WireTable;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * SnapStart priming on moto (DynamoDB and CloudWatch Logs), with the handler's org.crac hooks
 * called as Lambda calls them around a snapshot: the whole path runs, and nothing is written.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class PrimingTest {

    private static MotoDynamoDb dynamo;
    private static MotoServer moto;
    private static CloudWatchLogsClient logs;

    private WireTable table;
    private String logGroup;
    private Faults calls;
    private FeedbackHandler handler;

    @BeforeAll
    static void startServices(MotoServer shared) {
        dynamo = MotoDynamoDb.shared();
        moto = shared;
        logs = moto.cloudWatchLogs();
    }

    @AfterAll
    static void stopServices() {
        logs.close();
    }

    @BeforeEach
    void deploy() {
        table = new WireTable(dynamo);
        logGroup = "/ses-feedback/" + UUID.randomUUID() + "/notifications";
        logs.createLogGroup(request -> request.logGroupName(logGroup));
        calls = new Faults();
        RecorderFactory.Settings settings =
                new RecorderFactory.Settings(
                        Region.EU_WEST_1,
                        table.tableName(),
                        logGroup,
                        StorePolicy.keepingAll(RecorderFixture.RETENTION, 5),
                        "ses-feedback/ses-feedback-test");
        handler =
                new FeedbackHandler(
                        new RecorderFactory.Wiring(
                                settings, dynamo.client(calls), moto.cloudWatchLogs()));
    }

    @Test
    void primingRunsTheWholePathAndWritesNothing() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream lambdaStdout = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            handler.beforeCheckpoint(null);
        } finally {
            System.setOut(lambdaStdout);
        }

        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .as("no summary line, so no metrics, for the sample")
                .isEmpty();

        assertThat(table.allItems()).isEmpty();
        assertThat(logs.describeLogStreams(request -> request.logGroupName(logGroup)).logStreams())
                .isEmpty();
        assertThat(calls.calls("GetItem")).isEqualTo(2);
        assertThat(calls.calls("TransactWriteItems")).isZero();
        assertThat(calls.calls("PutItem") + calls.calls("UpdateItem")).isZero();
    }

    /**
     * Lambda's JSON log format takes a line's level only beside a valid timestamp; else the WARN
     * shows as INFO.
     */
    @Test
    void aPrimingThatFailsIsOneWarningLineWithItsTimestampAndTheSnapshotGoesOn() {
        RecorderFactory.Settings settings =
                new RecorderFactory.Settings(
                        Region.EU_WEST_1,
                        table.tableName(),
                        logGroup,
                        StorePolicy.keepingAll(RecorderFixture.RETENTION, 5),
                        "ses-feedback/ses-feedback-test");
        FeedbackHandler unreachable =
                new FeedbackHandler(
                        new RecorderFactory.Wiring(
                                settings, DeadServices.dynamoDb(), moto.cloudWatchLogs()));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream lambdaStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        Instant before = Instant.now();
        try {
            unreachable.beforeCheckpoint(null);
        } finally {
            System.setErr(lambdaStderr);
        }

        Map<String, Object> line = Json.readObject(stderr.toString(StandardCharsets.UTF_8).strip());
        assertThat(line).containsEntry("level", "WARN").containsKey("timestamp");
        assertThat(Instant.parse((String) line.get("timestamp"))).isBetween(before, Instant.now());
        assertThat((String) line.get("message"))
                .startsWith("Priming failed; the snapshot is taken unprimed");
    }

    @Test
    void restoredHandlerRecordsItsFirstMessage() {
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);

        handler.handleRequest(
                EventFiles.event("ses-complaint.json"),
                OutputStream.nullOutputStream(),
                new LocalContext());

        assertThat(table.queries().message(EventFiles.message("ses-complaint.json").messageId()))
                .isPresent();
        assertThat(logs.describeLogStreams(request -> request.logGroupName(logGroup)).logStreams())
                .singleElement()
                .satisfies(stream -> assertThat(stream.logStreamName()).isEqualTo("Complaint"));
    }

    @Test
    void primingSampleIsABounceAndADeliveryTheRecorderUnderstands() {
        // the two write paths: transactions for a bounce, one put an item for a delivery
        List<FeedbackMessage> samples =
                SnsRecords.messages(Priming.class.getResourceAsStream(Priming.SAMPLE_EVENT))
                        .stream()
                        .map(new NotificationParser()::parse)
                        .toList();

        assertThat(samples)
                .extracting(FeedbackMessage::type)
                .containsExactly(MessageType.BOUNCE, MessageType.DELIVERY);
        assertThat(samples)
                .allSatisfy(
                        sample -> {
                            assertThat(sample.recipients()).hasSize(3);
                            assertThat(sample.leftOut()).isEmpty();
                            assertThat(sample.problem()).isNull();
                        });
    }
}
