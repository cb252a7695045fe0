package io.sesfeedback.tools.reports;

import static io.sesfeedback.store.FeedbackTable.BOUNCE_SUB_TYPE;
import static io.sesfeedback.store.FeedbackTable.BOUNCE_TYPE;
import static io.sesfeedback.store.FeedbackTable.COMPLAINT_FEEDBACK_TYPE;
import static io.sesfeedback.store.FeedbackTable.COMPLAINT_SUB_TYPE;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS_CAPPED;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.SENDER;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.TENANT;

import io.sesfeedback.notification.EmailAddress;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.PreventedSend;
import io.sesfeedback.tools.items.Items;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The counts of a report, added up one message item at a time. Each SES event counts once: a
 * cross-format copy (an item with {@code duplicateOf}) is only counted as skipped.
 */
public final class ReportTally {

    /** The attributes the tally reads: the report's projection. */
    static final List<String> ATTRIBUTES =
            List.of(
                    DUPLICATE_OF,
                    RECIPIENT_COUNT,
                    RECIPIENTS,
                    RECIPIENTS_CAPPED,
                    BOUNCE_TYPE,
                    BOUNCE_SUB_TYPE,
                    COMPLAINT_FEEDBACK_TYPE,
                    SENDER);

    /**
     * The report's attributes and the tenant, which TypeShards does not project: the items are then
     * read from the table (BatchGetItem), as a hub's report reads them.
     */
    static final List<String> WITH_TENANT =
            Stream.concat(
                            ATTRIBUTES.stream(),
                            Stream.of(SNS_MESSAGE_ID, TENANT, COMPLAINT_SUB_TYPE))
                    .toList();

    /**
     * What the tally reads of this type: a complaint also its subtype, which says whether SES sent
     * it at all; TypeShards does not project it, so complaints (few) are read from the table.
     */
    static List<String> attributes(MessageType type) {
        return type == MessageType.COMPLAINT ? WITH_COMPLAINT_SUB_TYPE : ATTRIBUTES;
    }

    private static final List<String> WITH_COMPLAINT_SUB_TYPE =
            Stream.concat(ATTRIBUTES.stream(), Stream.of(COMPLAINT_SUB_TYPE)).toList();

    public static final String NOT_GIVEN = "(not given)";
    static final String PERMANENT = "Permanent";

    /** Messages and the recipients they name. */
    static final class Count {
        long messages;
        long recipients;

        private void add(long recipientCount) {
            messages++;
            recipients += recipientCount;
        }
    }

    /** Recipients by domain, from the message items' {@code recipients} lists. */
    static final class Domains {
        final Map<String, Long> recipients = new HashMap<>();

        /** Messages whose list was cut to keep the item under 400 KB ({@code recipientsCapped}). */
        long cappedMessages;

        /** Recipients in the lists, and recipients the messages name: more when lists were cut. */
        long listed;

        long named;

        private void add(Map<String, AttributeValue> item, long recipientCount) {
            List<AttributeValue> list =
                    item.containsKey(RECIPIENTS) ? item.get(RECIPIENTS).l() : List.of();
            list.forEach(
                    address -> recipients.merge(EmailAddress.domainOf(address.s()), 1L, Long::sum));
            listed += list.size();
            named += recipientCount;
            if ("true".equals(Items.text(item, RECIPIENTS_CAPPED))) {
                cappedMessages++;
            }
        }

        List<Map.Entry<String, Long>> top(int limit) {
            return ReportTally.top(recipients, Map.Entry::getValue, limit);
        }
    }

    /** One sender's messages, and how many of them are bounces and complaints. */
    static final class Sender {
        final String address;
        long messages;
        long bounces;
        long complaints;

        private Sender(String address) {
            this.address = address;
        }
    }

    final Map<MessageType, Count> byType = new EnumMap<>(MessageType.class);
    final Map<MessageType, Long> copiesSkipped = new EnumMap<>(MessageType.class);

    /**
     * Bounces and complaints SES never tried to deliver, the address on its suppression list: not
     * in {@link #bounces} nor {@link #complaints}, as SES leaves them out of its rates.
     */
    final Count prevented = new Count();

