package io.sesfeedback.tools.items;

import static io.sesfeedback.store.FeedbackTable.CLAIM_PREFIX;
import static io.sesfeedback.store.FeedbackTable.EVENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENTS_CAPPED;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.STATUS_SORT_KEY;

import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.tools.targets.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items the table holds about one address, found as forget and check erase them: under its key,
 * and the message items that name it (those that name it alone, and those that also name others).
 */
public record AddressItems(
        Map<AddressItems.Kind, List<Map<String, AttributeValue>>> byKind,
        List<Map<String, AttributeValue>> ownMessages,
        List<Map<String, AttributeValue>> sharedMessages) {

    public enum Kind {
        EVENTS("events"),
        CLAIMS("feedback claims"),
        STATUS("status"),
        OTHER("other items");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind of(Map<String, AttributeValue> item) {
            String sk = item.get(SK).s();
            return sk.startsWith(EVENT_PREFIX)
                    ? EVENTS
                    : sk.startsWith(CLAIM_PREFIX)
                            ? CLAIMS
                            : sk.equals(STATUS_SORT_KEY) ? STATUS : OTHER;
        }
    }

    /**
     * Messages first and events last, so that a run cut short can be repeated: events lead to the
     * messages.
     */
    public List<Map<String, AttributeValue>> keysInDeletionOrder() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ownMessages.forEach(item -> keys.add(key(item)));
        List.of(Kind.CLAIMS, Kind.STATUS, Kind.OTHER, Kind.EVENTS)
                .forEach(
                        kind ->
                                byKind.getOrDefault(kind, List.of())
                                        .forEach(item -> keys.add(key(item))));
        return keys;
    }

    public static AddressItems find(Target target, String key) {
        Map<Kind, List<Map<String, AttributeValue>>> byKind =
                recipientItems(target, key).stream()
                        .collect(
                                Collectors.groupingBy(
                                        Kind::of,
                                        () -> new EnumMap<>(Kind.class),
                                        Collectors.toList()));
        List<Map<String, AttributeValue>> own = new ArrayList<>();
        List<Map<String, AttributeValue>> shared = new ArrayList<>();
        for (Map<String, AttributeValue> message :
                messagesNaming(
                        target.queries(), key, byKind.getOrDefault(Kind.EVENTS, List.of()))) {
            (namesOnly(message, key) ? own : shared).add(message);
        }
        return new AddressItems(byKind, own, shared);
    }

    private static List<Map<String, AttributeValue>> recipientItems(Target target, String key) {
        return target
                .dynamo()
                .queryPaginator(
                        r ->
                                r.tableName(target.table())
                                        .keyConditionExpression("#pk = :pk")
                                        .expressionAttributeNames(Map.of("#pk", PK))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":pk",
                                                        AttributeValue.fromS(
                                                                RECIPIENT_PREFIX + key))))
                .items()
                .stream()
                .toList();
    }

    /**
     * The message items that name the address: those of its events, and the other messages about
     * the same mails that list it (a copy in the other SES format has no event of its own).
     */
    private static List<Map<String, AttributeValue>> messagesNaming(
            FeedbackQueries queries, String key, List<Map<String, AttributeValue>> events) {
        Map<String, Map<String, AttributeValue>> messages = new LinkedHashMap<>();
        Set<String> mails = new HashSet<>();
        for (Map<String, AttributeValue> event : events) {
            String mail = Items.text(event, SES_MESSAGE_ID);
            if (!mail.isEmpty() && mails.add(mail)) {
                queries.messagesForMail(mail).stream()
                        .filter(message -> recipients(message).contains(key))
                        .forEach(
                                message ->
                                        messages.put(Items.text(message, SNS_MESSAGE_ID), message));
            }
        }
        for (Map<String, AttributeValue> event : events) {
            String sns = Items.text(event, SNS_MESSAGE_ID);
            if (!messages.containsKey(sns)) {
                queries.message(sns).ifPresent(message -> messages.put(sns, message));
            }
        }
        return List.copyOf(messages.values());
    }

    private static boolean namesOnly(Map<String, AttributeValue> message, String key) {
        return Items.number(message, RECIPIENT_COUNT) == 1
                && !message.containsKey(RECIPIENTS_CAPPED)
                && recipients(message).equals(List.of(key));
    }

    private static List<String> recipients(Map<String, AttributeValue> message) {
        AttributeValue list = message.get(RECIPIENTS);
        return list == null ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }
}
