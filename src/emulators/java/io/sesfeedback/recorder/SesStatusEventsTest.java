package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.LambdaEvents;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SES's status events (EventBridge event reference for SES,
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html: "Sending Status Enabled",
 * "Sending Status Disabled", "Advisor Recommendation Status Open", "... Resolved"), delivered by a
 * rule to the function or published by it to the topic, are one SesStatus message each, under the
 * event's id. EventBridge delivers "best effort" (same page), and Lambda retries an asynchronous
 * invocation with the same event: a redelivery changes nothing.
 */
@Tag("moto")
class SesStatusEventsTest {

    private static final String DISABLED = "eventbridge-sending-status-disabled.json";
    private static final String EVENT_ID = "8c6e0d5b-1f4a-4b92-8d3e-4f5a6b7c8d94";

    private RecorderFixture fixture;
    private FeedbackHandler handler;
    private final List<String> summaries = new ArrayList<>();

    @BeforeEach
    void startTable() {
        fixture = new RecorderFixture();
        handler =
                new FeedbackHandler(
                        fixture.recorder(), RecorderFixture.METRICS_NAMESPACE, summaries::add);
    }

    @AfterEach
    void stopTable() {
        fixture.close();
    }

    private void handle(InputStream event) {
        handler.handleRequest(event, OutputStream.nullOutputStream(), new LocalContext());
    }

    @Test
    void sendingStatusDisabledIsOneSesStatusMessageUnderTheEventsId() {
        handle(EventFiles.event(DISABLED));

        assertThat(fixture.allItems()).hasSize(1);
        Map<String, AttributeValue> item = fixture.queries().message(EVENT_ID).orElseThrow();
        assertThat(item.get("messageType").s()).isEqualTo("SesStatus");
        assertThat(item.get("format").s()).isEqualTo("eventbridge");
        assertThat(item.get("statusEvent").s()).isEqualTo("Sending Status Disabled");
        assertThat(item.get("sendingStatus").s()).isEqualTo("DISABLED");
        assertThat(item.get("occurredAt").s()).isEqualTo("2025-11-18T14:02:41.000Z");
        assertThat(item).doesNotContainKey("topicArn");
        assertThat(RawBody.of(item)).isEqualTo(EventFiles.text(DISABLED));
        assertThat(Json.readObject(summaries.get(0)))
                .containsEntry("type", "SesStatus")
                .containsEntry("snsMessageId", EVENT_ID)
                .containsEntry("redelivered", false);
    }

    @Test
    void aRedeliveryOrTheTopicsCopyOfTheSameEventChangesNothing() {
        handle(EventFiles.event(DISABLED));
        List<Map<String, AttributeValue>> once = fixture.allItems();

        handle(EventFiles.event(DISABLED));
        handle(LambdaEvents.sns(EventFiles.throughTopic(EventFiles.text(DISABLED))));

        assertThat(fixture.allItems()).isEqualTo(once);
        assertThat(summaries)
                .hasSize(3)
                .extracting(line -> Json.readObject(line).get("redelivered"))
                .containsExactly(false, true, true);
    }

    @Test
    void theTopicsCopyArrivingFirstIsTheOneKeptAndTheDirectCopyChangesNothing() {
        handle(LambdaEvents.sns(EventFiles.throughTopic(EventFiles.text(DISABLED))));
        List<Map<String, AttributeValue>> once = fixture.allItems();

        handle(EventFiles.event(DISABLED));

        assertThat(fixture.allItems()).isEqualTo(once).hasSize(1);
        assertThat(fixture.queries().message(EVENT_ID).orElseThrow().get("topicArn").s())
                .isEqualTo("arn:aws:sns:eu-west-1:123456789012:ses-feedback-test-feedback");
    }

    @Test
    void anUnknownDetailTypeFromSesIsStoredRawAndLoggedAsAWarningNotRetried() {
        handle(EventFiles.event("eventbridge-cloudtrail-api-call.json"));

        Map<String, AttributeValue> item =
                fixture.queries().message("c0a231f9-5d8e-4fd6-a172-8d9eafb0c1d8").orElseThrow();
        assertThat(item.get("messageType").s()).isEqualTo("Unrecognised");
        assertThat(RawBody.of(item))
                .isEqualTo(EventFiles.text("eventbridge-cloudtrail-api-call.json"));
        assertThat(Json.readObject(summaries.get(0))).containsEntry("level", "WARN");
    }
}
