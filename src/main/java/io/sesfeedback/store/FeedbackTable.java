package io.sesfeedback.store;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.StatusChange.Counter;
import io.sesfeedback.notification.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single table's key design. Five kinds of item share it:
 *
 * <pre>
 * message           pk = MESSAGE#{snsMessageId}   sk = MESSAGE                        (+ TypeShards, MailMessages)
 * recipient event   pk = RECIPIENT#{address}      sk = EVENT#{occurredAt}#{hash of the feedback identity}
 * recipient status  pk = RECIPIENT#{address}      sk = STATUS                         (+ SuppressedShards when suppressed)
 * SES suppression   pk = RECIPIENT#{address}      sk = SES_SUPPRESSION[#{tenant}]     (written by the operator command)
 * feedback claim    pk = RECIPIENT#{address}      sk = FEEDBACK#{hash of the identity} (earlier versions; read, never written)
 * </pre>
 *
 * The account watcher (functions/, DynamoStatusHistory) keeps the account's changes in partitions
 * of their own, {@code ACCOUNT#{region}}, which the recorder never reads or writes. An event item's
 * key is its identity, so every copy of one SES event writes the same item, and its {@code
 * snsMessageId} names the copy that wrote it first. A bounce or complaint item gets {@value
 * #COUNTED} once its count is on the status item. Index keys are sharded ({@value #SHARDS} values
 * per type, and for the suppression list) so that no key value takes more than 1/16 of the writes:
 * only message items carry {@code typeShard} and {@code eventKey}, only suppressed status items
 * {@code suppressionShard}. The items also carry the keys of the indexes before the shards ({@code
 * messageType}, {@code suppressionList}), which a stack on its way to the shards still reads.
 *
 * <p>An EventBridge event's message item is keyed by the event's {@code id} in place of an SNS
 * MessageId (kept under {@code snsMessageId} all the same), whether a rule delivered it to the
 * function or published it to the topic (see EventBridgeEvents).
 */
public final class FeedbackTable {

    public static final String PK = "pk";
    public static final String SK = "sk";

    /**
     * Index partition keys spread over this many values each, so that no one value takes more than
     * 1/16 of the writes.
     */
    public static final int SHARDS = 16;

    /**
     * Messages by type and time: partition key {@value #TYPE_SHARD} ({@code
     * <messageType>#<shard>}), sort key eventKey.
     */
    public static final String TYPE_SHARDS_INDEX = "TypeShards";

    /** Messages by SES mail id, keys only: a reader fetches the items it needs from the table. */
    public static final String MAIL_MESSAGES_INDEX = "MailMessages";

    /**
     * Suppressed addresses: partition key {@value #SUPPRESSION_SHARD} ({@code suppressed#<shard>}),
     * sort key suppressedAt.
     */
    public static final String SUPPRESSED_SHARDS_INDEX = "SuppressedShards";

    public static final String TYPE_SHARD = "typeShard";
    public static final String SUPPRESSION_SHARD = "suppressionShard";
    // The indexes before the shards; a stack on its way to the sharded ones reads them until those
    // are ACTIVE.
    public static final String BY_TYPE_INDEX = "ByType";
    public static final String BY_MAIL_INDEX = "ByMail";
    public static final String SUPPRESSED_INDEX = "Suppressed";
    public static final String SUPPRESSION_LIST_ATTRIBUTE = "suppressionList";
    public static final String SUPPRESSION_LIST = "suppressed";
    public static final String SUPPRESSED_AT = "suppressedAt";

    /** When an operator last lifted the address's suppression (bin/ses-feedback unsuppress). */
    public static final String UNSUPPRESSED_AT = "unsuppressedAt";

    public static final String MESSAGE_TYPE = "messageType";
    public static final String SES_MESSAGE_ID = "sesMessageId";
    public static final String EVENT_KEY = "eventKey";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String SNS_MESSAGE_ID = "snsMessageId";

    // Every item that records a message or an event
    public static final String OCCURRED_AT = "occurredAt";
    // ...and where it comes from: on a hub, one of its member accounts (see Origin)
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String ENVIRONMENT = "environment";
    public static final String SENDER = "sender";
    public static final String SUBJECT = "subject";
    // the SES tenant from mail.tags, where the message names one; a bounce SES never tried
    public static final String TENANT = "tenant";
    public static final String PREVENTED = "prevented";

    // Message items
    public static final String FORMAT = "format";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String TOPIC_ARN = "topicArn";
    public static final String SNS_SUBJECT = "snsSubject";
    public static final String CONFIGURATION_SET = "configurationSet";
    public static final String PROBLEM = "problem";
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String DUPLICATE_RECIPIENTS = "duplicateRecipients";
    public static final String RECORDED_AT = "recordedAt";
    public static final String RAW_BYTES = "rawBytes";
    public static final String RECIPIENT_COUNT = "recipientCount";
    public static final String RECIPIENTS = "recipients";
    public static final String RECIPIENTS_CAPPED = "recipientsCapped";
    public static final String LEFT_OUT = "leftOut";
    public static final String LEFT_OUT_COUNT = "leftOutCount";
    public static final String LEFT_OUT_ENTRY = "entry";
    public static final String LEFT_OUT_REASON = "reason";

    /** Written by versions before the log line ran beside the table write. */
    public static final String LOGGED_AT = "loggedAt";

    // The message's details, as the parser names them, on message and event items
    public static final String BOUNCE_TYPE = "bounceType";
    public static final String BOUNCE_SUB_TYPE = "bounceSubType";
    public static final String COMPLAINT_FEEDBACK_TYPE = "complaintFeedbackType";
    public static final String COMPLAINT_SUB_TYPE = "complaintSubType";
    public static final String FEEDBACK_ID = "feedbackId";
    public static final String SMTP_RESPONSE = "smtpResponse";
    public static final String ALARM_NAME = "alarmName";
    public static final String ALARM_STATE = "alarmState";
    // SES's status events from EventBridge: the detail type, and a sending status's new value
    public static final String STATUS_EVENT = "statusEvent";
    public static final String SENDING_STATUS = "sendingStatus";

    // Recipient event and status items
    public static final String ADDRESS = "address";
    public static final String DOMAIN = "domain";
    public static final String STATUS = "status";
    public static final String ACTION = "action";
    public static final String DIAGNOSTIC_CODE = "diagnosticCode";

    // Bounce and complaint event items: present once the event is counted on the address's status
    // item
    public static final String COUNTED = "counted";

    /**
     * On status items, one attribute per event being counted or counted lately: {@code
     * counted#<hash>}, 0 while it is being counted, then the epoch second the count was done.
     */
    public static final String COUNT_MARKER_PREFIX = "counted#";

    // Feedback claims, written by versions before the event item took their place
    public static final String FEEDBACK_IDENTITY = "feedbackIdentity";
    public static final String CLAIMED_EVENT = "event";

    // Status items (the counters are StatusChange.Counter's attributes)
    public static final String SUPPRESSED = "suppressed";
    public static final String SUPPRESSION_REASON = "suppressionReason";
    public static final String SUPPRESSED_BY = "suppressedBy";
    public static final String UPDATED_AT = "updatedAt";

    // SES suppression backups
    public static final String SES_REASON = "sesReason";
    public static final String SES_LAST_UPDATED = "sesLastUpdated";
    public static final String BACKED_UP_AT = "backedUpAt";

    /**
     * What TypeShards projects besides the keys: what report reads, and export apart from the raw
     * body.
     */
    public static final List<String> TYPE_SHARDS_PROJECTION =
            List.of(
                    MESSAGE_TYPE,
                    OCCURRED_AT,
                    SNS_MESSAGE_ID,
                    SES_MESSAGE_ID,
                    SENDER,
                    SUBJECT,
                    RECIPIENTS,
                    RECIPIENT_COUNT,
                    RECIPIENTS_CAPPED,
                    DUPLICATE_OF,
                    BOUNCE_TYPE,
                    BOUNCE_SUB_TYPE,
                    COMPLAINT_FEEDBACK_TYPE);

    /**
     * What SuppressedShards projects besides the keys: what suppressed, incident and
     * ses-suppression read. The counters change only when a suppressed address is mailed again and
     * bounces, rarely: then the index is written.
     */
    public static final List<String> SUPPRESSED_SHARDS_PROJECTION =
            List.of(
                    ADDRESS,
                    SUPPRESSION_REASON,
                    SUPPRESSED_BY,
                    Counter.PERMANENT_BOUNCES.attribute(),
                    Counter.TRANSIENT_BOUNCES.attribute(),
                    Counter.UNDETERMINED_BOUNCES.attribute(),
                    Counter.COMPLAINTS.attribute());

    public static final String MESSAGE_PREFIX = "MESSAGE#";
    public static final String MESSAGE_SORT_KEY = "MESSAGE";
    public static final String RECIPIENT_PREFIX = "RECIPIENT#";
    public static final String EVENT_PREFIX = "EVENT#";
    public static final String STATUS_SORT_KEY = "STATUS";
    public static final String CLAIM_PREFIX = "FEEDBACK#";

    /**
     * The account watcher's partitions (functions/ keeps its own copy of the name; a test there
     * holds it to this).
     */
    public static final String ACCOUNT_PREFIX = "ACCOUNT#";

    /**
     * Under the recipient: its entry on SES's account-level suppression list, as bin/ses-feedback
     * backed it up.
     */
    public static final String SES_SUPPRESSION_SORT_KEY = "SES_SUPPRESSION";

    private FeedbackTable() {}

    /**
     * The backup of an address's entry on SES's account-level list, or on a tenant's own list
     * ({@code tenant} not null).
     */
    public static String sesSuppressionSortKey(String tenant) {
        return tenant == null ? SES_SUPPRESSION_SORT_KEY : SES_SUPPRESSION_SORT_KEY + "#" + tenant;
    }

    public static Map<String, AttributeValue> messageKey(String snsMessageId) {
        return key(MESSAGE_PREFIX + snsMessageId, MESSAGE_SORT_KEY);
    }

    public static Map<String, AttributeValue> statusKey(String address) {
        return key(RECIPIENT_PREFIX + address, STATUS_SORT_KEY);
    }

    /**
     * The sort key of the recipient event that {@code message} records for {@code recipient}: its
     * time and identity.
     */
    public static String eventSortKey(FeedbackMessage message, Recipient recipient) {
        return EVENT_PREFIX
                + Timestamps.format(message.occurredAt())
                + "#"
                + sha256(message.feedbackIdentity(recipient));
    }

    /** The status item's marker of one event's count: a fixed length, whatever the identity. */
    public static String countMarker(String feedbackIdentity) {
        return COUNT_MARKER_PREFIX + sha256(feedbackIdentity).substring(0, 12);
    }

    /**
     * The claim of one feedback event for one address; the identity is hashed so that the key has a
     * fixed length.
     */
    public static Map<String, AttributeValue> claimKey(String address, String feedbackIdentity) {
        return key(RECIPIENT_PREFIX + address, CLAIM_PREFIX + sha256(feedbackIdentity));
    }

    private static String sha256(String text) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** The TypeShards partition of one message: its type and a shard fixed by its SNS MessageId. */
    public static String typeShard(String messageType, String snsMessageId) {
        return messageType + "#" + shardOf(snsMessageId);
    }

    /** The SuppressedShards partition of one suppressed address, fixed by the address. */
    public static String suppressionShard(String address) {
        return SUPPRESSION_LIST + "#" + shardOf(address);
    }

    /** Every partition of one sharded key: {@code <prefix>#00} to {@code <prefix>#15}. */
    public static List<String> shards(String prefix) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> prefix + "#" + label(shard)).toList();
    }

    /**
     * The first byte of the SHA-256 of the value, modulo {@value #SHARDS}: the same shard on every
     * JVM and every retry.
     */
    static String shardOf(String value) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(StandardCharsets.UTF_8));
            return label(Byte.toUnsignedInt(hash[0]) % SHARDS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static String label(int shard) {
        return String.format("%02d", shard);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
