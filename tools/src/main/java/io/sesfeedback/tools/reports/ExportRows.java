package io.sesfeedback.tools.reports;

import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PUBLISHED_AT;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.SENDER;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SNS_SUBJECT;
import static io.sesfeedback.store.FeedbackTable.SUBJECT;
import static io.sesfeedback.store.FeedbackTable.TOPIC_ARN;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.PreventedSend;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.MemberAccount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The export's rows of one message item: its raw body read again with the recorder's parser, one
 * row per recipient, or one row without an address when the message names none.
 */
final class ExportRows {

    /**
     * The export's columns: the CSV header row, and the field names of each JSON line. Per row:
     *
     * <ul>
     *   <li>{@code occurredAt}: when SES says the event happened, UTC ({@code
     *       2026-11-20T10:15:01.337Z});
     *   <li>{@code messageType}: {@code Bounce}, {@code Complaint}, {@code Delivery}, ... as
     *       stored;
     *   <li>{@code address}, {@code domain}: the recipient as the recorder keys it; empty for a
     *       message naming none;
     *   <li>{@code status}, {@code action}, {@code diagnosticCode}: what the receiving server said
     *       about the recipient ({@code 5.1.1}, {@code failed}, {@code smtp; 550 5.1.1 user
     *       unknown}), where SES passes it on;
     *   <li>{@code bounceType}, {@code bounceSubType}, {@code complaintFeedbackType}: the message's
     *       details;
     *   <li>{@code sesMessageId} (SES's mail.messageId), {@code snsMessageId}, {@code sender}
     *       (mail.source), {@code subject};
     *   <li>{@code duplicateOf}: on a cross-format copy, the SNS message that recorded the same SES
     *       event first; filter these rows out to count each event once;
     *   <li>{@code tenant}: the SES tenant the message names ({@code ses:tenant-name});
     *   <li>{@code prevented}: {@code true} on a bounce SES never tried to deliver, the address on
     *       its suppression list ({@link PreventedSend#LABEL}): not a bounce in SES's bounce rate.
     * </ul>
     */
    static final String HEADER =
            "occurredAt,messageType,address,domain,status,action,diagnosticCode,bounceType,"
                    + "bounceSubType,complaintFeedbackType,sesMessageId,snsMessageId,sender,subject,duplicateOf,"
                    + "tenant,prevented";

    static final List<String> COLUMNS = List.of(HEADER.split(","));

    /**
     * On a hub, each row ends with the member account it came from: {@code account}, {@code
     * region}, {@code environment} (empty when the item was recorded without them).
     */
    static final List<String> HUB_COLUMNS =
            Stream.concat(COLUMNS.stream(), MemberAccount.ATTRIBUTES.stream()).toList();

    /** What the rows need of a message item: the raw body, its SNS envelope and duplicateOf. */
    static final List<String> ATTRIBUTES =
            List.of(
                    RawBody.ATTRIBUTE,
                    SNS_MESSAGE_ID,
                    TOPIC_ARN,
                    SNS_SUBJECT,
                    PUBLISHED_AT,
                    DUPLICATE_OF,
                    OCCURRED_AT,
                    MESSAGE_TYPE,
                    SES_MESSAGE_ID,
                    SENDER,
                    SUBJECT,
                    RECIPIENTS);

    /** What a hub's rows need: the member account too. */
    static final List<String> HUB_ATTRIBUTES =
            Stream.concat(ATTRIBUTES.stream(), MemberAccount.ATTRIBUTES.stream()).toList();

    private final NotificationParser parser = new NotificationParser();

    /**
     * A hub's rows of one message item: {@link #of}'s, each with the item's account, region and
     * environment.
     */
    List<Map<String, String>> withMember(Map<String, AttributeValue> item) {
        return of(item).stream()
                .map(
                        row -> {
                            Map<String, String> withMember = new LinkedHashMap<>(row);
                            MemberAccount.ATTRIBUTES.forEach(
                                    name -> withMember.put(name, nullable(item, name)));
                            return withMember;
                        })
                .toList();
    }

    /** Column name to value (null when the message has none), in {@link #COLUMNS} order. */
    List<Map<String, String>> of(Map<String, AttributeValue> item) {
        if (!RawBody.isKept(item)) {
            return ofParsedFields(item);
        }
        FeedbackMessage message =
                parser.parse(
                        new SnsMessage(
                                Items.text(item, SNS_MESSAGE_ID),
                                nullable(item, TOPIC_ARN),
                                nullable(item, SNS_SUBJECT),
                                Instant.parse(Items.text(item, PUBLISHED_AT)),
                                RawBody.of(item)));
        Map<String, String> fields = new LinkedHashMap<>();
        COLUMNS.forEach(column -> fields.put(column, null));
        fields.put("occurredAt", Timestamps.format(message.occurredAt()));
        fields.put("messageType", message.type().label());
        fields.put("bounceType", message.detail("bounceType"));
        fields.put("bounceSubType", message.detail("bounceSubType"));
        fields.put("complaintFeedbackType", message.detail("complaintFeedbackType"));
        fields.put("sesMessageId", message.sesMessageId());
        fields.put("snsMessageId", message.snsMessageId());
        fields.put("sender", message.sender());
        fields.put("subject", message.subject());
        fields.put("duplicateOf", nullable(item, DUPLICATE_OF));
        fields.put("tenant", message.tenant());
        fields.put("prevented", message.prevented() ? "true" : null);
        if (message.recipients().isEmpty()) {
            return List.of(fields);
        }
        return message.recipients().stream().map(recipient -> row(fields, recipient)).toList();
    }

    /**
     * A delivery, open or click recorded without its body: the message item's parsed fields, one
     * row per address it lists; what the receiving server said is not kept for these.
     */
    private static List<Map<String, String>> ofParsedFields(Map<String, AttributeValue> item) {
        Map<String, String> fields = new LinkedHashMap<>();
        COLUMNS.forEach(column -> fields.put(column, nullable(item, column)));
        List<String> addresses =
                item.containsKey(RECIPIENTS)
                        ? item.get(RECIPIENTS).l().stream().map(AttributeValue::s).toList()
                        : List.of();
        if (addresses.isEmpty()) {
            return List.of(fields);
        }
        return addresses.stream()
                .map(
                        address -> {
                            Map<String, String> row = new LinkedHashMap<>(fields);
                            row.put("address", address);
                            row.put("domain", address.substring(address.lastIndexOf('@') + 1));
                            return row;
                        })
                .toList();
    }

    private static Map<String, String> row(Map<String, String> fields, Recipient recipient) {
        Map<String, String> row = new LinkedHashMap<>(fields);
        row.put("address", recipient.address());
        row.put("domain", recipient.domain());
        row.put("status", recipient.status());
        row.put("action", recipient.action());
        row.put("diagnosticCode", recipient.diagnosticCode());
        return row;
    }

    private static String nullable(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Items.text(item, name) : null;
    }
}
