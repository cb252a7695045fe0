package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Faults;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.ses.SesV2StandIn;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * A hub's member: the watcher puts each change it publishes on its event bus too (EVENT_BUS_NAME),
 * on moto, whose rule sends what is put to a queue as the member's forwarding rule sends it to the
 * hub. When the bus refuses a change, the topic is not asked again: the next check puts it on the
 * bus alone.
 */
@Tag("moto")
class AccountWatchBusOnMotoTest {

    private static MotoServer moto;
    private static SesV2StandIn ses;
    private static SesV2Client sesClient;

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

    /** EventBridge refuses the first PutEvents as a service error (HTTP 500). */
    private static Faults firstPutRefused() {
        return new Faults()
                .failBefore(
                        "PutEvents",
                        1,
                        request ->
                                EventBridgeException.builder()
                                        .statusCode(500)
                                        .awsErrorDetails(
                                                AwsErrorDetails.builder()
                                                        .errorCode("InternalException")
                                                        .errorMessage("Injected")
                                                        .build())
                                        .build());
    }

    private static FeedbackMessage recorded(String eventBridgeEvent) {
        SnsMessage delivered =
                LambdaInput.messages(
                                new ByteArrayInputStream(
                                        eventBridgeEvent.getBytes(StandardCharsets.UTF_8)))
                        .get(0);
        return new NotificationParser().parse(delivered);
    }

    private static Map<String, Object> detail(Map<String, Object> event) {
        return Json.readObject(Json.write(event.get("detail")));
    }

    private static Map<String, Object> withEnvironment(String body, String environment) {
        Map<String, Object> expected = new LinkedHashMap<>(Json.readObject(body));
        expected.put("environment", environment);
        return expected;
    }

    @Test
    void aPublishedChangeIsPutOnTheBusAsTheTopicsBodyWithTheMembersEnvironment() {
        ses.clearRecommendations();
        try (MotoStack stack = new MotoStack(moto);
                MotoBus bus = new MotoBus(moto)) {
            AccountWatch watch = stack.watch(sesClient, bus.bus("stg"));
            ses.account("HEALTHY", true, false);
            watch.check();
            stack.published();
            bus.received();
            ses.account("PROBATION", true, false);

            // when the account changes
            AccountWatch.Outcome outcome = watch.check();

            // then the topic has it, and the bus has it once: the same body with the environment
            List<SnsMessage> published = stack.published();
            assertThat(published).hasSize(1);
            List<String> received = bus.received();
            assertThat(received).hasSize(1);
            Map<String, Object> event = Json.readObject(received.get(0));
            // moto's delivery to a queue leaves out the envelope's account, which EventBridge sets
            // (eb-events.html): the recorder's tests hold what it does with it
            assertThat(event)
                    .containsEntry("source", "ses-feedback")
                    .containsEntry("detail-type", "Account Status Changed")
                    .containsEntry("region", SesV2StandIn.REGION);
            assertThat(detail(event))
                    .isEqualTo(withEnvironment(published.get(0).body(), "stg"))
                    .containsEntry("environment", "stg");
            assertThat(outcome.result()).isEqualTo(AccountWatch.Result.PUBLISHED);
            assertThat(outcome.eventId()).isNotBlank();
            // and the hub's recorder reads it as the member's recorder reads the topic's copy
            FeedbackMessage onTheHub = recorded(received.get(0));
            FeedbackMessage onTheTopic = new NotificationParser().parse(published.get(0));
            assertThat(onTheHub.type()).isEqualTo(MessageType.ACCOUNT_STATUS);
            assertThat(onTheHub.problem()).isNull();
            assertThat(onTheHub.details()).isEqualTo(onTheTopic.details());
            assertThat(onTheHub.occurredAt()).isEqualTo(onTheTopic.occurredAt());
            assertThat(onTheHub.origin().region()).isEqualTo(SesV2StandIn.REGION);
        }
    }

    @Test
    void theSampleInEventsHasTheShapeOfWhatTheWatcherPuts() throws Exception {
        ses.clearRecommendations();
        try (MotoStack stack = new MotoStack(moto);
                MotoBus bus = new MotoBus(moto)) {
            AccountWatch watch = stack.watch(sesClient, bus.bus("dev"));
            ses.account("HEALTHY", true, true);
            watch.check();
            bus.received();
            ses.account("PROBATION", true, true);
            ses.recommend("COMPLAINT", "example.com", "HIGH", "OPEN");
            watch.check();

            Map<String, Object> put = bus.receivedEvents().get(0);
            Map<String, Object> sample =
                    Json.readObject(
                            Files.readString(
                                    Path.of(
                                            "..",
                                            "events",
                                            "eventbridge-account-status-changed.json")));

            // moto adds ingestion-time to what it delivers and leaves out account; EventBridge
            // does neither (eb-events.html)
            put.remove("ingestion-time");
            put.put("account", MotoStack.ACCOUNT);
            assertThat(sample.keySet()).containsExactlyInAnyOrderElementsOf(put.keySet());
            assertThat(detail(sample).keySet()).containsExactlyElementsOf(detail(put).keySet());
            assertThat(sample.get("source")).isEqualTo(put.get("source"));
            assertThat(sample.get("detail-type")).isEqualTo(put.get("detail-type"));
        }
    }

