package io.sesfeedback.tools.items;

import io.sesfeedback.notification.Json;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.RawBody;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a message item's id is: an SNS MessageId, or an EventBridge event's id (the recorder keys an
 * EventBridge event by its id, whichever way it came, under {@code snsMessageId} all the same).
 */
public final class MessageIds {

    public static final String SNS = "sns";
    public static final String EVENTBRIDGE = "eventbridge";

    private MessageIds() {}

    /**
     * {@value #EVENTBRIDGE} when the item's raw body is an EventBridge event whose {@code id} is
     * the item's id (EventBridge's envelope: {@code id}, {@code detail-type}, {@code source},
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events.html), or, without a body
     * kept, when no topic delivered it; {@value #SNS} otherwise.
     */
    public static String kind(Map<String, AttributeValue> message) {
        String id = Items.text(message, FeedbackTable.SNS_MESSAGE_ID);
        if (!RawBody.isKept(message)) {
            return message.containsKey(FeedbackTable.TOPIC_ARN) ? SNS : EVENTBRIDGE;
        }
        try {
            Map<String, Object> body = Json.readObject(RawBody.of(message));
            return body.containsKey("detail-type")
                            && body.containsKey("source")
                            && id.equals(body.get("id"))
                    ? EVENTBRIDGE
                    : SNS;
        } catch (IllegalArgumentException notAnObject) {
            // a plain-text message (SES's topic validation) came through SNS
            return SNS;
        }
    }

    /** {@code sns 5d0e…} or {@code eventbridge 1f3c…}: the id with its kind. */
    public static String labelled(Map<String, AttributeValue> message) {
        return kind(message) + " " + Items.text(message, FeedbackTable.SNS_MESSAGE_ID);
    }
}
