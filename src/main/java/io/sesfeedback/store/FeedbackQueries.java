package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EVENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.claimKey;
import static io.sesfeedback.store.FeedbackTable.messageKey;
import static io.sesfeedback.store.FeedbackTable.statusKey;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The table's read API: what the operator command and the local tools ask of it. Sharded indexes
 * are read with one Query per shard at once, merged in order; what an index does not project is
 * fetched from the table with BatchGetItem. A table whose sharded index is missing or not yet
 * ACTIVE (a stack part-way through the upgrade in docs/deploy.md) is read through the index before
 * it, which projects every attribute.
 */
public final class FeedbackQueries {

    /** Keys one BatchGetItem takes at most. */
    static final int BATCH_GET_KEYS = 100;

    private final DynamoDbClient dynamo;
    private final String tableName;

    /** Per index: whether this table can be read through the sharded one (found on first use). */
    private final Map<String, Boolean> sharded = new HashMap<>();

    public FeedbackQueries(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /** Everything recorded for one address, newest first. */
    public List<Map<String, AttributeValue>> history(String address) {
        return dynamo
                .queryPaginator(historyQuery(address).tableName(tableName).build())
                .items()
                .stream()
                .toList();
    }

    /**
     * The address's events, newest first, read a page of {@code pageSize} at a time as they are
     * iterated, consistently.
     */
    Iterable<Map<String, AttributeValue>> newestEvents(String address, int pageSize) {
        return dynamo.queryPaginator(
                        historyQuery(address)
                                .tableName(tableName)
                                .consistentRead(true)
                                .limit(pageSize)
                                .build())
                .items();
    }

    private static QueryRequest.Builder historyQuery(String address) {
        return QueryRequest.builder()
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :events)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(
                        Map.of(
                                ":pk", AttributeValue.fromS(RECIPIENT_PREFIX + address),
                                ":events", AttributeValue.fromS(EVENT_PREFIX)))
                .scanIndexForward(false);
    }

    /** The message items of one type that occurred in [from, to], oldest first, whole. */
    public List<Map<String, AttributeValue>> messagesOfType(
            MessageType type, Instant from, Instant to) {
        try (Stream<Map<String, AttributeValue>> entries = typeEntries(type, from, to, List.of())) {
            return whole(entries.toList(), List.of());
        }
    }

    /**
     * The message items of one type that occurred in [from, to], oldest first, with the {@code
     * attributes} named (and their keys), read as the stream is: from the index when it projects
     * them all, else a page at a time from the table.
     */
    public Stream<Map<String, AttributeValue>> messagesOfType(
            MessageType type, Instant from, Instant to, List<String> attributes) {
        boolean projected =
                !usesShards(FeedbackTable.TYPE_SHARDS_INDEX, FeedbackTable.BY_TYPE_INDEX)
                        || FeedbackTable.TYPE_SHARDS_PROJECTION.containsAll(attributes);
        Stream<Map<String, AttributeValue>> entries = typeEntries(type, from, to, attributes);
        return projected
                ? entries
                : pages(entries).flatMap(page -> whole(page, attributes).stream());
    }

    private Stream<Map<String, AttributeValue>> typeEntries(
            MessageType type, Instant from, Instant to, List<String> attributes) {
        Map<String, AttributeValue> window =
                Map.of(
                        ":from", AttributeValue.fromS(Timestamps.format(from)),
                        // '~' sorts after the '#' that follows the time, so messages at exactly
                        // 'to' are included
                        ":to", AttributeValue.fromS(Timestamps.format(to) + "~"));
        if (!usesShards(FeedbackTable.TYPE_SHARDS_INDEX, FeedbackTable.BY_TYPE_INDEX)) {
            QueryRequest request =
                    rangeQuery(
                            FeedbackTable.BY_TYPE_INDEX,
                            FeedbackTable.MESSAGE_TYPE,
                            type.label(),
                            "#sort BETWEEN :from AND :to",
                            EVENT_KEY,
                            window,
                            attributes);
            return dynamo.queryPaginator(request).items().stream();
        }
        List<QueryRequest> shards =
                FeedbackTable.shards(type.label()).stream()
                        .map(
                                shard ->
                                        rangeQuery(
                                                FeedbackTable.TYPE_SHARDS_INDEX,
                                                FeedbackTable.TYPE_SHARD,
                                                shard,
                                                "#sort BETWEEN :from AND :to",
                                                EVENT_KEY,
                                                window,
                                                FeedbackTable.TYPE_SHARDS_PROJECTION.containsAll(
                                                                attributes)
                                                        ? attributes
                                                        : List.of()))
                        .toList();
        return ShardedQuery.merged(dynamo, shards, EVENT_KEY);
    }

