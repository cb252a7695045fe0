package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.sesfeedback.support.EventFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Lambda envelope: what an SNS subscription delivers is read; anything else fails, naming what is wrong. */
class SnsRecordsTest {

    private static SNSEvent bounceEvent(Consumer<SNSEvent.SNSRecord> change) {
        SNSEvent event = EventFiles.event("ses-bounce-permanent.json");
        change.accept(event.getRecords().get(0));
        return event;
    }

    @Test
    void eventWithoutRecordsIsNotAnSnsEvent() {
        SNSEvent event = new SNSEvent();

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The event has no Records: it is not an SNS event");
    }

    @Test
    void emptyRecordsAreNoMessages() {
        SNSEvent event = new SNSEvent();
        event.setRecords(new ArrayList<>());

        assertThat(SnsRecords.messages(event)).isEmpty();
    }

    @Test
    void recordFromAnotherEventSourceIsNamed() {
        SNSEvent event = bounceEvent(record -> record.setEventSource("aws:sqs"));

        assertThatThrownBy(() -> SnsRecords.messages(event))
                .hasMessage("Records[0] has EventSource 'aws:sqs', not aws:sns");
    }

    @Test
    void recordWithoutSnsIsNamed() {
        SNSEvent event = bounceEvent(record -> record.setSns(null));

        assertThatThrownBy(() -> SnsRecords.messages(event)).hasMessage("Records[0] has no Sns object");
    }

    @Test
    void snsWithoutMessageIdIsNamed() {
        SNSEvent event = bounceEvent(record -> record.getSNS().setMessageId(null));

        assertThatThrownBy(() -> SnsRecords.messages(event)).hasMessage("Records[0].Sns has no MessageId");
    }

    @Test
    void nullRecordIsNamedByItsPosition() {
        SNSEvent event = EventFiles.event("ses-bounce-permanent.json");
        List<SNSEvent.SNSRecord> records = new ArrayList<>(event.getRecords());
        records.add(null);
        event.setRecords(records);

        assertThatThrownBy(() -> SnsRecords.messages(event)).hasMessage("Records[1] is null");
    }

    @Test
    void snsMessageKeepsTheEnvelopesIdTopicAndTime() {
        SNSEvent event = EventFiles.event("ses-bounce-permanent.json");

        assertThat(SnsRecords.messages(event)).singleElement().satisfies(sns -> {
            assertThat(sns.messageId()).isEqualTo("b025f545-dc42-5abb-a3d0-f78648722be8");
            assertThat(sns.topicArn()).endsWith(":ses-feedback-dev-feedback");
            assertThat(sns.publishedAt()).hasToString("2026-11-20T10:15:30.123Z");
        });
    }
}
