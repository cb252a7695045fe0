package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Faults;
import io.sesfeedback.support.VirtualTime;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.ses.SesV2StandIn;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The handler on SES's answers from the loopback stand-in, with the table and the topic kept in
 * memory (the tests on moto use real ones): what it logs and publishes, and that throttling and a
 * denied call end normally.
 */
@SuppressWarnings("unchecked")
class AccountWatchHandlerTest {

    /** The log's clock; the checks run on a {@link Schedule} from the same instant. */
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-20T10:15:00Z"), ZoneOffset.UTC);

    /** The table's two items, as far as the watcher uses them, with their conditions. */
    private static final class MemoryHistory implements AccountWatch.StatusHistory {
        AccountWatch.Latest latest;
        final List<AccountStatusMessage> stored = new ArrayList<>();

        /** The test's clock stands still: the last message stored at an instant. */
        private final Map<Instant, AccountStatusMessage> byChange = new LinkedHashMap<>();

        /** An overlapping check stores its change between this one's read and write. */
        boolean anotherCheckStoresFirst;

        @Override
        public Optional<AccountWatch.Latest> latest() {
            return Optional.ofNullable(latest);
        }

        @Override
        public boolean record(
                AccountCheck check,
                AccountWatch.Latest previous,
                List<Change> changes,
                AccountStatusMessage message,
                Instant heldUntil) {
            if (anotherCheckStoresFirst || !isLatest(previous)) {
                return false;
            }
            latest = new AccountWatch.Latest(check.state(), check.checkedAt(), heldUntil);
            stored.add(message);
            byChange.put(check.checkedAt(), message);
            return true;
        }

        /** The tenants' items, by ARN. */
        final Map<String, TenantState> tenants = new LinkedHashMap<>();

        @Override
        public Map<String, TenantState> tenants() {
            return Map.copyOf(tenants);
        }

        @Override
        public void storeTenants(TenantChanges changes) {
            changes.toStore().forEach(t -> tenants.put(t.arn(), t));
            changes.deletedArns().forEach(tenants::remove);
        }

        @Override
        public boolean hold(AccountWatch.Latest seen, Instant heldUntil) {
            if (!isLatest(seen)) {
                return false;
            }
            latest = new AccountWatch.Latest(seen.state(), seen.changedAt(), heldUntil);
            return true;
        }

        @Override
        public Optional<AccountStatusMessage> message(AccountWatch.Latest of) {
            return Optional.ofNullable(byChange.get(of.changedAt()));
        }

        @Override
        public void published(AccountWatch.Latest held) {
            if (isLatest(held)) {
                latest = new AccountWatch.Latest(held.state(), held.changedAt(), null);
            }
        }

        @Override
        public void publishedToTopic(AccountWatch.Latest held) {
            if (isLatest(held)) {
                latest =
                        new AccountWatch.Latest(
                                held.state(), held.changedAt(), held.publishHeldUntil(), true);
            }
        }

        private boolean isLatest(AccountWatch.Latest seen) {
            return seen == null
                    ? latest == null
                    : latest != null
                            && latest.changedAt().equals(seen.changedAt())
                            && Objects.equals(latest.publishHeldUntil(), seen.publishHeldUntil());
        }
    }

    private SesV2StandIn ses;
    private SesV2Client client;
    private final MemoryHistory history = new MemoryHistory();
    private final List<AccountStatusMessage> published = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final VirtualTime time = new VirtualTime();

    /** What SNS answers instead of a MessageId, while set. */
    private SnsException topicRefusal;

    private AccountWatchHandler handler;

    @BeforeEach
    void start() throws Exception {
        ses = SesV2StandIn.start();
        client = ses.client();
        AccountWatch watch = watchOn(client);
        handler =
                new AccountWatchHandler(watch, new WatchLog("ses-feedback/test", log::add, CLOCK));
    }

    /**
     * The watcher on {@code sesClient}, publishing to the test's list unless topicRefusal is set.
     */
    private AccountWatch watchOn(SesV2Client sesClient) {
        return new AccountWatch(
                SesV2StandIn.REGION,
                new SesAccountSource(sesClient, time),
                history,
                message -> {
                    if (topicRefusal != null) {
                        return FailedCall.call(
                                "sns:Publish",
                                "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback",
                                () -> {
                                    throw topicRefusal;
                                });
                    }
                    published.add(message);
                    return "sns-" + published.size();
                },
                new Schedule(CLOCK.instant()));
    }

