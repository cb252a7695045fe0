package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.sesfeedback.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The watcher on a real table and topic (moto), SES being the loopback stand-in: what one check stores and publishes,
 * and that the recorder reads what it publishes.
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
        assertThat(published).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(outcome.snsMessageId());
            assertThat(message.subject()).isEqualTo("SES account eu-west-1: PROBATION (was HEALTHY)");
        });
        List<Map<String, AttributeValue>> items = stack.items();
        assertThat(sortKeys(items)).containsExactly("LATEST", "STATUS#2026-11-20T10:00:00.000Z", "STATUS#2026-11-20T10:15:00.000Z");
        assertThat(items).allSatisfy(item -> assertThat(item.get("pk").s()).isEqualTo("ACCOUNT#eu-west-1"));
        assertThat(items.get(0).get("enforcementStatus").s()).isEqualTo("PROBATION");
        assertThat(items.get(0).get("changedAt").s()).isEqualTo("2026-11-20T10:15:00.000Z");
        assertThat(items.get(2).get("previousEnforcementStatus").s()).isEqualTo("HEALTHY");
        assertThat(items.get(2).get("changes").l()).extracting(AttributeValue::s).containsExactly("enforcementStatus HEALTHY -> PROBATION");
        assertThat(items.get(2).get("message").s()).isEqualTo(published.get(0).body());
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
        AccountWatch slow = new AccountWatch(SesV2StandIn.REGION, new SesAccountSource(sesClient), new AccountWatch.StatusHistory() {
            @Override
            public Optional<AccountWatch.Latest> latest() {
                return readByTheSlowCheck;
            }

            @Override
            public boolean record(AccountCheck check, AccountWatch.Latest previous, List<Change> changes, AccountStatusMessage message) {
                return history.record(check, previous, changes, message);
            }
        }, new SnsTopic(stack.sns, stack.topicArn), Clock.systemUTC());

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
        Map<String, Object> event = Json.readObject(Files.readString(Path.of("events", "account-status-probation.json")));
        Map<String, Object> sns = object(((List<?>) event.get("Records")).get(0), "Sns");
        Map<String, Object> sample = Json.readObject((String) sns.get("Message"));

        assertThat(sample.keySet()).containsExactlyElementsOf(published.keySet());
        for (String nested : List.of("account", "previous")) {
            assertThat(object(sample, nested).keySet()).as(nested).containsExactlyElementsOf(object(published, nested).keySet());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object parent, String field) {
        return (Map<String, Object>) ((Map<String, Object>) parent).get(field);
    }
}
