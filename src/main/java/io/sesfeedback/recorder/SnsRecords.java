package io.sesfeedback.recorder;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.sesfeedback.notification.SnsMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SNS messages of a Lambda event, without Lambda's event classes. An event that is not what an SNS subscription
 * delivers fails with a message naming what is wrong: it cannot be recorded, and Lambda keeps it for the
 * failed-feedback queue.
 */
public final class SnsRecords {

    private static final String SNS_EVENT_SOURCE = "aws:sns";

    private SnsRecords() {
    }

    public static List<SnsMessage> messages(SNSEvent event) {
        if (event == null || event.getRecords() == null) {
            throw new IllegalArgumentException("The event has no Records: it is not an SNS event");
        }
        List<SnsMessage> messages = new ArrayList<>();
        for (int i = 0; i < event.getRecords().size(); i++) {
            messages.add(message(event.getRecords().get(i), "Records[" + i + "]"));
        }
        return messages;
    }

    private static SnsMessage message(SNSEvent.SNSRecord record, String where) {
        if (record == null) {
            throw new IllegalArgumentException(where + " is null");
        }
        if (record.getEventSource() == null) {
            throw new IllegalArgumentException(where + " has no EventSource: it is not from an SNS subscription");
        }
        if (!SNS_EVENT_SOURCE.equals(record.getEventSource())) {
            throw new IllegalArgumentException(where + " has EventSource '" + record.getEventSource() + "', not " + SNS_EVENT_SOURCE);
        }
        SNSEvent.SNS sns = record.getSNS();
        if (sns == null) {
            throw new IllegalArgumentException(where + " has no Sns object");
        }
        if (sns.getMessageId() == null || sns.getMessageId().isBlank()) {
            throw new IllegalArgumentException(where + ".Sns has no MessageId");
        }
        if (sns.getTimestamp() == null) {
            throw new IllegalArgumentException(where + ".Sns has no Timestamp");
        }
        return new SnsMessage(sns.getMessageId(), sns.getTopicArn(), sns.getSubject(),
                Instant.ofEpochMilli(sns.getTimestamp().getMillis()), sns.getMessage());
    }
}