    @AfterEach
    void stop() {
        client.close();
        ses.close();
    }

    private void invoke() {
        handler.handleRequest(
                new ByteArrayInputStream("{}".getBytes()), OutputStream.nullOutputStream(), null);
    }

    /** The function's environment as template.yaml sets it (AccountWatchFunction). */
    private static Map<String, String> environment() {
        return new HashMap<>(
                Map.of(
                        "AWS_REGION",
                        "eu-west-1",
                        "FEEDBACK_TABLE",
                        "ses-feedback-dev-feedback",
                        "FEEDBACK_TOPIC_ARN",
                        "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback",
                        "METRICS_NAMESPACE",
                        "ses-feedback/ses-feedback-dev"));
    }

    @Test
    void theFunctionsEnvironmentBuildsTheHandler() {
        assertThatCode(
                        () ->
                                new AccountWatchHandler(
                                        new Environment(
                                                environment(), AccountWatchHandler.FUNCTION)))
                .doesNotThrowAnyException();
    }

    /**
     * Not a NullPointerException at the first check: the function's start fails, naming what is
     * missing and where.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {"AWS_REGION", "FEEDBACK_TABLE", "FEEDBACK_TOPIC_ARN", "METRICS_NAMESPACE"})
    void aMissingVariableFailsTheStartNamingIt(String missing) {
        Map<String, String> variables = environment();
        variables.remove(missing);

        assertThatThrownBy(
                        () ->
                                new AccountWatchHandler(
                                        new Environment(variables, AccountWatchHandler.FUNCTION)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(missing + " is not set (template.yaml, AccountWatchFunction)");
    }

    @Test
    void aChangePublishesOneMessageAndTheSameStateAgainPublishesNothing() {
        ses.account("HEALTHY", true, false);
        invoke();
        ses.account("PROBATION", true, false);
        invoke();
        invoke();

        assertThat(published)
                .extracting(AccountStatusMessage::subject)
                .containsExactly(
                        "SES account eu-west-1: HEALTHY, first check",
                        "SES account eu-west-1: PROBATION (was HEALTHY)");
        assertThat(history.stored).hasSize(2);
        assertThat(log).hasSize(3);
        assertThat(log.get(1))
                .contains(
                        "\"outcome\":\"published\"",
                        "\"snsMessageId\":\"sns-2\"",
                        "\"AccountNotHealthy\":1",
                        "\"AccountStatusChanged\":1");
        assertThat(log.get(2))
                .contains(
                        "\"outcome\":\"unchanged\"",
                        "\"AccountNotHealthy\":1",
                        "\"AccountStatusChanged\":0");
    }

    @Test
    void everyLineIsAnEmfDocumentInTheStacksNamespace() {
        ses.account("HEALTHY", true, false);
        invoke();

        assertThat(log)
                .singleElement()
                .asString()
                .contains(
                        "\"_aws\":{\"Timestamp\":"
                                + CLOCK.millis()
                                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ses-feedback/test\",\"Dimensions\":[[]],\"Metrics\":[")
                .contains("{\"Name\":\"AccountNotHealthy\",\"Unit\":\"Count\"}")
                .contains("\"AccountNotHealthy\":0");
    }

    @Test
    void withVirtualDeliverabilityManagerOnItsOpenRecommendationsArePartOfTheState() {
        ses.account("HEALTHY", true, true);
        ses.recommend("DMARC", "example.com", "HIGH", "OPEN");
        ses.recommend("DKIM", "example.org", "LOW", "OPEN");
        ses.recommend("SPF", "example.net", "LOW", "OPEN");
        ses.recommend("BIMI", "example.com", "LOW", "FIXED");
        invoke();

        assertThat(history.latest.state().recommendations())
                .extracting(Recommendation::type)
                .containsExactly("DKIM", "DMARC", "SPF");
        assertThat(ses.calls())
                .extracting(SesV2StandIn.Call::operation)
                .containsExactly(
                        "GetAccount",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListReputationEntities");
        assertThat(ses.calls().get(1).body()).contains("\"Filter\":{\"STATUS\":\"OPEN\"}");
    }

    @Test
    void withoutVirtualDeliverabilityManagerNoRecommendationsAreAskedFor() {
        ses.account("HEALTHY", true, false);
        invoke();

        assertThat(ses.calls())
                .extracting(SesV2StandIn.Call::operation)
                .containsExactly("GetAccount", "ListReputationEntities");
    }

    @Test
    void throttlingIsOneWarningLineAndANormalReturn() {
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(429, "TooManyRequestsException", "Too many requests."));

        invoke();

        assertThat(log)
                .singleElement()
                .asString()
                .contains(
                        "\"level\":\"WARN\"",
                        "\"outcome\":\"throttled\"",
                        "\"action\":\"ses:GetAccount\"",
                        "\"errorCode\":\"TooManyRequestsException\"",
                        "\"statusCode\":429",
                        "\"AccountCheckFailed\":1",
                        "the next scheduled check tries again");
        assertThat(published).isEmpty();
        assertThat(ses.calls()).as("the SDK's own retries, no more").hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aDeniedCallIsOneErrorLineNamingTheActionAndANormalReturn() {
        ses.account("HEALTHY", true, true);
        invoke();
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(
                        403,
                        "AccessDeniedException",
                        "User is not authorized to perform: ses:ListRecommendations"));

        invoke();

        assertThat(log).hasSize(2);
        assertThat(log.get(1))
                .contains(
                        "\"level\":\"ERROR\"",
                        "\"outcome\":\"access-denied\"",
                        "\"statusCode\":403",
                        "may not call ses:GetAccount",
                        "\"AccountCheckFailed\":1");
        assertThat(published).hasSize(1);
    }

    @Test
    void givenTheRoleMayNotListTenantsThenTheAccountIsStillWatchedAndOneWarnLineNamesTheAction() {
        // given a watcher whose second ListReputationEntities is refused, as a role without the
        // grant would be
        Faults faults =
                new Faults()
                        .failBefore(
                                "ListReputationEntities",
                                2,
                                request ->
                                        SesV2Exception.builder()
                                                .statusCode(403)
                                                .awsErrorDetails(
                                                        AwsErrorDetails.builder()
                                                                .errorCode("AccessDeniedException")
                                                                .build())
                                                .message(
                                                        "User is not authorized to perform:"
                                                                + " ses:ListReputationEntities")
                                                .build());
        try (SesV2Client refusing = ses.client(faults)) {
            AccountWatch watch = watchOn(refusing);
            AccountWatchHandler refused =
                    new AccountWatchHandler(
                            watch, new WatchLog("ses-feedback/test", log::add, CLOCK));
            ses.account("HEALTHY", true, false);
            ses.tenant("acme");
            refused.handleRequest(
                    new ByteArrayInputStream("{}".getBytes()),
                    OutputStream.nullOutputStream(),
                    null);

            // when the account changes and the tenants cannot be listed
            ses.account("PROBATION", true, false);
            refused.handleRequest(
                    new ByteArrayInputStream("{}".getBytes()),
                    OutputStream.nullOutputStream(),
                    null);
        }

        // then the account's change is published, the tenant kept, and one WARN line says why
        assertThat(published).hasSize(2);
        assertThat(published.get(1).subject())
                .isEqualTo("SES account eu-west-1: PROBATION (was HEALTHY)");
        assertThat(history.tenants).hasSize(1);
        assertThat(log.get(1))
                .contains(
                        "\"level\":\"WARN\"",
                        "\"outcome\":\"published\"",
                        "\"tenantsProblem\":\"ses:ListReputationEntities denied (AccessDeniedException)\"",
                        "\"AccountCheckFailed\":0");
    }

    @Test
    void everyLineCarriesItsInvocationsRequestId() {
        ses.account("HEALTHY", true, false);
        handler.handleRequest(
                new ByteArrayInputStream("{}".getBytes()),
                OutputStream.nullOutputStream(),
                new LocalContext("check-1"));
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(429, "TooManyRequestsException", "Too many requests."));
        handler.handleRequest(
                new ByteArrayInputStream("{}".getBytes()),
                OutputStream.nullOutputStream(),
                new LocalContext("check-2"));

        assertThat(log)
                .satisfiesExactly(
                        line ->
                                assertThat(JsonTree.object(line))
                                        .containsEntry("function_request_id", "check-1"),
                        line ->
                                assertThat(JsonTree.object(line))
                                        .containsEntry("function_request_id", "check-2"));
    }

    /**
     * Lambda's JSON log format takes a line's level only beside a valid timestamp; else WARN and
     * ERROR show as INFO.
     */
    @Test
    void everyLineCarriesAnRfc3339TimestampBesideItsLevelTheSameInstantAsItsMetrics() {
        ses.account("HEALTHY", true, false);
        invoke();
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(429, "TooManyRequestsException", "Too many requests."));
        invoke();

