package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.LambdaEvents;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.support.WireTable;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One SES bounce reaching the recorder three ways (the identity notification and the configuration
 * set's record through the topic, and the configuration set's EventBridge event delivered by a
 * rule: EventBridge User Guide, "Amazon EventBridge events", for the envelope a Lambda target
 * receives) counts once, in every arrival order and with containers racing. Order is not
 * guaranteed: SES's EventBridge events "might be delivered out of order" (SES Developer Guide,
 * "Monitoring SES events using Amazon EventBridge",
 * https://docs.aws.amazon.com/ses/latest/dg/monitoring-eventbridge.html), and SNS has no ordering
 * for a standard topic.
 */
@Tag("moto")
class CountedOnceAcrossThreeFormatsTest {

    private static final List<String> BOUNCED =
            List.of("jane.doe@example.com", "old.account@example.com", "ghost.user@example.org");

    /**
     * The three copies of the bounce of ses-bounce-permanent.json, and how Lambda delivers each.
     */
    private record Copies(SnsMessage notification, SnsMessage published, String eventBridgeEvent) {

        static Copies ofOneBounce() {
            SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
            SnsMessage published = EventFiles.inOtherFormat(notification);
            return new Copies(notification, published, EventFiles.eventBridgeEvent(published));
        }

        SnsMessage eventBridge() {
            return LambdaInput.messages(lambdaEvent("eventbridge")).get(0);
        }

        SnsMessage message(String copy) {
            return switch (copy) {
                case "notification" -> notification;
                case "published" -> published;
                default -> eventBridge();
            };
        }

        InputStream lambdaEvent(String copy) {
            return switch (copy) {
                case "notification" -> LambdaEvents.sns(notification);
                case "published" -> LambdaEvents.sns(published);
                default ->
                        new ByteArrayInputStream(eventBridgeEvent.getBytes(StandardCharsets.UTF_8));
            };
        }
    }

    static Stream<Arguments> everyArrivalOrder() {
        return Stream.of(
                Arguments.of(List.of("notification", "published", "eventbridge")),
                Arguments.of(List.of("notification", "eventbridge", "published")),
                Arguments.of(List.of("published", "notification", "eventbridge")),
                Arguments.of(List.of("published", "eventbridge", "notification")),
                Arguments.of(List.of("eventbridge", "notification", "published")),
                Arguments.of(List.of("eventbridge", "published", "notification")));
    }

    @ParameterizedTest
    @MethodSource("everyArrivalOrder")
    void theFirstCopyToArriveCountsTheBounceAndTheOtherTwoNameIt(List<String> order) {
        // given the three copies of one bounce, delivered to the handler as Lambda delivers them
        Copies copies = Copies.ofOneBounce();
        try (RecorderFixture fixture = new RecorderFixture()) {
            List<String> summaries = new ArrayList<>();
            FeedbackHandler handler =
                    new FeedbackHandler(
                            fixture.recorder(), RecorderFixture.METRICS_NAMESPACE, summaries::add);
            SnsMessage first = copies.message(order.get(0));
            handler.handleRequest(
                    copies.lambdaEvent(order.get(0)),
                    OutputStream.nullOutputStream(),
                    new LocalContext());
            List<Map<String, AttributeValue>> once = fixture.allItems();

            // when the other two arrive
            for (String copy : order.subList(1, 3)) {
                handler.handleRequest(
                        copies.lambdaEvent(copy),
                        OutputStream.nullOutputStream(),
                        new LocalContext());
            }

            // then each address counts the bounce once, in the first copy's event item
            for (String address : BOUNCED) {
                assertThat(
                                fixture.queries()
                                        .status(address)
                                        .orElseThrow()
                                        .get("permanentBounces")
                                        .n())
                        .as(address)
                        .isEqualTo("1");
                assertThat(fixture.queries().history(address))
                        .as(address)
                        .singleElement()
                        .satisfies(
                                event ->
                                        assertThat(event.get("snsMessageId").s())
                                                .isEqualTo(first.messageId()));
            }
            // and the table holds what the first wrote, plus one message item per other copy
            // naming it
            assertThat(fixture.allItems()).hasSize(once.size() + 2).containsAll(once);
            for (String copy : order.subList(1, 3)) {
                Map<String, AttributeValue> item =
                        fixture.queries().message(copies.message(copy).messageId()).orElseThrow();
                assertThat(item.get("duplicateOf").s()).as(copy).isEqualTo(first.messageId());
                assertThat(item.get("duplicateRecipients").n()).as(copy).isEqualTo("3");
            }
            assertThat(fixture.queries().message(first.messageId()).orElseThrow())
                    .doesNotContainKey("duplicateOf");
            assertThat(fixture.logLines())
                    .hasSize(3)
                    .allSatisfy(
                            line -> assertThat(line).contains("\"sesEvent\":\"Bounce feedback "));
            assertThat(summaries).hasSize(3);
        }
    }

    @RepeatedTest(3)
    void nineContainersRecordingTheThreeCopiesAtOnceCountTheBounceOnce() throws Exception {
        // given three containers per copy, each with its own SDK client and Lambda's retries
        WireTable table = new WireTable(MotoDynamoDb.shared());
        Copies copies = Copies.ofOneBounce();
        List<SnsMessage> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(copies.notification());
            deliveries.add(copies.published());
            deliveries.add(copies.eventBridge());
        }

        // when they all record at once
        List<FeedbackRecorder.Outcome> outcomes =
                table.recordAtOnce(deliveries, CollectingLog::new, 3);

        // then each address counts once, and between them the copies name every address the
        // others hold
        for (String address : BOUNCED) {
            assertThat(table.queries().status(address).orElseThrow().get("permanentBounces").n())
                    .as(address)
                    .isEqualTo("1");
            assertThat(table.queries().history(address)).as(address).hasSize(1);
        }
        assertThat(outcomes).filteredOn(o -> !o.redelivered()).hasSize(3);
        List<Map<String, AttributeValue>> messages =
                Stream.of(copies.notification(), copies.published(), copies.eventBridge())
                        .map(sns -> table.queries().message(sns.messageId()).orElseThrow())
                        .toList();
        assertThat(
                        messages.stream()
                                .filter(item -> item.containsKey("duplicateRecipients"))
                                .mapToInt(
                                        item ->
                                                Integer.parseInt(
                                                        item.get("duplicateRecipients").n()))
                                .sum())
                .as("each of the three addresses held by one copy, named by the other two")
                .isEqualTo(6);
    }
}