    /**
     * The messages about one SES mail.messageId (send, delivery, bounce, open, ...), oldest first,
     * whole.
     */
    public List<Map<String, AttributeValue>> messagesForMail(String sesMessageId) {
        boolean keysOnly =
                usesShards(FeedbackTable.MAIL_MESSAGES_INDEX, FeedbackTable.BY_MAIL_INDEX);
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(tableName)
                        .indexName(
                                keysOnly
                                        ? FeedbackTable.MAIL_MESSAGES_INDEX
                                        : FeedbackTable.BY_MAIL_INDEX)
                        .keyConditionExpression("#mail = :mail")
                        .expressionAttributeNames(Map.of("#mail", SES_MESSAGE_ID))
                        .expressionAttributeValues(
                                Map.of(":mail", AttributeValue.fromS(sesMessageId)))
                        .build();
        List<Map<String, AttributeValue>> entries =
                dynamo.queryPaginator(request).items().stream().toList();
        return keysOnly ? whole(entries, List.of()) : entries;
    }

    /**
     * Whether an address is suppressed, why and since when, and its bounce and complaint counts.
     */
    public Optional<Map<String, AttributeValue>> status(String address) {
        Map<String, AttributeValue> item =
                dynamo.getItem(request -> request.tableName(tableName).key(statusKey(address)))
                        .item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * Every suppressed address since {@code since}, oldest suppression first: its keys, {@code
     * address}, {@code suppressedAt}, {@code suppressionReason} and {@code suppressedBy} (the whole
     * status item on a stack still on the index before the shards).
     */
    public Stream<Map<String, AttributeValue>> suppressed(Instant since) {
        Map<String, AttributeValue> values =
                Map.of(":since", AttributeValue.fromS(Timestamps.format(since)));
        if (!usesShards(FeedbackTable.SUPPRESSED_SHARDS_INDEX, FeedbackTable.SUPPRESSED_INDEX)) {
            return dynamo
                    .queryPaginator(
                            rangeQuery(
                                    FeedbackTable.SUPPRESSED_INDEX,
                                    FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE,
                                    FeedbackTable.SUPPRESSION_LIST,
                                    "#sort >= :since",
                                    SUPPRESSED_AT,
                                    values,
                                    List.of()))
                    .items()
                    .stream();
        }
        List<QueryRequest> shards =
                FeedbackTable.shards(FeedbackTable.SUPPRESSION_LIST).stream()
                        .map(
                                shard ->
                                        rangeQuery(
                                                FeedbackTable.SUPPRESSED_SHARDS_INDEX,
                                                FeedbackTable.SUPPRESSION_SHARD,
                                                shard,
                                                "#sort >= :since",
                                                SUPPRESSED_AT,
                                                values,
                                                List.of()))
                        .toList();
        return ShardedQuery.merged(dynamo, shards, SUPPRESSED_AT);
    }

    /** The message item of one SNS message. */
    public Optional<Map<String, AttributeValue>> message(String snsMessageId) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(tableName).key(messageKey(snsMessageId)))
                        .item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * The SNS message that recorded one feedback event for one address first in a claim (versions
     * before 2026-12).
     */
    public Optional<String> claimOwner(String address, String feedbackIdentity) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(tableName)
                                                .key(claimKey(address, feedbackIdentity)))
                        .item();
        return Optional.ofNullable(item.get(SNS_MESSAGE_ID)).map(AttributeValue::s);
    }

    private QueryRequest rangeQuery(
            String index,
            String partitionKey,
            String value,
            String range,
            String sortKey,
            Map<String, AttributeValue> rangeValues,
            List<String> attributes) {
        Map<String, String> names = new HashMap<>(Map.of("#key", partitionKey, "#sort", sortKey));
        Map<String, AttributeValue> values = new HashMap<>(rangeValues);
        values.put(":key", AttributeValue.fromS(value));
        QueryRequest.Builder request =
                QueryRequest.builder()
                        .tableName(tableName)
                        .indexName(index)
                        .keyConditionExpression("#key = :key AND " + range);
        if (!attributes.isEmpty()) {
            List<String> wanted = withKeys(attributes, List.of(partitionKey, sortKey));
            // every name through a placeholder: some attribute names are DynamoDB reserved words
            IntStream.range(0, wanted.size()).forEach(i -> names.put("#a" + i, wanted.get(i)));
            request.projectionExpression(
                    IntStream.range(0, wanted.size())
                            .mapToObj(i -> "#a" + i)
                            .collect(Collectors.joining(", ")));
        }
        return request.expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /**
     * The table's items for these index entries, in their order, with the {@code attributes} named
     * (every one when none is): BatchGetItem, {@value #BATCH_GET_KEYS} keys at a time, unprocessed
     * keys asked again.
     */
    private List<Map<String, AttributeValue>> whole(
            List<Map<String, AttributeValue>> entries, List<String> attributes) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int start = 0; start < entries.size(); start += BATCH_GET_KEYS) {
            List<Map<String, AttributeValue>> keys =
                    entries
                            .subList(start, Math.min(entries.size(), start + BATCH_GET_KEYS))
                            .stream()
                            .map(entry -> Map.of(PK, entry.get(PK), SK, entry.get(SK)))
                            .distinct()
                            .toList();
            KeysAndAttributes.Builder ask = KeysAndAttributes.builder().keys(keys);
            if (!attributes.isEmpty()) {
                List<String> wanted = withKeys(attributes, List.of(EVENT_KEY));
                ask.expressionAttributeNames(
                                IntStream.range(0, wanted.size())
                                        .boxed()
                                        .collect(Collectors.toMap(i -> "#a" + i, wanted::get)))
                        .projectionExpression(
                                IntStream.range(0, wanted.size())
                                        .mapToObj(i -> "#a" + i)
                                        .collect(Collectors.joining(", ")));
            }
            Map<String, KeysAndAttributes> pending = Map.of(tableName, ask.build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round > 0) {
                    pause(round);
                }
                Map<String, KeysAndAttributes> asking = pending;
                var response = dynamo.batchGetItem(request -> request.requestItems(asking));
                response.responses()
                        .getOrDefault(tableName, List.of())
                        .forEach(
                                item ->
                                        found.put(
                                                item.get(PK).s() + "\n" + item.get(SK).s(), item));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Map<String, AttributeValue> entry : entries) {
            // an item deleted since the index was read (forget, or TTL) is left out
            Optional.ofNullable(found.get(entry.get(PK).s() + "\n" + entry.get(SK).s()))
                    .ifPresent(items::add);
        }
        return items;
    }

    /** Index entries in pages of {@value #BATCH_GET_KEYS}, as read. */
    private static Stream<List<Map<String, AttributeValue>>> pages(
            Stream<Map<String, AttributeValue>> entries) {
        var iterator = entries.iterator();
        return Stream.generate(
                        () -> {
                            List<Map<String, AttributeValue>> page = new ArrayList<>();
                            while (page.size() < BATCH_GET_KEYS && iterator.hasNext()) {
                                page.add(iterator.next());
                            }
                            return page;
                        })
                .takeWhile(page -> !page.isEmpty())
                .onClose(entries::close);
    }

    private static List<String> withKeys(List<String> attributes, List<String> keys) {
        Set<String> wanted = new LinkedHashSet<>(attributes);
        wanted.add(PK);
        wanted.add(SK);
        wanted.addAll(keys);
        return List.copyOf(wanted);
    }

    /**
     * Whether the sharded index can be read: tried once with a one-item Query; DynamoDB answers a
     * Query on a missing index, or on one still backfilling, with a ValidationException (or
     * ResourceNotFoundException on some endpoints).
     */
    private synchronized boolean usesShards(String shardedIndex, String before) {
        return sharded.computeIfAbsent(
                shardedIndex,
                index -> {
                    try {
                        dynamo.query(
                                request ->
                                        request.tableName(tableName)
                                                .indexName(index)
                                                .limit(1)
                                                .keyConditionExpression("#key = :key")
                                                .expressionAttributeNames(
                                                        Map.of("#key", shardKey(index)))
                                                .expressionAttributeValues(
                                                        Map.of(":key", AttributeValue.fromS("-"))));
                        return true;
                    } catch (ResourceNotFoundException missing) {
                        return false;
                    } catch (DynamoDbException e) {
                        if (e.awsErrorDetails() != null
                                && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    private static String shardKey(String index) {
        return switch (index) {
            case FeedbackTable.TYPE_SHARDS_INDEX -> FeedbackTable.TYPE_SHARD;
            case FeedbackTable.MAIL_MESSAGES_INDEX -> SES_MESSAGE_ID;
            case FeedbackTable.SUPPRESSED_SHARDS_INDEX -> FeedbackTable.SUPPRESSION_SHARD;
            default -> throw new IllegalArgumentException(index);
        };
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1000, 50L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the table", e);
        }
    }
}
