package io.sesfeedback.tools.items;

import io.sesfeedback.store.FeedbackTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The member account (or other attributes, such as the SES tenant) of message items named by id (a
 * status item's {@code suppressedBy}, say), read with BatchGetItem, 100 keys a call (DynamoDB's
 * limit), only the attributes asked for; keys left unprocessed are asked again with backoff. Each
 * item costs its whole size in read units: 0.5 per 4 KB, eventually consistent
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
 */
public final class MessageAccounts {

    static final int MAX_KEYS = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public MessageAccounts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Message id to its member account; an id whose item is gone (TTL, forget) or that is not asked
     * for is absent.
     */
    public Map<String, MemberAccount> of(List<String> snsMessageIds) {
        Map<String, MemberAccount> found = new HashMap<>();
        attributes(snsMessageIds, MemberAccount.ATTRIBUTES)
                .forEach((id, item) -> found.put(id, MemberAccount.of(item)));
        return found;
    }

    /**
     * Message id to the {@code names} its item holds; an id whose item is gone or that is not asked
     * for is absent.
     */
    public Map<String, Map<String, AttributeValue>> attributes(
            List<String> snsMessageIds, List<String> names) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        items(
                        new LinkedHashSet<>(snsMessageIds)
                                .stream().map(FeedbackTable::messageKey).toList(),
                        names)
                .forEach(
                        (pk, item) ->
                                found.put(
                                        pk.substring(FeedbackTable.MESSAGE_PREFIX.length()), item));
        return found;
    }

    /**
     * The items of {@code keys} (each once), partition key to the {@code names} the item holds; a
     * key whose item is gone is absent.
     */
    public Map<String, Map<String, AttributeValue>> items(
            List<Map<String, AttributeValue>> keys, List<String> names) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<String> wanted = new ArrayList<>(List.of(FeedbackTable.PK));
        wanted.addAll(names);
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            Map<String, KeysAndAttributes> pending =
                    Map.of(
                            table,
                            KeysAndAttributes.builder()
                                    .keys(
                                            keys.subList(
                                                    from, Math.min(keys.size(), from + MAX_KEYS)))
                                    // names through placeholders: some are reserved words
                                    .expressionAttributeNames(
                                            IntStream.range(0, wanted.size())
                                                    .boxed()
                                                    .collect(
                                                            Collectors.toMap(
                                                                    i -> "#a" + i, wanted::get)))
                                    .projectionExpression(
                                            IntStream.range(0, wanted.size())
                                                    .mapToObj(i -> "#a" + i)
                                                    .collect(Collectors.joining(", ")))
                                    .build());
            for (int round = 0; !pending.isEmpty() && round < BatchDelete.MAX_ROUNDS; round++) {
                if (round > 0 && !BatchDelete.pause(BatchDelete.FIRST_BACKOFF, round)) {
                    break;
                }
                Map<String, KeysAndAttributes> asking = pending;
                var response = dynamo.batchGetItem(r -> r.requestItems(asking));
                response.responses()
                        .getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get(FeedbackTable.PK).s(), item));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** The member account of one status item's suppression: its {@code suppressedBy} message's. */
    public static Optional<MemberAccount> suppressing(
            Map<String, AttributeValue> status, Map<String, MemberAccount> accounts) {
        return Optional.ofNullable(accounts.get(Items.text(status, FeedbackTable.SUPPRESSED_BY)));
    }
}
