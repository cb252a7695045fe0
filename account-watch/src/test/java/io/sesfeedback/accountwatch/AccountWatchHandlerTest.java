package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The handler on SES's answers from the loopback stand-in, with the table and the topic kept in memory (the tests on
 * moto use real ones): what it logs and publishes, and that throttling and a denied call end normally.
 */
class AccountWatchHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:00Z"), ZoneOffset.UTC);

    /** The table's two items, as far as the watcher uses them. */
    private static final class MemoryHistory implements AccountWatch.StatusHistory {
        AccountWatch.Latest latest;
        final List<AccountStatusMessage> stored = new ArrayList<>();

        @Override
        public Optional<AccountWatch.Latest> latest() {
            return Optional.ofNullable(latest);
        }

        @Override
        public boolean record(AccountCheck check, AccountWatch.Latest previous, List<Change> changes, AccountStatusMessage message) {
            latest = new AccountWatch.Latest(check.state(), check.checkedAt());
            stored.add(message);
            return true;
        }
    }

    private SesV2StandIn ses;
    private SesV2Client client;
    private final MemoryHistory history = new MemoryHistory();
    private final List<AccountStatusMessage> published = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private AccountWatchHandler handler;

    @BeforeEach
    void start() throws Exception {
        ses = SesV2StandIn.start();
        client = ses.client();
        AccountWatch watch = new AccountWatch(SesV2StandIn.REGION, new SesAccountSource(client), history, message -> {
            published.add(message);
            return "sns-" + published.size();
        }, CLOCK);
        handler = new AccountWatchHandler(watch, new WatchLog("ses-feedback/test", log::add, CLOCK));
    }

    @AfterEach
    void stop() {
        client.close();
        ses.close();
    }

    private void invoke() {
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes()), OutputStream.nullOutputStream(), null);
    }

    @Test
    void aChangePublishesOneMessageAndTheSameStateAgainPublishesNothing() {
        ses.account("HEALTHY", true, false);
        invoke();
        ses.account("PROBATION", true, false);
        invoke();
        invoke();

        assertThat(published).extracting(AccountStatusMessage::subject).containsExactly(
                "SES account eu-west-1: HEALTHY, first check", "SES account eu-west-1: PROBATION (was HEALTHY)");
        assertThat(history.stored).hasSize(2);
        assertThat(log).hasSize(3);
        assertThat(log.get(1)).contains("\"outcome\":\"published\"", "\"snsMessageId\":\"sns-2\"", "\"AccountNotHealthy\":1",
                "\"AccountStatusChanged\":1");
        assertThat(log.get(2)).contains("\"outcome\":\"unchanged\"", "\"AccountNotHealthy\":1", "\"AccountStatusChanged\":0");
    }

    @Test
    void everyLineIsAnEmfDocumentInTheStacksNamespace() {
        ses.account("HEALTHY", true, false);
        invoke();

        assertThat(log).singleElement().asString().contains("\"_aws\":{\"Timestamp\":" + CLOCK.millis()
                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ses-feedback/test\",\"Dimensions\":[[]],\"Metrics\":[")
                .contains("{\"Name\":\"AccountNotHealthy\",\"Unit\":\"Count\"}").contains("\"AccountNotHealthy\":0");
    }

    @Test
    void withVirtualDeliverabilityManagerOnItsOpenRecommendationsArePartOfTheState() {
        ses.account("HEALTHY", true, true);
        ses.recommend("DMARC", "example.com", "HIGH", "OPEN");
        ses.recommend("DKIM", "example.org", "LOW", "OPEN");
        ses.recommend("SPF", "example.net", "LOW", "OPEN");
        ses.recommend("BIMI", "example.com", "LOW", "FIXED");
        invoke();

        assertThat(history.latest.state().recommendations()).extracting(Recommendation::type).containsExactly("DKIM", "DMARC", "SPF");
        assertThat(ses.calls()).extracting(SesV2StandIn.Call::operation)
                .containsExactly("GetAccount", "ListRecommendations", "ListRecommendations");
        assertThat(ses.calls().get(1).body()).contains("\"Filter\":{\"STATUS\":\"OPEN\"}");
    }

    @Test
    void withoutVirtualDeliverabilityManagerNoRecommendationsAreAskedFor() {
        ses.account("HEALTHY", true, false);
        invoke();

        assertThat(ses.calls()).extracting(SesV2StandIn.Call::operation).containsExactly("GetAccount");
    }

    @Test
    void throttlingIsOneWarningLineAndANormalReturn() {
        ses.refuse(new SesV2StandIn.Refusal(429, "TooManyRequestsException", "Too many requests."));

        invoke();

        assertThat(log).singleElement().asString().contains("\"level\":\"WARN\"", "\"outcome\":\"throttled\"",
                "\"action\":\"ses:GetAccount\"", "\"errorCode\":\"TooManyRequestsException\"", "\"statusCode\":429",
                "\"AccountCheckFailed\":1", "the next scheduled check tries again");
        assertThat(published).isEmpty();
        assertThat(ses.calls()).as("the SDK's own retries, no more").hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aDeniedCallIsOneErrorLineNamingTheActionAndANormalReturn() {
        ses.account("HEALTHY", true, true);
        invoke();
        ses.refuse(new SesV2StandIn.Refusal(403, "AccessDeniedException",
                "User is not authorized to perform: ses:ListRecommendations"));

        invoke();

        assertThat(log).hasSize(2);
        assertThat(log.get(1)).contains("\"level\":\"ERROR\"", "\"outcome\":\"access-denied\"", "\"statusCode\":403",
                "may not call ses:GetAccount", "\"AccountCheckFailed\":1");
        assertThat(published).hasSize(1);
    }

    /** Lambda's JSON log format takes a line's level only beside a valid timestamp; else WARN and ERROR show as INFO. */
    @Test
    void everyLineCarriesAnRfc3339TimestampBesideItsLevelTheSameInstantAsItsMetrics() {
        ses.account("HEALTHY", true, false);
        invoke();
        ses.refuse(new SesV2StandIn.Refusal(429, "TooManyRequestsException", "Too many requests."));
        invoke();

        assertThat(log).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":\"2026-11-20T10:15:00Z\",\"level\":")
                .contains("\"Timestamp\":" + CLOCK.millis()));
        assertThat(log.get(1)).contains("\"level\":\"WARN\"");
    }

    /** The account-check-failing alarm takes the hour's Minimum: 1 only when no check of the hour completed. */
    @Test
    void aCompletedCheckCountsNoFailureAndARefusedOneCountsOne() {
        ses.account("HEALTHY", true, false);
        invoke();
        ses.refuse(new SesV2StandIn.Refusal(403, "AccessDeniedException", "User is not authorized to perform: ses:GetAccount"));
        invoke();

        assertThat(log.get(0)).contains("\"" + WatchLog.FAILED + "\":0");
        assertThat(log.get(1)).contains("\"" + WatchLog.FAILED + "\":1");
    }

    @Test
    void anyOtherServiceErrorIsLoggedAndFailsTheInvocation() {
        ses.refuse(new SesV2StandIn.Refusal(400, "BadRequestException", "Something SES did not like."));

        assertThatThrownBy(this::invoke).isInstanceOf(FailedCall.class).hasMessageContaining("ses:GetAccount");
        assertThat(log).singleElement().asString().contains("\"outcome\":\"failed\"", "\"errorCode\":\"BadRequestException\"");
    }
}
