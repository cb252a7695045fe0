package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stack recorded before the sharded indexes, moved to them as docs/deploy.md says: the new
 * version at step 0, then backfill, then steps 1 to 6, one index a deploy (UpdateTable on moto, as
 * CloudFormation sends it). Every command answers the same at every step, and nothing recorded is
 * lost.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class IndexMigrationTest {

    /** A name of its own, on a server other classes share. */
    private static final String TABLE = "feedback-migration-" + UUID.randomUUID();

    private static final String WINDOW_START = "2026-11-01";
    private static final String WINDOW_END = "2026-12-01";

    private static MotoServer moto;
    private static DynamoDbClient dynamo;

    private final List<SnsMessage> recorded =
            List.of(
                    EventFiles.message("ses-bounce-permanent.json"),
                    EventFiles.message("ses-complaint.json"),
                    EventFiles.message("ses-delivery.json"),
                    EventFiles.message("ses-bounce-transient.json"),
                    EventFiles.inOtherFormat(EventFiles.message("ses-complaint.json")));

    @BeforeAll
    static void connect(MotoServer shared) {
        moto = shared;
        dynamo = Cli.client(DynamoDbClient.builder(), moto.endpoint());
    }

    @AfterAll
    static void disconnect() {
        dynamo.close();
    }

    @Test
    void everyCommandAnswersTheSameAtEveryStepFromTheOldIndexesToTheShardedOnes()
            throws IOException, InterruptedException {
        // given a table at step 0 holding items as a version before the shards wrote them (no
        // typeShard, no suppressionShard)
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));
        TemplateTable.create(dynamo, template, TABLE, "0");
        FeedbackRecorder recorder =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(dynamo, TABLE, Duration.ofDays(400), Clock.systemUTC()),
                        new CollectingLog());
        recorded.forEach(recorder::record);
        int items = asAnEarlierVersionWroteThem();
        Map<String, String> before = answers();
        assertThat(before.get("suppressed"))
                .contains("jane.doe@example.com", "tom.baker@example.net");
        assertThat(before.get("report")).contains("\"Bounce\"");

        // when the new version is deployed at step 0 and backfill runs
        Cli.Run backfill = Cli.run(targets(), "backfill", "--table", TABLE, "--region", Cli.REGION);

        // then the answers are the same, from the old indexes
        assertThat(backfill.exit()).as(backfill.err()).isZero();
        assertThat(answers()).isEqualTo(before);

        // and at each step after, one index created or deleted at a time
        List<String> steps = TemplateTable.steps(template);
        for (String step = "0"; !step.equals(steps.get(steps.size() - 1)); ) {
            step = TemplateTable.advance(dynamo, template, TABLE, step);
            TemplateTable.awaitActive(dynamo, TABLE, Duration.ofSeconds(30));
            assertThat(answers()).as("step " + step).isEqualTo(before);
        }
        assertThat(indexNames())
                .containsExactlyInAnyOrder(
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.MAIL_MESSAGES_INDEX,
                        FeedbackTable.SUPPRESSED_SHARDS_INDEX);
        assertThat(dynamo.scan(r -> r.tableName(TABLE)).count()).isEqualTo(items);
    }

    /**
     * Removes the keys of the sharded indexes from every item, as the version before them left its
     * items; the item count.
     */
    private int asAnEarlierVersionWroteThem() {
        List<Map<String, AttributeValue>> all = dynamo.scan(r -> r.tableName(TABLE)).items();
        for (Map<String, AttributeValue> item : all) {
            for (String key : List.of(FeedbackTable.TYPE_SHARD, FeedbackTable.SUPPRESSION_SHARD)) {
                if (item.containsKey(key)) {
                    dynamo.updateItem(
                            r ->
                                    r.tableName(TABLE)
                                            .key(
                                                    Map.of(
                                                            FeedbackTable.PK,
                                                            item.get(FeedbackTable.PK),
                                                            FeedbackTable.SK,
                                                            item.get(FeedbackTable.SK)))
                                            .updateExpression("REMOVE #key")
                                            .expressionAttributeNames(Map.of("#key", key)));
                }
            }
        }
        return all.size();
    }

    /** What the reading commands print about the recorded messages. */
    private Map<String, String> answers() {
        String bounceMail = "010201a1f873c26c-aac8b385-030b-5096-9f2e-2882a34c4981-000000";
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(
                "report",
                out("report", "--since", WINDOW_START, "--until", WINDOW_END, "--format", "json"));
        answers.put(
                "export",
                out("export", "--since", WINDOW_START, "--until", WINDOW_END, "--format", "csv"));
        answers.put("suppressed", out("suppressed", "--format", "csv"));
        answers.put("message", out("message", bounceMail));
        answers.put("history", out("history", "jane.doe@example.com"));
        return answers;
    }

    private String out(String... command) {
        String[] args = new String[command.length + 4];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(
                new String[] {"--table", TABLE, "--region", Cli.REGION},
                0,
                args,
                command.length,
                4);
        Cli.Run run = Cli.run(targets(), args);
        assertThat(run.exit()).as(String.join(" ", command) + ": " + run.err()).isZero();
        return run.out();
    }

    private List<String> indexNames() {
        return dynamo
                .describeTable(r -> r.tableName(TABLE))
                .table()
                .globalSecondaryIndexes()
                .stream()
                .map(index -> index.indexName())
                .toList();
    }

    private static AwsClients targets() {
        return Cli.targets(Map.of("dynamodb", moto.endpoint()));
    }
}
