package io.sesfeedback.store;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single table's key design. Five kinds of item share it:
 * <pre>
 * message           pk = MESSAGE#{snsMessageId}   sk = MESSAGE                               (+ ByType, ByMail)
 * recipient event   pk = RECIPIENT#{address}      sk = EVENT#{occurredAt}#{snsMessageId}       (bounce, complaint)
 *                                                 sk = EVENT#{occurredAt}#{hash of the feedback identity} (others)
 * feedback claim    pk = RECIPIENT#{address}      sk = FEEDBACK#{hash of the feedback identity} (bounce, complaint)
 * recipient status  pk = RECIPIENT#{address}      sk = STATUS
 * SES suppression   pk = RECIPIENT#{address}      sk = SES_SUPPRESSION                       (written by the operator command)
 * </pre>
 * The account watcher (account-watch/, DynamoStatusHistory) keeps the account's changes in partitions of their own,
 * {@code ACCOUNT#{region}}, which the recorder never reads or writes.
 * A claim records which SNS message recorded one bounce or complaint for one address first ({@code snsMessageId}):
 * the same bounce arriving again, as a redelivery or in the other SES format, finds it and counts nothing. Any other
 * event needs no claim: its item's key is its identity, so every copy of it writes the same item, and its
 * {@code snsMessageId} names the copy that wrote it first.
 * Only message items carry {@code eventKey}, so only they appear in two indexes: ByType ({@code messageType},
 * {@code eventKey}) and ByMail ({@code sesMessageId}, {@code eventKey}). Only suppressed status items carry
 * {@code suppressionList} (always {@value #SUPPRESSION_LIST}), so the Suppressed index ({@code suppressionList},
 * {@code suppressedAt}) is the suppression list, oldest first.
 */
public final class FeedbackTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String BY_TYPE_INDEX = "ByType";
    public static final String BY_MAIL_INDEX = "ByMail";
    public static final String SUPPRESSED_INDEX = "Suppressed";
    public static final String SUPPRESSION_LIST_ATTRIBUTE = "suppressionList";
    public static final String SUPPRESSION_LIST = "suppressed";
    public static final String SUPPRESSED_AT = "suppressedAt";
    public static final String MESSAGE_TYPE = "messageType";
    public static final String SES_MESSAGE_ID = "sesMessageId";
    public static final String EVENT_KEY = "eventKey";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String SNS_MESSAGE_ID = "snsMessageId";

    public static final String MESSAGE_PREFIX = "MESSAGE#";
    public static final String MESSAGE_SORT_KEY = "MESSAGE";
    public static final String RECIPIENT_PREFIX = "RECIPIENT#";
    public static final String EVENT_PREFIX = "EVENT#";
    public static final String STATUS_SORT_KEY = "STATUS";
    public static final String CLAIM_PREFIX = "FEEDBACK#";
    /** Under the recipient: its entry on SES's account-level suppression list, as bin/ses-feedback backed it up. */
    public static final String SES_SUPPRESSION_SORT_KEY = "SES_SUPPRESSION";

    private FeedbackTable() {
    }

    public static Map<String, AttributeValue> messageKey(String snsMessageId) {
        return key(MESSAGE_PREFIX + snsMessageId, MESSAGE_SORT_KEY);
    }

    public static Map<String, AttributeValue> statusKey(String address) {
        return key(RECIPIENT_PREFIX + address, STATUS_SORT_KEY);
    }

    /** The sort key of the recipient event that {@code message} records for {@code recipient}. */
    public static String eventSortKey(FeedbackMessage message, Recipient recipient) {
        String occurredAt = EVENT_PREFIX + Timestamps.format(message.occurredAt()) + "#";
        return message.changesStatus()
                ? occurredAt + message.snsMessageId()
                : occurredAt + sha256(message.feedbackIdentity(recipient));
    }

    /** The claim of one feedback event for one address; the identity is hashed so that the key has a fixed length. */
    public static Map<String, AttributeValue> claimKey(String address, String feedbackIdentity) {
        return key(RECIPIENT_PREFIX + address, CLAIM_PREFIX + sha256(feedbackIdentity));
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
