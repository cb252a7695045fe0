package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.Faults;
import io.sesfeedback.support.LambdaEvents;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.support.WireTable;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.SamTranslation;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The recorder's role, as the Serverless transform deploys it with the default parameters, against
 * every AWS call the recorder makes on the paths it has: priming, every events/ file, a redelivery
 * of each, the other format of a bounce, and streams created on first use. Each call is one its
 * policy allows, and each action it grants is one the code uses, except the statements Lambda
 * itself uses with the role (the function's own log group, the failed-feedback queue).
 */
@Tag("moto")
@Tag("sam-translator")
@ExtendWith(MotoExtension.class)
class PermissionsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String STACK = "ses-feedback-dev";

    /**
     * Used by Lambda with the function's role, not by its code: its own log, and its on-failure
     * destination.
     */
    private static final Set<String> USED_BY_LAMBDA = Set.of("WriteOwnLog", "SendFailedEvents");

    private static MotoDynamoDb dynamo;
    private static RolePolicy recorderRole;
    private static List<RecordedCalls.Call> calls;

    @BeforeAll
    static void recordEveryPath(MotoServer moto) throws Exception {
        dynamo = MotoDynamoDb.shared();
        WireTable table = new WireTable(dynamo);
        String logGroup = "/ses-feedback/" + UUID.randomUUID() + "/notifications";
        try (CloudWatchLogsClient logs = moto.cloudWatchLogs()) {
            logs.createLogGroup(request -> request.logGroupName(logGroup));
        }
        RecordedCalls recorded = new RecordedCalls(SamTranslation.REGION, ACCOUNT);
        RecorderFactory.Settings settings =
                new RecorderFactory.Settings(
                        Region.of(SamTranslation.REGION),
                        table.tableName(),
                        logGroup,
                        StorePolicy.keepingAll(RecorderFixture.RETENTION, 5),
                        RecorderFixture.METRICS_NAMESPACE);
        FeedbackHandler handler =
                new FeedbackHandler(
                        new RecorderFactory.Wiring(
                                settings, dynamo.client(recorded), moto.cloudWatchLogs(recorded)));

        handler.beforeCheckpoint(null);
        for (int delivery = 0; delivery < 2; delivery++) {
            EventFiles.names()
                    .forEach(
                            file ->
                                    handler.handleRequest(
                                            EventFiles.event(file),
                                            OutputStream.nullOutputStream(),
                                            new LocalContext()));
        }
        handler.handleRequest(
                LambdaEvents.sns(
                        EventFiles.inOtherFormat(EventFiles.message("ses-bounce-permanent.json"))),
                OutputStream.nullOutputStream(),
                new LocalContext());
        // a delivery whose event put fails, so that its message item is taken back
        FeedbackHandler failing =
                new FeedbackHandler(
                        new RecorderFactory.Wiring(
                                settings,
                                dynamo.client(
                                        recorded,
                                        new Faults()
                                                .failEventPutBefore(
                                                        1, Faults.failure("connection reset"))),
                                moto.cloudWatchLogs(recorded)));
        assertThatThrownBy(
                        () ->
                                failing.handleRequest(
                                        LambdaEvents.sns(
                                                EventFiles.republished(
                                                        "ses-delivery.json", "alice@", "carol@")),
                                        OutputStream.nullOutputStream(),
                                        new LocalContext()))
                .hasMessageContaining("connection reset");
        calls = recorded.calls();

        SamTranslation translation =
                SamTranslation.of(Path.of("template.yaml"), Map.of("Environment", "dev"));
        String arnPrefix = ":" + SamTranslation.REGION + ":" + ACCOUNT + ":";
        recorderRole =
                RolePolicy.of(
                        translation.template(),
                        "RecorderRole",
                        Map.of(
                                "FeedbackTable",
                                        "arn:aws:dynamodb"
                                                + arnPrefix
                                                + "table/"
                                                + table.tableName(),
                                "FeedbackLogGroup",
                                        "arn:aws:logs" + arnPrefix + "log-group:" + logGroup + ":*",
                                "RecorderLogGroup",
                                        "arn:aws:logs"
                                                + arnPrefix
                                                + "log-group:/aws/lambda/"
                                                + STACK
                                                + "-recorder:*",
                                "FailedFeedbackQueue",
                                        "arn:aws:sqs" + arnPrefix + STACK + "-failed-feedback"),
                        Map.of(
                                "AWS::Partition",
                                "aws",
                                "AWS::Region",
                                SamTranslation.REGION,
                                "AWS::AccountId",
                                ACCOUNT,
                                "AWS::StackName",
                                STACK),
                        RolePolicy.allConditions(translation.template(), false));
    }

    @Test
    void everyCallTheRecorderMakesIsOneItsRoleAllows() {
        assertThat(calls)
                .isNotEmpty()
                .allSatisfy(
                        call ->
                                assertThat(recorderRole.allows(call))
                                        .as(
                                                "%s on %s is allowed by the recorder's role",
                                                call.action(), call.resource())
                                        .isTrue());
    }

    @Test
    void everyActionTheRoleGrantsIsOneTheRecorderUses() {
        assertThat(recorderRole.unused(calls, USED_BY_LAMBDA))
                .as("grants no call of the recorder uses")
                .isEmpty();
    }

    @Test
    void onlyTheStatementsLambdaUsesItselfAreLeftToIt() {
        assertThat(recorderRole.statements())
                .extracting(RolePolicy.Statement::sid)
                .containsAll(USED_BY_LAMBDA);
    }
}
