package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Faults;
import io.sesfeedback.support.SnsTopic;
import io.sesfeedback.support.VirtualTime;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The watcher on a real table and topic (moto), SES being the loopback stand-in: what one check
 * stores and publishes, and that the recorder reads what it publishes.
 */
@Tag("moto")
class AccountWatchOnMotoTest {

    private static MotoServer moto;
    private static SesV2StandIn ses;
    private static SesV2Client sesClient;
    private MotoStack stack;
    private AccountWatch watch;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        ses = SesV2StandIn.start();
        sesClient = ses.client();
    }

    @AfterAll
    static void stop() throws Exception {
        sesClient.close();
        ses.close();
        moto.close();
    }

    /** A table and topic of its own for each test, on the one moto server. */
    @BeforeEach
    void newStack() {
        stack = new MotoStack(moto);
        watch = stack.watch(sesClient);
        ses.clearRecommendations();
        ses.clearTenants();
        ses.pageSize(SesV2StandIn.PAGE_SIZE);
    }

    @AfterEach
    void closeStack() {
        stack.close();
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> item.get("sk").s()).toList();
    }

    @Test
    void aChangeStoresOneChangeItemMovesTheLatestAndPublishesOneMessage() {
        ses.account("HEALTHY", true, false);
        watch.check();
        stack.published();
        ses.account("PROBATION", true, false);

        AccountWatch.Outcome outcome = watch.check();

        assertThat(outcome.result()).isEqualTo(AccountWatch.Result.PUBLISHED);
        List<SnsMessage> published = stack.published();
        assertThat(published)
                .singleElement()
                .satisfies(
                        message -> {
                            assertThat(message.messageId()).isEqualTo(outcome.snsMessageId());
                            assertThat(message.subject())
                                    .isEqualTo("SES account eu-west-1: PROBATION (was HEALTHY)");
                        });
        List<Map<String, AttributeValue>> items = stack.items();
        assertThat(sortKeys(items))
                .containsExactly(
                        "LATEST",
                        "STATUS#2026-11-20T10:00:00.000Z",
                        "STATUS#2026-11-20T10:15:00.000Z");
        assertThat(items)
                .allSatisfy(item -> assertThat(item.get("pk").s()).isEqualTo("ACCOUNT#eu-west-1"));
        assertThat(items.get(0).get("enforcementStatus").s()).isEqualTo("PROBATION");
        assertThat(items.get(0).get("changedAt").s()).isEqualTo("2026-11-20T10:15:00.000Z");
        assertThat(items.get(2).get("previousEnforcementStatus").s()).isEqualTo("HEALTHY");
        assertThat(items.get(2).get("changes").l())
                .extracting(AttributeValue::s)
                .containsExactly("enforcementStatus HEALTHY -> PROBATION");
        assertThat(items.get(2).get("message").s()).isEqualTo(published.get(0).body());
    }

    @Test
    void givenSuppressionOffWhenChecksRepeatThenItIsPublishedOnceAndTurningItOnIsAChange() {
        // given an account whose GetAccount leaves SuppressionAttributes out
        ses.account("HEALTHY", true, false);
        ses.accountSuppression(null);

        // when checked, then again with SuppressedReasons empty: off both times
        AccountWatch.Outcome first = watch.check();
        List<SnsMessage> published = stack.published();
        ses.accountSuppression(List.of());
        AccountWatch.Outcome second = watch.check();

        // then the first check stores and publishes it, the second nothing
        assertThat(first.result()).isEqualTo(AccountWatch.Result.PUBLISHED);
        assertThat(published)
                .singleElement()
                .satisfies(
                        message -> {
                            assertThat(message.subject())
                                    .isEqualTo(
                                            "SES account eu-west-1: HEALTHY, first check;"
                                                    + " account-level suppression off");
                            assertThat(message.body())
                                    .contains(
                                            "aws sesv2 put-account-suppression-attributes"
                                                    + " --suppressed-reasons BOUNCE COMPLAINT");
                        });
        assertThat(stack.items().get(0).get("suppressedReasons").l()).isEmpty();
        assertThat(second.result()).isEqualTo(AccountWatch.Result.UNCHANGED);
        assertThat(stack.published()).isEmpty();

        // when it is turned on for bounces only, then on for both
        ses.accountSuppression(List.of("BOUNCE"));
        watch.check();
        List<SnsMessage> partial = stack.published();
        ses.accountSuppression(List.of("BOUNCE", "COMPLAINT"));
        watch.check();

        // then each is a change, published once
        assertThat(partial)
                .extracting(SnsMessage::subject)
                .containsExactly(
                        "SES account eu-west-1: account-level suppression partial (BOUNCE only)");
        assertThat(stack.published())
                .extracting(SnsMessage::subject)
                .containsExactly(
                        "SES account eu-west-1: account-level suppression on (BOUNCE, COMPLAINT)");
        assertThat(stack.items().get(0).get("suppressedReasons").l())
                .extracting(AttributeValue::s)
                .containsExactly("BOUNCE", "COMPLAINT");
    }

    @Test
    void nothingChangedNothingIsWrittenOrPublished() {
        ses.account("HEALTHY", true, true);
        ses.recommend("DMARC", "example.com", "HIGH", "OPEN");
        watch.check();
        stack.published();
        List<Map<String, AttributeValue>> before = stack.items();

        AccountWatch.Outcome outcome = watch.check();

        assertThat(outcome.result()).isEqualTo(AccountWatch.Result.UNCHANGED);
        assertThat(stack.published()).isEmpty();
        assertThat(stack.items()).isEqualTo(before);
    }

    @Test
    void aCheckThatOverlapsAnotherStoresAndPublishesNothingWhenTheOtherStoredFirst() {
        ses.account("HEALTHY", true, false);
        watch.check();
        stack.published();
        Optional<AccountWatch.Latest> readByTheSlowCheck = stack.history().latest();
        ses.account("SHUTDOWN", false, false);
        watch.check();
        stack.published();
        DynamoStatusHistory history = stack.history();
        AccountWatch slow =
                new AccountWatch(
                        SesV2StandIn.REGION,
                        new SesAccountSource(sesClient, new VirtualTime()),
                        readingFirst(readByTheSlowCheck, history),
                        AccountWatch.Topic.on(new SnsTopic(stack.sns, stack.topicArn)),
                        Clock.systemUTC());

        assertThat(slow.check().result()).isEqualTo(AccountWatch.Result.STORED_BY_ANOTHER_CHECK);
        assertThat(stack.published()).isEmpty();
        assertThat(sortKeys(stack.items())).hasSize(3);
    }

    @Test
    void theRecorderReadsThePublishedMessageAsAnAccountStatus() {
        ses.account("HEALTHY", true, false);
        watch.check();
        stack.published();
        ses.account("PROBATION", true, false);
        watch.check();

        FeedbackMessage recorded = new NotificationParser().parse(stack.published().get(0));

        assertThat(recorded.type()).isEqualTo(MessageType.ACCOUNT_STATUS);
        assertThat(recorded.problem()).isNull();
        assertThat(recorded.detail("enforcementStatus")).isEqualTo("PROBATION");
        assertThat(recorded.detail("previousEnforcementStatus")).isEqualTo("HEALTHY");
        assertThat(recorded.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
    }

    @Test
    void theSampleInEventsHasTheFieldsOfWhatTheWatcherPublishes() throws Exception {
        ses.account("HEALTHY", true, true);
        watch.check();
        stack.published();
        ses.account("PROBATION", true, true);
        ses.recommend("COMPLAINT", "example.com", "HIGH", "OPEN");
        watch.check();

        Map<String, Object> published = Json.readObject(stack.published().get(0).body());
        Map<String, Object> event =
                Json.readObject(
                        Files.readString(Path.of("..", "events", "account-status-probation.json")));
        Map<String, Object> sns = object(((List<?>) event.get("Records")).get(0), "Sns");
        Map<String, Object> sample = Json.readObject((String) sns.get("Message"));

        assertThat(sample.keySet()).containsExactlyElementsOf(published.keySet());
        for (String nested : List.of("account", "previous")) {
            assertThat(object(sample, nested).keySet())
                    .as(nested)
                    .containsExactlyElementsOf(object(published, nested).keySet());
        }
    }

    @Test
    void
            anAccountWithAThousandLongOpenRecommendationsIsStoredAndPublishedWithinDynamoDbAndSnsLimits() {
        // given an account with a thousand open recommendations on long identity names, each
        // described in some 1,500 bytes
        ses.pageSize(SesAccountSource.PAGE_SIZE);
        ses.account("HEALTHY", true, true);
        for (int i = 0; i < 1000; i++) {
            ses.recommend(
                    i < 40 ? "DMARC" : "SPF",
                    "mail-" + i + "." + "customer-subdomain.".repeat(10) + "example.com",
                    i < 40 ? "HIGH" : "LOW",
                    "OPEN",
                    ("Für die Domäne fehlt ein gültiger Eintrag (" + i + "). ").repeat(20));
        }

        // when its first check runs, and the next one finds the same
        AccountWatch.Outcome first = watch.check();
        List<SnsMessage> published = stack.published();
        AccountWatch.Outcome second = watch.check();

        // then the first stored the change and published a summary within SNS's limit, which the
        // recorder reads
        assertThat(first.result()).isEqualTo(AccountWatch.Result.PUBLISHED);
        assertThat(published)
                .singleElement()
                .satisfies(
                        message -> {
                            assertThat(message.body().getBytes(StandardCharsets.UTF_8).length)
                                    .isLessThanOrEqualTo(AccountStatusMessage.BODY_BYTES);
                            assertThat(new NotificationParser().parse(message).type())
                                    .isEqualTo(MessageType.ACCOUNT_STATUS);
                            Map<String, Object> account =
                                    object(Json.readObject(message.body()), "account");
                            assertThat((List<?>) account.get("recommendations"))
                                    .hasSize(AccountState.STORED_IN_FULL);
                            assertThat(
                                            ((Number) account.get("recommendationsNotListed"))
                                                    .intValue())
                                    .isEqualTo(1000 - AccountState.STORED_IN_FULL);
                        });
        List<Map<String, AttributeValue>> items = stack.items();
        assertThat(sortKeys(items)).containsExactly("LATEST", "STATUS#2026-11-20T10:00:00.000Z");
        assertThat(items.get(0).get("recommendations").l()).hasSize(AccountState.STORED_IN_FULL);
        assertThat(items.get(0).get(DynamoStatusHistory.RECOMMENDATION_DIGESTS).l()).hasSize(1000);
        assertThat(items.get(0)).doesNotContainKey(DynamoStatusHistory.PUBLISH_HELD_UNTIL);
        assertThat(items.get(1).get("message").s()).isEqualTo(published.get(0).body());
        // and the second, comparing by the digests kept, found nothing changed
        assertThat(second.result()).isEqualTo(AccountWatch.Result.UNCHANGED);
        assertThat(stack.published()).isEmpty();

        // when six hundred of them close, the forty of HIGH impact among them
        ses.clearRecommendations();
        for (int i = 600; i < 1000; i++) {
            ses.recommend(
                    "SPF",
                    "mail-" + i + "." + "customer-subdomain.".repeat(10) + "example.com",
                    "LOW",
                    "OPEN",
                    ("Für die Domäne fehlt ein gültiger Eintrag (" + i + "). ").repeat(20));
        }
        AccountWatch.Outcome third = watch.check();

        // then the twenty kept in full are changes of their own, the others one change that counts
        // them, and the item lists what the message lists
        assertThat(third.changes())
                .hasSize(21)
                .last()
                .isEqualTo(new Change("recommendation", "580 others", null));
        assertThat(stack.published())
                .singleElement()
                .satisfies(
                        message ->
                                assertThat(message.subject())
                                        .isEqualTo("SES account eu-west-1: 21 changes"));
        Map<String, AttributeValue> change = stack.items().get(2);
        assertThat(change.get("changes").l())
                .hasSize(third.message().listed())
                .allSatisfy(
                        line ->
                                assertThat(line.s())
                                        .startsWith("recommendation DMARC (HIGH)")
                                        .endsWith(" closed"));
        assertThat(change.get("changesNotListed").n())
                .isEqualTo(Integer.toString(21 - third.message().listed()));
        assertThat(stack.items().get(0).get(DynamoStatusHistory.RECOMMENDATION_DIGESTS).l())
                .hasSize(400);
    }

    @Test
    void aLatestChangeWrittenBeforeTheDigestsComparesAsItDidThen() {
        // given the latest change as the watcher wrote it before: every recommendation in full, no
        // digests, no hold
        ses.account("HEALTHY", true, true);
        ses.recommend("DMARC", "example.com", "HIGH", "OPEN");
        ses.recommend("DKIM", "example.org", "LOW", "OPEN");
        Map<String, AttributeValue> recommendation =
                Map.of(
                        "type",
                        AttributeValue.fromS("DMARC"),
                        "resourceArn",
                        AttributeValue.fromS(
                                "arn:aws:ses:eu-west-1:123456789012:identity/example.com"),
                        "impact",
                        AttributeValue.fromS("HIGH"),
                        "description",
                        AttributeValue.fromS("DMARC is not set up for example.com."));
        stack.dynamo.putItem(
                request ->
                        request.tableName(stack.table)
                                .item(
                                        Map.of(
                                                "pk",
                                                AttributeValue.fromS("ACCOUNT#eu-west-1"),
                                                "sk",
                                                AttributeValue.fromS("LATEST"),
                                                "enforcementStatus",
                                                AttributeValue.fromS("HEALTHY"),
                                                "sendingEnabled",
                                                AttributeValue.fromBool(true),
                                                "productionAccessEnabled",
                                                AttributeValue.fromBool(true),
                                                "max24HourSend",
                                                AttributeValue.fromN("50000"),
                                                "maxSendRate",
                                                AttributeValue.fromN("14"),
                                                "vdmEnabled",
                                                AttributeValue.fromBool(true),
                                                "recommendations",
                                                AttributeValue.fromL(
                                                        List.of(
                                                                AttributeValue.fromM(
                                                                        recommendation))),
                                                "changedAt",
                                                AttributeValue.fromS("2026-11-20T09:45:00.000Z"))));

        // when a check runs
        AccountWatch.Outcome outcome = watch.check();

        // then only the recommendation that opened since is a change
        assertThat(outcome.result()).isEqualTo(AccountWatch.Result.PUBLISHED);
        assertThat(outcome.changes())
                .extracting(Change::describe)
                .containsExactly(
                        "recommendation DKIM (LOW) arn:aws:ses:eu-west-1:123456789012:identity/example.org");
        assertThat(stack.items().get(0).get(DynamoStatusHistory.RECOMMENDATION_DIGESTS).l())
                .hasSize(2);
    }

    private static SnsException refusal(String code) {
        return (SnsException)
                SnsException.builder()
                        .statusCode(500)
                        .message(code)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(code)
                                        .build())
                        .build();
    }

    @Test
    void aChangeWhosePublishFailedIsPublishedByTheNextCheckAndNotAgainByTheOneAfter()
            throws Exception {
        Faults faults = new Faults().failBefore("Publish", 1, request -> refusal("InternalError"));
        try (MotoStack failing = new MotoStack(moto, faults)) {
            AccountWatch watching = failing.watch(sesClient);
            // given a first check whose publish SNS refused
            ses.account("PROBATION", true, false);
            assertThatThrownBy(watching::check)
                    .isInstanceOf(FailedCall.class)
                    .hasMessageContaining("sns:Publish");
            assertThat(failing.published()).isEmpty();
            assertThat(failing.items().get(0)).containsKey(DynamoStatusHistory.PUBLISH_HELD_UNTIL);

            // when the next check runs, a quarter of an hour later, SES unchanged
            AccountWatch.Outcome next = watching.check();

            // then it published the stored change, once
            List<SnsMessage> published = failing.published();
            assertThat(published)
                    .singleElement()
                    .satisfies(
                            message -> {
                                assertThat(message.body())
                                        .isEqualTo(failing.items().get(1).get("message").s());
                                assertThat(message.subject())
                                        .isEqualTo("SES account eu-west-1: PROBATION, first check");
                                assertThat(message.messageId())
                                        .isEqualTo(next.republished().snsMessageId());
                            });
            assertThat(next.result()).isEqualTo(AccountWatch.Result.UNCHANGED);
            assertThat(next.republished().changedAt())
                    .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
            assertThat(failing.items().get(0))
                    .doesNotContainKey(DynamoStatusHistory.PUBLISH_HELD_UNTIL);
            // and the check after it publishes nothing
            assertThat(watching.check().republished()).isNull();
            assertThat(failing.published()).isEmpty();
        }
    }

    @Test
    void aCheckThatReadTheUnpublishedChangeBeforeAnotherPublishedItPublishesNothing()
            throws Exception {
        Faults faults = new Faults().failBefore("Publish", 1, request -> refusal("InternalError"));
        try (MotoStack failing = new MotoStack(moto, faults)) {
            AccountWatch watching = failing.watch(sesClient);
            // given a change whose publish failed, read by a slow check before another check
            // published it
            ses.account("PROBATION", true, false);
            assertThatThrownBy(watching::check).isInstanceOf(FailedCall.class);
            Optional<AccountWatch.Latest> readByTheSlowCheck = failing.history().latest();
            watching.check();
            assertThat(failing.published()).hasSize(1);
            AccountWatch slow =
                    new AccountWatch(
                            SesV2StandIn.REGION,
                            new SesAccountSource(sesClient, new VirtualTime()),
                            readingFirst(readByTheSlowCheck, failing.history()),
                            AccountWatch.Topic.on(new SnsTopic(failing.sns, failing.topicArn)),
                            Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC));

            // when the slow check goes on
            AccountWatch.Outcome outcome = slow.check();

            // then it could not take the change over, and published and stored nothing
            assertThat(outcome.result()).isEqualTo(AccountWatch.Result.WAITING_FOR_ANOTHER_CHECK);
            assertThat(failing.published()).isEmpty();
            assertThat(failing.items().get(0))
                    .doesNotContainKey(DynamoStatusHistory.PUBLISH_HELD_UNTIL);
        }
    }

    @Test
    void aCheckThatFindsTheUnpublishedChangeHeldByAnotherPublishesNothingAndStoresNothing()
            throws Exception {
        Faults faults = new Faults().failBefore("Publish", 1, request -> refusal("InternalError"));
        try (MotoStack failing = new MotoStack(moto, faults)) {
            AccountWatch watching = failing.watch(sesClient);
            // given a change whose publish failed, now held by another check that is publishing it
            ses.account("PROBATION", true, false);
            assertThatThrownBy(watching::check).isInstanceOf(FailedCall.class);
            AccountWatch.Latest unpublished = failing.history().latest().orElseThrow();
            assertThat(failing.history().hold(unpublished, Instant.parse("2026-11-20T10:16:00Z")))
                    .isTrue();
            assertThat(failing.history().hold(unpublished, Instant.parse("2026-11-20T10:17:00Z")))
                    .as("a hold on what another check holds since")
                    .isFalse();
            List<Map<String, AttributeValue>> before = failing.items();

            // when a check runs at 10:15, the account changed again
            ses.account("SHUTDOWN", false, false);
            AccountWatch.Outcome outcome = watching.check();

            // then it waits for the other: nothing published, nothing stored
            assertThat(outcome.result()).isEqualTo(AccountWatch.Result.WAITING_FOR_ANOTHER_CHECK);
            assertThat(failing.published()).isEmpty();
            assertThat(failing.items()).isEqualTo(before);
        }
    }

    private static List<Map<String, AttributeValue>> tenantItems(MotoStack stack) {
        return stack.items().stream()
                .filter(item -> item.get("sk").s().startsWith(DynamoStatusHistory.TENANT_PREFIX))
                .toList();
    }

    @Test
    void givenTenantsWhenSesDisablesOneThenOneMessageNamesItWithItsFindingAndOnlyItsItemChanges() {
        // given two tenants, checked once, with Virtual Deliverability Manager on
        ses.account("HEALTHY", true, true);
        ses.tenant("acme");
        ses.tenant("globex");
        watch.check();
        stack.published();
        assertThat(tenantItems(stack))
                .extracting(item -> item.get("tenantName").s())
                .containsExactlyInAnyOrder("acme", "globex");
        Map<String, AttributeValue> globexBefore =
                tenantItems(stack).stream()
                        .filter(item -> item.get("tenantName").s().equals("globex"))
                        .findFirst()
                        .orElseThrow();

        // when SES disables one for a finding about it
        ses.sesStatus("acme", "DISABLED", "High bounce rate");
        ses.recommendForTenant("acme", "BOUNCE", "HIGH", "OPEN");
        int callsBefore = ses.calls().size();
        AccountWatch.Outcome outcome = watch.check();

        // then one message names the tenant, its cause and its finding
        assertThat(outcome.result()).isEqualTo(AccountWatch.Result.PUBLISHED);
        assertThat(stack.published())
                .singleElement()
                .satisfies(
                        message ->
                                assertThat(message.body())
                                        .contains(
                                                "{\"field\":\"tenant acme\",\"from\":\"ENABLED,"
                                                        + " policy standard, 0 open findings\",\"to\":"
                                                        + "\"DISABLED by SES-managed (High bounce rate),"
                                                        + " policy standard, 1 open finding (highest"
                                                        + " HIGH)\"}")
                                        .contains("\"tenantsChanged\":1"))
                // the finding once, in the tenant's change, not again as the account's
                .satisfies(
                        message ->
                                assertThat((List<?>) Json.readObject(message.body()).get("changes"))
                                        .hasSize(1));
        // its item holds the new state, the other tenant's is as it was
        List<Map<String, AttributeValue>> tenants = tenantItems(stack);
        assertThat(tenants)
                .filteredOn(item -> item.get("tenantName").s().equals("acme"))
                .singleElement()
                .satisfies(
                        item -> {
                            assertThat(item.get("sendingStatus").s()).isEqualTo("DISABLED");
                            assertThat(item.get("sesCause").s()).isEqualTo("High bounce rate");
                            assertThat(item.get("openFindings").n()).isEqualTo("1");
                            assertThat(item.get("highestImpact").s()).isEqualTo("HIGH");
                        });
        assertThat(tenants).contains(globexBefore);
        // the findings came from the account's one list, not a call per tenant
        assertThat(ses.calls().subList(callsBefore, ses.calls().size()))
                .filteredOn(call -> call.operation().equals("ListRecommendations"))
                .singleElement()
                .satisfies(call -> assertThat(call.body()).doesNotContain("RESOURCE_ARN"));

        // and a check after it publishes nothing
        assertThat(watch.check().result()).isEqualTo(AccountWatch.Result.UNCHANGED);
        assertThat(stack.published()).isEmpty();
    }

    @Test
    void givenMoreTenantsThanABatchOrATransactionHoldsThenOneItemEachAndOneBoundedMessage() {
        // given 130 tenants: more than BatchWriteItem's 25 and TransactWriteItems' 100
        ses.pageSize(SesAccountSource.PAGE_SIZE);
        ses.account("HEALTHY", true, false);
        for (int i = 100; i < 230; i++) {
            ses.tenant("tenant-" + i);
        }

        // when the first check reads them
        watch.check();

        // then each has an item of its own and one message lists twenty and counts the rest
        assertThat(tenantItems(stack)).hasSize(130);
        String body = stack.published().get(0).body();
        Map<String, Object> message = Json.readObject(body);
        assertThat(message.get("tenantsChanged")).isEqualTo(130);
        assertThat((List<?>) message.get("changes")).hasSize(AccountState.STORED_IN_FULL);
        assertThat((String) message.get("summary")).endsWith("; and 117 more");

        // when all but one are deleted
        ses.clearTenants();
        ses.tenant("tenant-100");
        watch.check();

        // then one message counts the deletions and their items are gone
        assertThat(tenantItems(stack))
                .singleElement()
                .satisfies(item -> assertThat(item.get("tenantName").s()).isEqualTo("tenant-100"));
        assertThat(stack.published())
                .singleElement()
                .satisfies(
                        m ->
                                assertThat(m.subject())
                                        .isEqualTo("SES account eu-west-1: 129 tenants changed"));
        assertThat(watch.check().result()).isEqualTo(AccountWatch.Result.UNCHANGED);
    }

    /** The table, except that its latest change is the one a slower check read earlier. */
    private static AccountWatch.StatusHistory readingFirst(
            Optional<AccountWatch.Latest> read, DynamoStatusHistory table) {
        return new AccountWatch.StatusHistory() {
            @Override
            public Optional<AccountWatch.Latest> latest() {
                return read;
            }

            @Override
            public boolean record(
                    AccountCheck check,
                    AccountWatch.Latest previous,
                    List<Change> changes,
                    AccountStatusMessage message,
                    Instant heldUntil) {
                return table.record(check, previous, changes, message, heldUntil);
            }

            @Override
            public Map<String, TenantState> tenants() {
                return table.tenants();
            }

            @Override
            public void storeTenants(TenantChanges changes) {
                table.storeTenants(changes);
            }

            @Override
            public boolean hold(AccountWatch.Latest latest, Instant heldUntil) {
                return table.hold(latest, heldUntil);
            }

            @Override
            public Optional<AccountStatusMessage> message(AccountWatch.Latest latest) {
                return table.message(latest);
            }

            @Override
            public void published(AccountWatch.Latest held) {
                table.published(held);
            }

            @Override
            public void publishedToTopic(AccountWatch.Latest held) {
                table.publishedToTopic(held);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object parent, String field) {
        return (Map<String, Object>) ((Map<String, Object>) parent).get(field);
    }
}