    final Count bounces = new Count();
    final Map<String, Count> bounceTypes = new HashMap<>();
    final Map<String, Map<String, Count>> bounceSubTypes = new HashMap<>();
    final Domains bounceDomains = new Domains();
    final Count complaints = new Count();
    final Map<String, Count> complaintTypes = new HashMap<>();
    final Domains complaintDomains = new Domains();
    private final Map<String, Sender> senders = new HashMap<>();

    void add(MessageType type, Map<String, AttributeValue> item) {
        if (item.containsKey(DUPLICATE_OF)) {
            copiesSkipped.merge(type, 1L, Long::sum);
            return;
        }
        long recipientCount = Items.number(item, RECIPIENT_COUNT);
        byType.computeIfAbsent(type, t -> new Count()).add(recipientCount);
        boolean preventedSend =
                PreventedSend.isPrevented(
                        type,
                        Items.text(item, BOUNCE_SUB_TYPE),
                        Items.text(item, COMPLAINT_SUB_TYPE));
        if (preventedSend) {
            prevented.add(recipientCount);
        } else if (type == MessageType.BOUNCE) {
            String bounceType = given(item, BOUNCE_TYPE);
            bounces.add(recipientCount);
            bounceTypes.computeIfAbsent(bounceType, t -> new Count()).add(recipientCount);
            bounceSubTypes
                    .computeIfAbsent(bounceType, t -> new HashMap<>())
                    .computeIfAbsent(given(item, BOUNCE_SUB_TYPE), t -> new Count())
                    .add(recipientCount);
            bounceDomains.add(item, recipientCount);
        } else if (type == MessageType.COMPLAINT) {
            complaints.add(recipientCount);
            complaintTypes
                    .computeIfAbsent(given(item, COMPLAINT_FEEDBACK_TYPE), t -> new Count())
                    .add(recipientCount);
            complaintDomains.add(item, recipientCount);
        }
        if (item.containsKey(SENDER)) {
            Sender sender = senders.computeIfAbsent(Items.text(item, SENDER), Sender::new);
            sender.messages++;
            sender.bounces += type == MessageType.BOUNCE && !preventedSend ? 1 : 0;
            sender.complaints += type == MessageType.COMPLAINT && !preventedSend ? 1 : 0;
        }
    }

    long messages() {
        return byType.values().stream().mapToLong(count -> count.messages).sum();
    }

    long recipients() {
        return byType.values().stream().mapToLong(count -> count.recipients).sum();
    }

    long copiesSkippedTotal() {
        return copiesSkipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The types seen, counted or skipped, in the order of {@link MessageType}. */
    List<MessageType> types() {
        return List.of(MessageType.values()).stream()
                .filter(type -> byType.containsKey(type) || copiesSkipped.containsKey(type))
                .toList();
    }

    long permanentRecipients() {
        return bounceTypes.containsKey(PERMANENT) ? bounceTypes.get(PERMANENT).recipients : 0;
    }

    /**
     * Permanent bounced recipients as a percentage of all bounced recipients, one decimal; null
     * without bounces.
     */
    Double hardBouncePercent() {
        return bounces.recipients == 0
                ? null
                : Math.round(1000.0 * permanentRecipients() / bounces.recipients) / 10.0;
    }

    int senderCount() {
        return senders.size();
    }

    List<Sender> topSenders(int limit) {
        return top(senders, entry -> entry.getValue().messages, limit).stream()
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Entries by recipients, most first, then by name. */
    static List<Map.Entry<String, Count>> byRecipients(Map<String, Count> counts) {
        return top(counts, entry -> entry.getValue().recipients, Integer.MAX_VALUE);
    }

    private static <V> List<Map.Entry<String, V>> top(
            Map<String, V> counts, ToLongFunction<Map.Entry<String, V>> size, int limit) {
        return counts.entrySet().stream()
                .sorted(Comparator.comparingLong(size).reversed().thenComparing(Map.Entry::getKey))
                .limit(limit)
                .toList();
    }

    private static String given(Map<String, AttributeValue> item, String name) {
        String value = Items.text(item, name);
        return value.isEmpty() ? NOT_GIVEN : value;
    }
}
