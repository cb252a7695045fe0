package io.sesfeedback.tools.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

@Tag("moto")
class ForgetCommandTest {

    private static final String TABLE = "feedback-forget";
    private static final String JANE = "jane.doe@example.com";

    private static MotoDynamoDb dynamoDb;
    private static DynamoDbClient dynamo;

    /** Names Jane and two other addresses. */
    private final SnsMessage sharedBounce = EventFiles.message("ses-bounce-permanent.json");

    /** Names Jane only, once in each SES format. */
    private final SnsMessage janesComplaint =
            EventFiles.republished(
                    "ses-complaint.json", "Tom.Baker@Example.NET", "Jane.Doe@Example.COM");

    private final SnsMessage janesComplaintOtherFormat = EventFiles.inOtherFormat(janesComplaint);

    /** The same mail's complaint by Tom. */
    private final SnsMessage tomsComplaint = EventFiles.message("ses-complaint.json");

    @BeforeAll
    static void useTheSharedServer() {
        dynamoDb = MotoDynamoDb.shared();
        dynamo = Cli.client(DynamoDbClient.builder(), dynamoDb.endpoint());
    }

    @AfterAll
    static void deleteTheTable() {
        dynamo.deleteTable(r -> r.tableName(TABLE));
        dynamo.close();
    }

    @BeforeEach
    void recordJaneTomAndOthers() throws IOException {
        try {
            dynamo.deleteTable(r -> r.tableName(TABLE));
        } catch (ResourceNotFoundException none) {
            // first test
        }
        TemplateTable.create(dynamo, CloudFormationTemplate.load(Path.of("template.yaml")), TABLE);
        FeedbackRecorder recorder =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(dynamo, TABLE, Duration.ofDays(400), Clock.systemUTC()),
                        new CollectingLog());
        List.of(sharedBounce, janesComplaint, janesComplaintOtherFormat, tomsComplaint)
                .forEach(recorder::record);
    }

    @Test
    void withYesEveryItemUnderTheAddressAndTheMessagesNamingOnlyItAreDeleted() {
        // when: any spelling of the address
        Run run = forget("Jane.Doe@Example.COM", "--yes");

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(recipientItems(JANE)).isEmpty();
        assertThat(queries().message(janesComplaint.messageId())).isEmpty();
        assertThat(queries().message(janesComplaintOtherFormat.messageId())).isEmpty();
        assertThat(run.out())
                .isEqualTo(
                        """
                Stored about jane.doe@example.com in the table feedback-forget:
                  events                                2
                  status                                1
                    suppressed since 2026-11-20T10:15:01.337Z: Permanent bounce (General): smtp; 550 5.1.1 user unknown
                    once deleted, nothing here says not to mail it
                  messages naming only this address     2
                Kept, as they also name other addresses (their raw bodies still hold this one):
                  sns b025f545-dc42-5abb-a3d0-f78648722be8  Bounce  2026-11-20T10:15:01.337Z  3 addresses
                Deleted 5 of 5 items.
                Not erased: 1 message(s) that also name other addresses (listed above); the notification log lines that\
                 name jane.doe@example.com, until the log's retention ends.
                """);
    }

    @Test
    void messagesThatAlsoNameOtherAddressesAndOtherAddressesItemsAreKept() {
        // when
        forget(JANE, "--yes");

        // then
        assertThat(queries().message(sharedBounce.messageId())).isPresent();
        assertThat(queries().message(tomsComplaint.messageId())).isPresent();
        assertThat(recipientItems("tom.baker@example.net")).hasSize(2);
        assertThat(recipientItems("old.account@example.com")).hasSize(2);
    }

    @Test
    void answeringNoDeletesNothing() {
        // given
        int items = allItems();

        // when
        Run run =
                Cli.answering(
                        targets(), "n\n", "forget", JANE, "--table", TABLE, "--region", Cli.REGION);

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Delete 5 items? [y/N] Nothing deleted.\n");
        assertThat(allItems()).isEqualTo(items);
    }

    @Test
    void answeringYesDeletes() {
        // when
        Run run =
                Cli.answering(
                        targets(), "y\n", "forget", JANE, "--table", TABLE, "--region", Cli.REGION);

        // then
        assertThat(run.out()).contains("Delete 5 items? [y/N] Deleted 5 of 5 items.\n");
        assertThat(recipientItems(JANE)).isEmpty();
    }

    @Test
    void noAnswerAtAllDeletesNothing() {
        // when standard input ends before an answer
        Run run =
                Cli.answering(
                        targets(), "", "forget", JANE, "--table", TABLE, "--region", Cli.REGION);

        // then
        assertThat(run.out()).endsWith("Nothing deleted.\n");
        assertThat(recipientItems(JANE)).hasSize(3);
    }

    @Test
    void claimsAnEarlierVersionWroteAreDeletedWithTheAddress() {
        // given a claim item as versions before the event items took its part wrote them
        Map<String, AttributeValue> claim =
                new HashMap<>(FeedbackTable.claimKey(JANE, "feedback-of-an-earlier-version"));
        claim.put(FeedbackTable.SNS_MESSAGE_ID, AttributeValue.fromS(sharedBounce.messageId()));
        dynamo.putItem(r -> r.tableName(TABLE).item(claim));

        // when
        Run run = forget(JANE, "--yes");

        // then
        assertThat(run.out())
                .contains("feedback claims                       1\n")
                .contains("Deleted 6 of 6 items.\n");
        assertThat(recipientItems(JANE)).isEmpty();
    }

    @Test
    void anAddressWithNothingStoredSaysSo() {
        Run run = forget("nobody@example.com");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Nothing stored about nobody@example.com in the table feedback-forget.\n");
    }

    private static Run forget(String address, String... options) {
        return Cli.run(
                targets(),
                Stream.concat(
                                Stream.of(
                                        "forget",
                                        address,
                                        "--table",
                                        TABLE,
                                        "--region",
                                        Cli.REGION),
                                Stream.of(options))
                        .toArray(String[]::new));
    }

    private static AwsClients targets() {
        return Cli.targets(Map.of("dynamodb", dynamoDb.endpoint()));
    }

    private static FeedbackQueries queries() {
        return new FeedbackQueries(dynamo, TABLE);
    }

    private static List<Map<String, AttributeValue>> recipientItems(String address) {
        return dynamo.query(
                        r ->
                                r.tableName(TABLE)
                                        .keyConditionExpression("pk = :pk")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":pk",
                                                        AttributeValue.fromS(
                                                                "RECIPIENT#" + address))))
                .items();
    }

    private static int allItems() {
        return dynamo.scan(r -> r.tableName(TABLE)).count();
    }
}