    @Test
    void aWatchWhoseEventBusNameIsEmptyPutsNothingAndBuildsNoClient() {
        ses.clearRecommendations();
        try (MotoStack stack = new MotoStack(moto);
                MotoBus bus = new MotoBus(moto)) {
            Environment environment =
                    new Environment(
                            Map.of("EVENT_BUS_NAME", "", "ENVIRONMENT", "prod"),
                            AccountWatchHandler.FUNCTION);
            AccountWatch.Bus none =
                    AccountWatchHandler.busOf(
                            environment,
                            () -> {
                                throw new AssertionError("no EventBridge client without a bus");
                            });
            AccountWatch watch = stack.watch(sesClient, none);
            ses.account("PROBATION", true, false);

            assertThat(watch.check().eventId()).isNull();

            assertThat(stack.published()).hasSize(1);
            assertThat(bus.received()).isEmpty();
        }
    }

    @Test
    void aBusNamedWithoutAnEnvironmentFailsTheStartNamingIt() {
        Environment environment =
                new Environment(Map.of("EVENT_BUS_NAME", "default"), AccountWatchHandler.FUNCTION);

        assertThatThrownBy(() -> AccountWatchHandler.busOf(environment, () -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ENVIRONMENT is not set (template.yaml, AccountWatchFunction)");
    }

    @Test
    void aRefusedPutLeavesTheChangeOnTheTopicOnceAndTheNextCheckPutsItOnTheBusAlone() {
        ses.clearRecommendations();
        Faults faults = firstPutRefused();
        try (MotoStack stack = new MotoStack(moto);
                MotoBus bus = new MotoBus(moto, faults)) {
            AccountWatch watch = stack.watch(sesClient, bus.bus("prod"));
            // given a change the topic took and the bus refused
            ses.account("PROBATION", true, false);
            assertThatThrownBy(watch::check)
                    .isInstanceOf(FailedCall.class)
                    .hasMessageContaining("events:PutEvents");
            List<SnsMessage> published = stack.published();
            assertThat(published).hasSize(1);
            assertThat(bus.received()).isEmpty();
            Map<String, AttributeValue> latest = stack.items().get(0);
            assertThat(latest)
                    .containsKey(DynamoStatusHistory.PUBLISH_HELD_UNTIL)
                    .containsEntry(
                            DynamoStatusHistory.PUBLISHED_TO_TOPIC, AttributeValue.fromBool(true));

            // when the next check runs, a quarter of an hour later, SES unchanged
            AccountWatch.Outcome next = watch.check();

            // then it put the change on the bus, and published nothing again
            assertThat(stack.published()).isEmpty();
            List<Map<String, Object>> received = bus.receivedEvents();
            assertThat(received)
                    .singleElement()
                    .satisfies(
                            event ->
                                    assertThat(detail(event))
                                            .isEqualTo(
                                                    withEnvironment(
                                                            published.get(0).body(), "prod")));
            assertThat(next.republished().snsMessageId()).isNull();
            assertThat(next.republished().eventId()).isNotBlank();
            assertThat(stack.items().get(0))
                    .doesNotContainKeys(
                            DynamoStatusHistory.PUBLISH_HELD_UNTIL,
                            DynamoStatusHistory.PUBLISHED_TO_TOPIC);
            // and the check after it puts and publishes nothing
            assertThat(watch.check().republished()).isNull();
            assertThat(stack.published()).isEmpty();
            assertThat(bus.received()).isEmpty();
        }
    }

    /**
     * PutEvents answers HTTP 200 with FailedEntryCount when it refuses an entry (API Reference,
     * PutEvents): a refusal all the same, sorted by its ErrorCode.
     */
    @Test
    void aFailedEntryIsARefusalSortedByItsErrorCode() {
        ses.clearRecommendations();
        ExecutionInterceptor failedEntry =
                new ExecutionInterceptor() {
                    @Override
                    public SdkResponse modifyResponse(
                            Context.ModifyResponse context, ExecutionAttributes attributes) {
                        return context.response() instanceof PutEventsResponse
                                ? PutEventsResponse.builder()
                                        .failedEntryCount(1)
                                        .entries(
                                                PutEventsResultEntry.builder()
                                                        .errorCode("ThrottlingException")
                                                        .errorMessage("Rate exceeded")
                                                        .build())
                                        .build()
                                : context.response();
                    }
                };
        try (MotoStack stack = new MotoStack(moto);
                MotoBus bus = new MotoBus(moto, failedEntry)) {
            AccountWatch watch = stack.watch(sesClient, bus.bus("prod"));
            ses.account("PROBATION", true, false);

            assertThatThrownBy(watch::check)
                    .isInstanceOfSatisfying(
                            FailedCall.class,
                            failed -> {
                                assertThat(failed.action()).isEqualTo("events:PutEvents");
                                assertThat(failed.kind()).isEqualTo(FailedCall.Kind.THROTTLED);
                                assertThat(failed.detail())
                                        .isEqualTo("ThrottlingException: Rate exceeded");
                            });
            assertThat(stack.published()).hasSize(1);
            assertThat(stack.items().get(0))
                    .containsEntry(
                            DynamoStatusHistory.PUBLISHED_TO_TOPIC, AttributeValue.fromBool(true));
        }
    }

    @Test
    void aChangeLeftForABusThatIsGoneIsMarkedPublishedWithoutPublishingItAgain() {
        ses.clearRecommendations();
        Faults faults = firstPutRefused();
        try (MotoStack stack = new MotoStack(moto);
                MotoBus bus = new MotoBus(moto, faults)) {
            ses.account("PROBATION", true, false);
            assertThatThrownBy(stack.watch(sesClient, bus.bus("prod"))::check)
                    .isInstanceOf(FailedCall.class);
            stack.published();

            // when the stack is no longer a member: its watch has no bus
            AccountWatch.Outcome next = stack.watch(sesClient).check();

            assertThat(next.republished().snsMessageId()).isNull();
            assertThat(stack.published()).isEmpty();
            assertThat(stack.items().get(0))
                    .doesNotContainKey(DynamoStatusHistory.PUBLISH_HELD_UNTIL);
        }
    }
}
