package io.sesfeedback.tools.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.testing.template.TemplateTable;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.ErrorLines;
import io.sesfeedback.tools.fixtures.FakeAws;
import io.sesfeedback.tools.fixtures.RecordedStore;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * suppress, unsuppress and import on one table of moto's DynamoDB that the real recorder also
 * writes, the caller named by moto's STS, the events read back through a rule on moto's default bus
 * to an SQS queue, and SES's list on the loopback stand-in. Each test uses addresses of its own.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class SuppressionCommandsTest {

    private static final String TABLE = "feedback-suppression-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST_DAY = Instant.parse("2026-11-01T09:00:00Z");

    /** The address of events/ses-bounce-transient.json. */
    private static final String FULL_INBOX = "full.inbox@example.net";

    private static MotoServer moto;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static String queueUrl;
    private static SesV2StandIn ses;
    private static final List<JsonNode> received = new ArrayList<>();

    @TempDir Path temp;

    @BeforeAll
    static void tableBusAndQueue(MotoServer server) throws IOException {
        moto = server;
        dynamo = moto.client(DynamoDbClient.builder());
        TemplateTable.create(dynamo, CloudFormationTemplate.load(Path.of("template.yaml")), TABLE);
        sqs = moto.client(SqsClient.builder());
        queueUrl =
                sqs.createQueue(r -> r.queueName("suppression-events-" + UUID.randomUUID()))
                        .queueUrl();
        String queueArn =
                sqs.getQueueAttributes(
                                r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                        .attributesAsStrings()
                        .get("QueueArn");
        // what an application's rule would match (docs/suppression-events.md)
        try (EventBridgeClient events = moto.client(EventBridgeClient.builder())) {
            String rule = "suppression-events-" + UUID.randomUUID();
            events.putRule(
                    r ->
                            r.name(rule)
                                    .eventPattern(
                                            "{\"source\": [\"ses-feedback\"], \"detail-type\":"
                                                    + " [\"Suppression Added\", \"Suppression Removed\"]}"));
            events.putTargets(r -> r.rule(rule).targets(t -> t.id("queue").arn(queueArn)));
        }
        ses = SesV2StandIn.start();
    }

    @AfterAll
    static void stop() {
        dynamo.deleteTable(r -> r.tableName(TABLE));
        ses.close();
    }

    @Test
    void aManualSuppressionSurvivesALaterDeliveryAndTheSoftBounceRule() {
        // given an operator suppresses the address by hand
        Run suppressed =
                command("suppress", "Full.Inbox@Example.NET", "--reason", "asked us to stop");
        assertThat(suppressed.exit()).as(suppressed.err()).isZero();

        // when the recorder, soft-bounce rule on at 5, records a delivery then five transient
        // bounces in a row
        FeedbackRecorder recorder = recorder(5);
        recorder.record(delivery(0));
        for (int day = 1; day <= 5; day++) {
            recorder.record(transientBounce(day));
        }

        // then the address is still suppressed by hand, with its first reason; the counts moved
        Map<String, AttributeValue> status = status(FULL_INBOX);
        assertThat(status.get("suppressed").bool()).isTrue();
        assertThat(status.get("suppressionReason").s()).isEqualTo("asked us to stop");
        assertThat(status.get("suppressionSource").s()).isEqualTo("manual");
        assertThat(status.get("suppressedBy").s())
                .startsWith("arn:aws:")
                .contains(MotoServer.ACCOUNT);
        assertThat(status.get("transientBounces").n()).isEqualTo("5");
        assertThat(suppressedList()).contains(FULL_INBOX);
    }

    @Test
    void unsuppressLiftsTheSuppressionKeepsCountersAndHistoryAndTakesItOffSesList() {
        // given the recorder suppressed three addresses for a permanent bounce; SES lists one
        recorder(0).record(EventFiles.message("ses-bounce-permanent.json"));
        ses.list("jane.doe@example.com", "BOUNCE");

        // when the operator lifts it, twice
        Run lifted = command("unsuppress", "jane.doe@example.com", "--reason", "mailbox fixed");
        Run again = command("unsuppress", "jane.doe@example.com", "--reason", "mailbox fixed");

        // then the suppression and its index key are gone, the counter and the event stay
        assertThat(lifted.exit()).as(lifted.err()).isZero();
        Map<String, AttributeValue> status = status("jane.doe@example.com");
        assertThat(status)
                .doesNotContainKeys(
                        "suppressed", "suppressionReason", "suppressedAt", "suppressionShard");
        assertThat(status.get("permanentBounces").n()).isEqualTo("1");
        assertThat(new FeedbackQueries(dynamo, TABLE).history("jane.doe@example.com")).hasSize(1);
        assertThat(suppressedList())
                .doesNotContain("jane.doe@example.com")
                .contains("old.account@example.com");
        // SES's list no longer has it: DeleteSuppressedDestination, then a NotFound the second time
        assertThat(ses.listed()).doesNotContainKey("jane.doe@example.com");
        assertThat(lifted.out())
                .contains("Took jane.doe@example.com off SES's account-level suppression list.");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("jane.doe@example.com is not suppressed")
                .contains("jane.doe@example.com was not on SES's account-level suppression list.");
        // and history shows the change beside the event: who, why and what it was
        Run history = command("history", "jane.doe@example.com");
        assertThat(history.out())
                .contains("unsuppressed      by arn:aws:")
                .contains(
                        "(manual): mailbox fixed  [was suppressed since 2026-11-20T10:15:01.337Z by")
                .contains("(recorder): Permanent bounce (General): smtp; 550 5.1.1 user unknown]")
                .contains("Bounce");
    }

    @Test
    void eachChangeIsPublishedOnceWithTheDocumentedFields() throws IOException {
        // when an address is suppressed twice and lifted twice
        String address = "events.once@example.com";
        command("suppress", address, "--reason", "legal hold");
        command("suppress", address, "--reason", "a second reason");
        command("unsuppress", address, "--reason", "hold ended", "--no-ses");
        command("unsuppress", address, "--reason", "hold ended", "--no-ses");

        // then one Suppression Added and one Suppression Removed reached the application's queue
        List<JsonNode> events = eventsAbout(address);
        assertThat(events)
                .extracting(e -> e.get("detail-type").asText())
                .containsExactly("Suppression Added", "Suppression Removed");
        JsonNode added = events.get(0);
        assertThat(added.get("source").asText()).isEqualTo("ses-feedback");
        JsonNode detail = added.get("detail");
        assertThat(detail.get("version").asText()).isEqualTo("1");
        assertThat(detail.get("change").asText()).isEqualTo("added");
        assertThat(detail.get("reason").asText()).isEqualTo("legal hold");
        assertThat(detail.get("source").asText()).isEqualTo("manual");
        assertThat(detail.get("actor").asText()).startsWith("arn:aws:");
        assertThat(Instant.parse(detail.get("at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(detail.get("changeId").asText()).isNotEmpty();
        assertThat(events.get(1).get("detail").get("change").asText()).isEqualTo("removed");
        // each published change's history item says when
        assertThat(changes(address))
                .hasSize(2)
                .allSatisfy(item -> assertThat(item).containsKey("publishedAt"));
    }

    @Test
    void aChangeTheBusRefusedFailsNamingTheAddressAndTheRerunPublishesItWithoutASecondChange()
            throws IOException {
        // given a bus that refuses every call
        String address = "bus.down@example.com";
        Run refused;
        try (FakeAws bus = FakeAws.failing(400, "ValidationException", "bus refused")) {
            refused =
                    Cli.run(
                            targets(bus.endpoint()),
                            args("suppress", address, "--reason", "bounced elsewhere"));
        }

        // then the command fails in one line naming the address; the change is stored, pending
        ErrorLines.assertOneLine(
                refused,
                1,
                "ses-feedback: Suppression Added for bus.down@example.com is stored but not published"
                        + " (ValidationException: bus refused): run the command again to publish it");
        assertThat(status(address)).containsKey("pendingChange");

        // when it runs again with the bus back
        Run rerun = command("suppress", address, "--reason", "bounced elsewhere");

        // then the event is published once, and no second change is made
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("is suppressed already");
        assertThat(eventsAbout(address)).hasSize(1);
        assertThat(changes(address)).hasSize(1);
        assertThat(status(address)).doesNotContainKey("pendingChange");
    }

    @Test
    void aBusThatAnswersTheEntryFailedIsARefusalToo() throws IOException {
        // given a bus that answers 200 with the entry failed, as PutEvents does for a partial
        // failure
        String address = "entry.failed@example.com";
        Run refused;
        try (FakeAws bus =
                FakeAws.answering(
                        request ->
                                "{\"FailedEntryCount\": 1, \"Entries\": [{\"ErrorCode\":"
                                        + " \"InternalFailure\", \"ErrorMessage\": \"try again\"}]}")) {
            refused = Cli.run(targets(bus.endpoint()), args("suppress", address, "--reason", "x"));
        }

        // then
        ErrorLines.assertOneLine(
                refused,
                1,
                "ses-feedback: Suppression Added for entry.failed@example.com is stored but not published"
                        + " (the bus refused the entry: InternalFailure: try again): run the command again to"
                        + " publish it");
        assertThat(status(address)).containsKey("pendingChange");
    }

    @Test
    void importTwiceChangesNothingTheSecondTimeAndKeepsFirstReasons() throws IOException {
        // given a Mandrill rejects.csv (its documented header, and the subaccount real exports
        // add):
        // one new hard bounce, one spam complaint, one address the recorder suppressed already, one
        // soft bounce
        recorder(0).record(EventFiles.message("ses-complaint.json"));
        Path file =
                csv(
                        "email,reason,detail,created_at,expires_at,last_event_at,expires_at,subaccount",
                        "first.import@example.com,hard-bounce,550 no such user,2016-01-14 19:08:17.51258,,,,",
                        "second.import@example.com,spam,,2016-01-15 10:00:00,,,,",
                        "Tom.Baker@Example.NET,hard-bounce,,2016-01-16 10:00:00,,,,",
                        "soft@example.com,soft-bounce,,2016-01-16 10:00:00,,,,");

        // when it is imported twice, with --ses
        Run first = command("import", file.toString(), "--ses", "--rate", "50");
        Run second = command("import", file.toString(), "--ses", "--rate", "50");

        // then the first run suppresses two, keeps Tom's complaint, skips the soft bounce
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("as Mandrill.")
                .contains("line 5: skipped soft@example.com: soft-bounce is not a suppression")
                .contains("kept           tom.baker@example.net")
                .contains("Suppressed 2 address(es)");
        Map<String, AttributeValue> status = status("first.import@example.com");
        assertThat(status.get("suppressionReason").s())
                .isEqualTo("Imported from Mandrill: hard-bounce (550 no such user)");
        assertThat(status.get("suppressedAt").s()).isEqualTo("2016-01-14T19:08:17.512Z");
        assertThat(status.get("suppressionSource").s()).isEqualTo("import");
        assertThat(status("tom.baker@example.net").get("suppressionReason").s())
                .startsWith("Complaint");
        assertThat(ses.listed())
                .containsEntry("first.import@example.com", "BOUNCE")
                .containsEntry("second.import@example.com", "COMPLAINT")
                .containsEntry("tom.baker@example.net", "BOUNCE");
        // and the second changes nothing, publishes nothing, puts nothing
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("Suppressed 0 address(es)")
                .contains("kept 3 suppressed already")
                .contains(
                        "Put 0 on SES's account-level suppression list (3 listed there already).");
        assertThat(eventsAbout("first.import@example.com")).hasSize(1);
        assertThat(eventsAbout("second.import@example.com")).hasSize(1);
        assertThat(eventsAbout("tom.baker@example.net")).isEmpty();
        assertThat(
                        eventsAbout("first.import@example.com")
                                .get(0)
                                .get("detail")
                                .get("source")
                                .asText())
                .isEqualTo("import");
    }

    @Test
    void aDryRunShowsWhatWouldChangeAndWritesNothing() throws IOException {
        // given a Mailgun bounces file
        Path file =
                csv(
                        "address,code,error,created_at",
                        "dry.one@example.com,550,No such mailbox,\"Thu, 13 Oct 2011 18:02:00 UTC\"",
                        "dry.two@example.com,,,");
        long items = itemCount();
        int sesCalls = ses.calls().size();

        // when
        Run run = command("import", file.toString(), "--dry-run", "--ses", "--rate", "50");

        // then it says what it would do, and nothing is written anywhere
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("as Mailgun bounces.")
                .contains("would suppress dry.one@example.com")
                .contains("Imported from Mailgun bounces: bounce 550 (No such mailbox)")
                .contains("would put      dry.two@example.com                      BOUNCE")
                .contains("Dry run, nothing written: would suppress 2 address(es)");
        assertThat(itemCount()).isEqualTo(items);
        assertThat(ses.calls().subList(sesCalls, ses.calls().size()))
                .extracting(SesV2StandIn.Call::method)
                .containsOnly("GET");
        assertThat(eventsAbout("dry.one@example.com")).isEmpty();
    }

    @Test
    void rowsThatAreNotAddressesAreNamedByLineAndSkipped() throws IOException {
        // given a plain file with the invalid entries SparkPost's guide says SendGrid lists hold
        Path file =
                csv(
                        "email,reason,date",
                        "#02232014,,",
                        "gmail.com,,",
                        "To,,",
                        "8/27/2015,,",
                        "name@yahoo.comett@domain.com,,",
                        "good.row@example.com,,2026-11-01");

        // when
        Run run = command("import", file.toString(), "--reason-default", "left Acme Mail");

        // then each bad row is named with its line and why; the good one is suppressed
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("line 2: skipped '#02232014': not an address")
                .contains("line 3: skipped 'gmail.com': not an address")
                .contains("line 4: skipped 'To': not an address")
                .contains("line 5: skipped '8/27/2015': not an address")
                .contains("line 6: skipped 'name@yahoo.comett@domain.com': not an address")
                .contains("skipped 5 row(s)");
        assertThat(status("good.row@example.com").get("suppressionReason").s())
                .isEqualTo("Imported from CSV: left Acme Mail");
        assertThat(status("good.row@example.com").get("suppressedAt").s())
                .isEqualTo("2026-11-01T00:00:00.000Z");
    }

    @Test
    void twoOperatorsAtOnceCannotLoseAChangeTheSecondReadsAgainAndKeepsTheFirst() {
        // given operator B suppresses the address between operator A's read and A's write
        String address = "two.operators@example.com";
        AtomicBoolean raced = new AtomicBoolean();
        ExecutionInterceptor operatorB =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                            Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest
                                && raced.compareAndSet(false, true)) {
                            changes(dynamo)
                                    .suppress(
                                            address, "B: legal hold", "manual", "B", Instant.now());
                        }
                    }
                };
        try (DynamoDbClient operatorA = moto.client(DynamoDbClient.builder(), operatorB)) {

            // when A's transaction runs after B's
            SuppressionChanges.Outcome outcome =
                    changes(operatorA)
                            .suppress(address, "A: asked to stop", "manual", "A", Instant.now());

            // then A's conditional write was refused, A read again and made no change: B's stands
            assertThat(raced).isTrue();
            assertThat(outcome.changed()).isFalse();
        }
        assertThat(status(address).get("suppressionReason").s()).isEqualTo("B: legal hold");
        assertThat(changes(address)).hasSize(1);
    }

    @Test
    void onTheLocalStoreAChangeIsMadeByTheLocalUserAndNotPublished() throws IOException {
        // given the local store bin/replay fills
        Path store = RecordedStore.of(temp.resolve("store"), List.of());

        // when
        Run run =
                Cli.run(
                        targets(moto.endpoint()),
                        "suppress",
                        "local.user@example.com",
                        "--reason",
                        "trying it out",
                        "--local-store",
                        store.toString());

        // then it is suppressed by the operating system's user, and nothing waits for a bus
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("by local:" + System.getProperty("user.name"))
                .contains("not published (the local store has no event bus)");
        try (LocalFeedbackTable table = RecordedStore.reopen(store)) {
            Map<String, AttributeValue> status =
                    new FeedbackQueries(table.client(), table.tableName())
                            .status("local.user@example.com")
                            .orElseThrow();
            assertThat(status.get("suppressionReason").s()).isEqualTo("trying it out");
            assertThat(status).doesNotContainKey("pendingChange");
        }
    }

    @Test
    void eachCommandsErrorsAreOneLine() throws IOException {
        Path unknown = csv("name,phone", "Jane,123");
        ErrorLines.assertOneLine(
                targets(moto.endpoint()),
                2,
                "ses-feedback: Not an address: 'jane.example.com' (no @)",
                args("suppress", "jane.example.com", "--reason", "x"));
        ErrorLines.assertOneLine(
                targets(moto.endpoint()),
                2,
                "ses-feedback: Missing required option: '--reason=TEXT' (see 'ses-feedback unsuppress --help')",
                args("unsuppress", "jane@example.com"));
        ErrorLines.assertOneLine(
                targets(moto.endpoint()),
                1,
                "ses-feedback: Cannot read "
                        + temp.resolve("missing.csv")
                        + ": no such file, or not readable",
                args("import", temp.resolve("missing.csv").toString()));
        ErrorLines.assertOneLine(
                targets(moto.endpoint()),
                1,
                "ses-feedback: "
                        + unknown
                        + ": header not recognised (name,phone): give a column named"
                        + " email or address, see bin/ses-feedback import --help",
                args("import", unknown.toString()));
    }

    private static Run command(String... command) {
        return Cli.run(targets(moto.endpoint()), args(command));
    }

    private static String[] args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--table", TABLE, "--region", Cli.REGION));
        return args.toArray(String[]::new);
    }

    /** moto for the table, STS and (unless given) EventBridge; the stand-in for SES. */
    private static AwsClients targets(URI events) {
        return Cli.targets(
                Map.of(
                        "dynamodb", moto.endpoint(),
                        "sts", moto.endpoint(),
                        "events", events,
                        "sesv2", ses.endpoint()));
    }

    private Path csv(String... lines) throws IOException {
        Path file = temp.resolve(UUID.randomUUID() + ".csv");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n");
        return file;
    }

    private static FeedbackRecorder recorder(int softBounceLimit) {
        return new FeedbackRecorder(
                new NotificationParser(),
                new FeedbackStore(
                        dynamo,
                        TABLE,
                        StorePolicy.keepingAll(Duration.ofDays(400), softBounceLimit),
                        Clock.systemUTC()),
                new CollectingLog());
    }

    /** The transient bounce of events/, as SES would report another one {@code day} later. */
    private static SnsMessage transientBounce(int day) {
        String original = EventFiles.message("ses-bounce-transient.json").body();
        return EventFiles.republished(
                "ses-bounce-transient.json",
                original,
                original.replace(
                                "\"2026-11-20T10:15:04.771Z\"",
                                "\"" + FIRST_DAY.plus(Duration.ofDays(day)) + "\"")
                        .replace("-000000\"", "-" + day + "\""));
    }

    /** A delivery to the transient bounce's address on {@code day}. */
    private static SnsMessage delivery(int day) {
        String original = EventFiles.message("ses-delivery.json").body();
        return EventFiles.republished(
                "ses-delivery.json",
                original,
                original.replace("alice@example.com", FULL_INBOX)
                        .replace(
                                "\"2026-11-20T10:15:07.453Z\"",
                                "\"" + FIRST_DAY.plus(Duration.ofDays(day)) + "\"")
                        .replace("-000000\"", "-d" + day + "\""));
    }

    private static Map<String, AttributeValue> status(String address) {
        return new FeedbackQueries(dynamo, TABLE).status(address).orElseThrow();
    }

    private static List<String> suppressedList() {
        try (Stream<Map<String, AttributeValue>> list =
                new FeedbackQueries(dynamo, TABLE).suppressed(Instant.EPOCH)) {
            return list.map(item -> item.get("address").s()).toList();
        }
    }

    private static List<Map<String, AttributeValue>> changes(String address) {
        return dynamo.query(
                        r ->
                                r.tableName(TABLE)
                                        .keyConditionExpression(
                                                "pk = :pk AND begins_with(sk, :change)")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":pk",
                                                        AttributeValue.fromS(
                                                                FeedbackTable.RECIPIENT_PREFIX
                                                                        + address),
                                                        ":change",
                                                        AttributeValue.fromS("CHANGE#"))))
                .items();
    }

    private static SuppressionChanges changes(DynamoDbClient client) {
        return new SuppressionChanges(client, TABLE, SuppressionEvents.NONE, Clock.systemUTC());
    }

    private static long itemCount() {
        return dynamo.scanPaginator(r -> r.tableName(TABLE)).items().stream().count();
    }

    /** The events about one address the queue has received, oldest first. */
    private static synchronized List<JsonNode> eventsAbout(String address) throws IOException {
        List<Message> messages;
        do {
            messages =
                    sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                            .messages();
            for (Message message : messages) {
                received.add(JSON.readTree(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return received.stream()
                .filter(event -> event.get("detail").get("address").asText().equals(address))
                .toList();
    }
}
