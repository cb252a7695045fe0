package io.sesfeedback.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single table's key design. Three kinds of item share it:
 * <pre>
 * message           pk = MESSAGE#{snsMessageId}   sk = MESSAGE                               (+ ByType, ByMail)
 * recipient event   pk = RECIPIENT#{address}      sk = EVENT#{occurredAt}#{snsMessageId}
 * recipient status  pk = RECIPIENT#{address}      sk = STATUS
 * </pre>
 * Only message items carry {@code eventKey}, so only they appear in the two indexes:
 * ByType ({@code messageType}, {@code eventKey}) and ByMail ({@code sesMessageId}, {@code eventKey}).
 */
public final class FeedbackTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String BY_TYPE_INDEX = "ByType";
    public static final String BY_MAIL_INDEX = "ByMail";
    public static final String MESSAGE_TYPE = "messageType";
    public static final String SES_MESSAGE_ID = "sesMessageId";
    public static final String EVENT_KEY = "eventKey";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String LOGGED_AT = "loggedAt";

    public static final String MESSAGE_PREFIX = "MESSAGE#";
    public static final String MESSAGE_SORT_KEY = "MESSAGE";
    public static final String RECIPIENT_PREFIX = "RECIPIENT#";
    public static final String EVENT_PREFIX = "EVENT#";
    public static final String STATUS_SORT_KEY = "STATUS";

    private FeedbackTable() {
    }

    public static Map<String, AttributeValue> messageKey(String snsMessageId) {
        return key(MESSAGE_PREFIX + snsMessageId, MESSAGE_SORT_KEY);
    }

    public static Map<String, AttributeValue> statusKey(String address) {
        return key(RECIPIENT_PREFIX + address, STATUS_SORT_KEY);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