        assertThat(log)
                .hasSize(2)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith(
                                                "{\"timestamp\":\"2026-11-20T10:15:00Z\",\"level\":")
                                        .contains("\"Timestamp\":" + CLOCK.millis()));
        assertThat(log.get(1)).contains("\"level\":\"WARN\"");
    }

    /**
     * The account-check-failing alarm takes the hour's Minimum: 1 only when no check of the hour
     * completed.
     */
    @Test
    void aCompletedCheckCountsNoFailureAndARefusedOneCountsOne() {
        ses.account("HEALTHY", true, false);
        invoke();
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(
                        403,
                        "AccessDeniedException",
                        "User is not authorized to perform: ses:GetAccount"));
        invoke();

        assertThat(log.get(0)).contains("\"" + WatchLog.FAILED + "\":0");
        assertThat(log.get(1)).contains("\"" + WatchLog.FAILED + "\":1");
    }

    @Test
    void anyOtherServiceErrorIsLoggedAndFailsTheInvocation() {
        ses.refuseEveryCall(
                new SesV2StandIn.Refusal(
                        400, "BadRequestException", "Something SES did not like."));

        assertThatThrownBy(this::invoke)
                .isInstanceOf(FailedCall.class)
                .hasMessageContaining("ses:GetAccount");
        assertThat(log)
                .singleElement()
                .asString()
                .contains("\"outcome\":\"failed\"", "\"errorCode\":\"BadRequestException\"");
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The log lines one invocation wrote, whether it ended normally or failed. */
    private List<String> linesOf(Runnable invocation) {
        int before = log.size();
        try {
            invocation.run();
        } catch (RuntimeException failedInvocation) {
            // a failed invocation is a path too: its line is what counts here
        }
        return List.copyOf(log.subList(before, log.size()));
    }

    /**
     * The alarm on the heartbeat counts the samples of AccountCheckFailed: one per check that ended
     * with a line, 0 or 1.
     */
    @Test
    void
            everyCheckThatEndsEmitsOneAccountCheckFailedDatapointInTheStacksNamespaceWithoutDimensions() {
        Map<String, Runnable> paths = new LinkedHashMap<>();
        paths.put("first check, healthy", () -> ses.account("HEALTHY", true, false));
        paths.put("unchanged", () -> {});
        paths.put("under review, published", () -> ses.account("PROBATION", true, false));
        paths.put(
                "SES throttled",
                () ->
                        ses.refuseEveryCall(
                                new SesV2StandIn.Refusal(
                                        429, "TooManyRequestsException", "Too many requests.")));
        paths.put(
                "SES denied",
                () ->
                        ses.refuseEveryCall(
                                new SesV2StandIn.Refusal(
                                        403, "AccessDeniedException", "Not authorized.")));
        paths.put(
                "SES failed otherwise",
                () ->
                        ses.refuseEveryCall(
                                new SesV2StandIn.Refusal(400, "BadRequestException", "Bad.")));
        paths.put(
                "publish refused",
                () -> {
                    ses.refuseEveryCall(null);
                    ses.account("SHUTDOWN", false, false);
                    topicRefusal = refusal(500, "InternalError");
                });
        paths.put("unpublished change published again", () -> topicRefusal = null);
        paths.put(
                "stored by another check",
                () -> {
                    ses.account("HEALTHY", true, false);
                    history.anotherCheckStoresFirst = true;
                });
        paths.put(
                "waiting for another check",
                () -> {
                    history.anotherCheckStoresFirst = false;
                    history.latest =
                            new AccountWatch.Latest(
                                    history.latest.state(),
                                    history.latest.changedAt(),
                                    Instant.parse("2100-01-01T00:00:00Z"));
                });
        paths.put(
                "more recommendations than a check lists",
                () -> {
                    history.latest =
                            new AccountWatch.Latest(
                                    history.latest.state(), history.latest.changedAt(), null);
                    ses.account("SHUTDOWN", false, true);
                    ses.pageSize(SesAccountSource.PAGE_SIZE);
                    for (int i = 0;
                            i < SesAccountSource.MAX_PAGES * SesAccountSource.PAGE_SIZE + 1;
                            i++) {
                        ses.recommend("DMARC", "example-" + i + ".com", "HIGH", "OPEN");
                    }
                });
        paths.put("crashed", () -> topicRefusal = null);

        for (Map.Entry<String, Runnable> path : paths.entrySet()) {
            // given the path's situation
            path.getValue().run();
            if (path.getKey().equals("crashed")) {
                ses.clearRecommendations();
                ses.account("HEALTHY", true, false);
                history.latest = null;
                handler =
                        new AccountWatchHandler(
                                new AccountWatch(
                                        SesV2StandIn.REGION,
                                        new SesAccountSource(client, time),
                                        history,
                                        message -> {
                                            throw new IllegalStateException("a broken connection");
                                        },
                                        new Schedule(CLOCK.instant())),
                                new WatchLog("ses-feedback/test", log::add, CLOCK));
            }

            // when a check runs
            List<String> lines = linesOf(this::invoke);

            // then it wrote one line, an EMF document with one AccountCheckFailed datapoint in the
            // namespace, no dimensions
            assertThat(lines)
                    .as(path.getKey())
                    .singleElement()
                    .satisfies(
                            line -> {
                                Map<String, Object> document = JsonTree.object(line);
                                Map<String, Object> directive =
                                        (Map<String, Object>)
                                                JsonTree.list(
                                                                JsonTree.object(document, "_aws"),
                                                                "CloudWatchMetrics")
                                                        .get(0);
                                assertThat(directive)
                                        .as(path.getKey())
                                        .containsEntry("Namespace", "ses-feedback/test")
                                        .containsEntry("Dimensions", List.of(List.of()));
                                assertThat((List<Object>) directive.get("Metrics"))
                                        .as(path.getKey())
                                        .contains(Map.of("Name", WatchLog.FAILED, "Unit", "Count"));
                                assertThat(document.get(WatchLog.FAILED))
                                        .as(path.getKey())
                                        .isIn(0L, 1L);
                            });
        }
        assertThat(log)
                .extracting(line -> JsonTree.object(line).get("outcome"))
                .containsExactly(
                        "published",
                        "unchanged",
                        "published",
                        "throttled",
                        "access-denied",
                        "failed",
                        "failed",
                        "unchanged",
                        "stored-by-another-check",
                        "waiting-for-another-check",
                        "published",
                        "failed");
    }

    private static SnsException refusal(int status, String code) {
        return (SnsException)
                SnsException.builder()
                        .statusCode(status)
                        .message(code)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(code)
                                        .build())
                        .build();
    }

    @Test
    void aChangeWhosePublishWasRefusedIsStoredUnpublishedAndTheNextCheckPublishesIt() {
        // given a first check whose publish SNS refuses
        ses.account("HEALTHY", true, false);
        topicRefusal = refusal(429, "Throttling");
        invoke();

        // when the next check runs, SNS answering again, nothing new at SES
        topicRefusal = null;
        invoke();

        // then it published the stored change, and says so; the one after publishes nothing
        invoke();
        assertThat(published)
                .extracting(AccountStatusMessage::body)
                .containsExactly(history.stored.get(0).body());
        assertThat(log.get(0))
                .contains(
                        "\"outcome\":\"throttled\"",
                        "\"action\":\"sns:Publish\"",
                        "marked unpublished: the next check publishes it");
        assertThat(log.get(1))
                .contains(
                        "\"outcome\":\"unchanged\"",
                        "\"republishedSnsMessageId\":\"sns-1\"",
                        "\"republishedChange\":\"2026-11-20T10:15:00.000Z\"",
                        "\"AccountStatusChanged\":1");
        assertThat(log.get(2))
                .contains("\"outcome\":\"unchanged\"", "\"AccountStatusChanged\":0")
                .doesNotContain("republished");
        assertThat(history.latest.unpublished()).isFalse();
    }

    @Test
    void theRecommendationsPagesAreAskedForOneSecondApart() throws Exception {
        // given an account whose open recommendations take three pages
        ses.account("HEALTHY", true, true);
        for (int i = 0; i < 5; i++) {
            ses.recommend("DMARC", "example-" + i + ".com", "HIGH", "OPEN");
        }
        List<Long> pageStarts = new ArrayList<>();
        ExecutionInterceptor startOfEachPage =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                            Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof ListRecommendationsRequest) {
                            pageStarts.add(time.nanoTime());
                        }
                    }
                };

        // when the account is read
        try (SesV2Client paced = ses.client(startOfEachPage)) {
            AccountWatch.Reading reading = new SesAccountSource(paced, time).read();
            assertThat(reading.state().recommendations()).hasSize(5);
        }

        // then each page started at least a second after the one before
        assertThat(pageStarts).hasSize(3);
        for (int page = 1; page < pageStarts.size(); page++) {
            assertThat(Duration.ofNanos(pageStarts.get(page) - pageStarts.get(page - 1)))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void
            anAccountWithMoreOpenRecommendationsThanACheckListsIsReadTenPagesAndItsRecommendationsAreNotCompared() {
        // given a first check that stored three open recommendations
        ses.pageSize(SesAccountSource.PAGE_SIZE);
        ses.account("HEALTHY", true, true);
        for (int i = 0; i < 3; i++) {
            ses.recommend("DMARC", "example-" + i + ".com", "HIGH", "OPEN");
        }
        invoke();
        int callsBefore = ses.calls().size();

        // when SES has more open ones than ten pages hold
        for (int i = 3; i < SesAccountSource.MAX_PAGES * SesAccountSource.PAGE_SIZE + 50; i++) {
            ses.recommend("SPF", "example-" + i + ".com", "LOW", "OPEN");
        }
        invoke();

        // then the check read ten pages, warned, and neither stored nor published the partial list
        // as a change
        assertThat(ses.calls().subList(callsBefore, ses.calls().size()))
                .extracting(SesV2StandIn.Call::operation)
                .containsExactly(
                        "GetAccount",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListRecommendations",
                        "ListReputationEntities");
        assertThat(log.get(1))
                .contains(
                        "\"level\":\"WARN\"",
                        "\"outcome\":\"unchanged\"",
                        "recommendations not compared",
                        "\"openRecommendations\":3");
        assertThat(published).hasSize(1);
        assertThat(history.latest.state().openRecommendations()).hasSize(3);
    }

    @Test
    void aCheckOfAThousandOpenRecommendationsLogsOneLineWithinItsBoundWithItsMetrics() {
        // given an account with a thousand open recommendations
        ses.pageSize(SesAccountSource.PAGE_SIZE);
        ses.account("HEALTHY", true, true);
        for (int i = 0; i < 1000; i++) {
            ses.recommend(
                    "DMARC",
                    "a-rather-long-subdomain-of-a-customer-" + i + ".example.com",
                    "LOW",
                    "OPEN");
        }

        // when its first check runs
        invoke();

        // then its one line is within a quarter of CloudWatch Logs' event, lists twenty changes,
        // counts the rest, has its metrics
        assertThat(log)
                .singleElement()
                .satisfies(
                        line -> {
                            assertThat(bytes(line))
                                    .isLessThanOrEqualTo(WatchLog.LINE_BYTES)
                                    .isLessThan(WatchLog.LOG_EVENT_BYTES);
                            Map<String, Object> document = JsonTree.object(line);
                            assertThat(JsonTree.list(document, "changes")).hasSize(20);
                            assertThat(document)
                                    .containsEntry("changesNotListed", 987L)
                                    .containsEntry("openRecommendations", 1000L)
                                    .containsEntry(WatchLog.FAILED, 0L)
                                    .containsEntry(WatchLog.CHANGED, 1L);
                        });
    }

    @Test
    void aLineThatWouldPassItsBoundKeepsItsMetricsAndLeavesOutTheDetails() {
        // given a failure whose text alone would pass CloudWatch Logs' event size
        WatchLog watchLog = new WatchLog("ses-feedback/test", log::add, CLOCK);

        // when it is logged
        watchLog.crashed(new IllegalStateException("x".repeat(WatchLog.LOG_EVENT_BYTES)));

        // then the line is within its bound, still JSON, and still counts the failure
        assertThat(log)
                .singleElement()
                .satisfies(
                        line -> {
                            assertThat(bytes(line)).isLessThanOrEqualTo(WatchLog.LINE_BYTES);
                            assertThat(JsonTree.object(line))
                                    .containsEntry(WatchLog.FAILED, 1L)
                                    .containsEntry("level", "ERROR")
                                    .containsKey("detailsLeftOut")
                                    .containsKey("_aws");
                        });
    }
}
