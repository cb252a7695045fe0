package io.sesfeedback.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sesfeedback.support.EventFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Lambda envelope: what an SNS subscription delivers is read; anything else fails, naming what
 * is wrong.
 */
class SnsRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bounce event file with its first record changed. */
    private static InputStream bounceEvent(Consumer<ObjectNode> change) throws IOException {
        ObjectNode event =
                (ObjectNode) JSON.readTree(EventFiles.event("ses-bounce-permanent.json"));
        change.accept((ObjectNode) event.withArray("Records").get(0));
        return bytes(event.toString());
    }

    private static InputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventWithoutRecordsIsNotAnSnsEvent() {
        assertThatThrownBy(() -> SnsRecords.messages(bytes("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The event has no Records: it is not an SNS event");
    }

    @Test
    void eventThatIsNotJsonIsNamed() {
        assertThatThrownBy(() -> SnsRecords.messages(bytes("Records")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The event is not an SNS event: Not valid JSON");
    }

    @Test
    void emptyRecordsAreNoMessages() {
        assertThat(SnsRecords.messages(bytes("{\"Records\": []}"))).isEmpty();
    }

    @Test
    void recordFromAnotherEventSourceIsNamed() throws IOException {
        InputStream event = bounceEvent(record -> record.put("EventSource", "aws:sqs"));

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .hasMessage("Records[0] has EventSource 'aws:sqs', not aws:sns");
    }

    @Test
    void recordWithoutSnsIsNamed() throws IOException {
        InputStream event = bounceEvent(record -> record.remove("Sns"));

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .hasMessage("Records[0] has no Sns object");
    }

    @Test
    void snsWithoutMessageIdIsNamed() throws IOException {
        InputStream event =
                bounceEvent(record -> ((ObjectNode) record.get("Sns")).putNull("MessageId"));

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .hasMessage("Records[0].Sns has no MessageId");
    }

    @Test
    void timestampThatIsNotATimeIsNamed() throws IOException {
        InputStream event =
                bounceEvent(
                        record -> ((ObjectNode) record.get("Sns")).put("Timestamp", "yesterday"));

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .hasMessage("Records[0].Sns.Timestamp 'yesterday' is not an ISO-8601 time");
    }

    @Test
    void fieldOfTheWrongTypeIsNamedByItsPath() throws IOException {
        InputStream event =
                bounceEvent(record -> ((ObjectNode) record.get("Sns")).put("MessageId", 42));

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .hasMessage(
                        "The event is not an SNS event: Records[].Sns.MessageId should be a string but holds a number");
    }

    @Test
    void nullRecordIsNamedByItsPosition() throws IOException {
        ObjectNode event =
                (ObjectNode) JSON.readTree(EventFiles.event("ses-bounce-permanent.json"));
        event.withArray("Records").addNull();

        assertThatThrownBy(() -> SnsRecords.messages(bytes(event.toString())))
                .hasMessage("Records[1] is null");
    }

    @Test
    void snsMessageKeepsTheEnvelopesIdTopicTimeAndBody() {
        assertThat(SnsRecords.messages(EventFiles.event("ses-bounce-permanent.json")))
                .singleElement()
                .satisfies(
                        sns -> {
                            assertThat(sns.messageId())
                                    .isEqualTo("b025f545-dc42-5abb-a3d0-f78648722be8");
                            assertThat(sns.topicArn()).endsWith(":ses-feedback-dev-feedback");
                            assertThat(sns.publishedAt()).hasToString("2026-11-20T10:15:30.123Z");
                            assertThat(sns.body()).startsWith("{\"notificationType\":\"Bounce\"");
                        });
    }

    /**
     * The bounce's SNS object as a subscription's dead-letter queue holds it: SNS's own field
     * names, no record.
     */
    private static Object undeliveredBounce(Consumer<ObjectNode> change) throws IOException {
        ObjectNode sns =
                (ObjectNode)
                        JSON.readTree(EventFiles.event("ses-bounce-permanent.json"))
                                .get("Records")
                                .get(0)
                                .get("Sns");
        sns.set("SigningCertURL", sns.remove("SigningCertUrl"));
        sns.set("UnsubscribeURL", sns.remove("UnsubscribeUrl"));
        change.accept(sns);
        return Json.read(sns.toString());
    }

    @Test
    void anEnvelopeFromTheDeadLetterQueueReadsAsTheSameMessageLambdaWouldHaveBeenGiven()
            throws Exception {
        SnsMessage delivered =
                SnsRecords.messages(EventFiles.event("ses-bounce-permanent.json")).get(0);

        SnsMessage undelivered = SnsRecords.envelope(undeliveredBounce(sns -> {}));

        assertThat(undelivered).isEqualTo(delivered);
    }

    @Test
    void anEnvelopeThatIsNotANotificationIsNamed() throws Exception {
        Object confirmation = undeliveredBounce(sns -> sns.put("Type", "SubscriptionConfirmation"));

        assertThatThrownBy(() -> SnsRecords.envelope(confirmation))
                .hasMessage(
                        "not an SNS message: its Type is 'SubscriptionConfirmation', not Notification");
        assertThatThrownBy(() -> SnsRecords.envelope(Json.read("{\"Message\": \"x\"}")))
                .hasMessage("not an SNS message: its Type is missing, not Notification");
    }

    @Test
    void anEnvelopeWithoutMessageIdIsNamed() throws Exception {
        Object envelope = undeliveredBounce(sns -> sns.remove("MessageId"));

        assertThatThrownBy(() -> SnsRecords.envelope(envelope))
                .hasMessage("the SNS message has no MessageId");
    }
}
