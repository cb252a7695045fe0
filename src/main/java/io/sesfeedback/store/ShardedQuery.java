package io.sesfeedback.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One Query per shard of a sharded index key, run at once and merged in sort-key order (then by
 * {@code pk}). Each shard holds one page and fetches its next while that one is read, so memory
 * stays at two pages a shard however many items the shards hold.
 */
final class ShardedQuery {

    /** Daemon threads, made when needed: a reader process ends without closing anything. */
    private static final ExecutorService PAGES =
            Executors.newCachedThreadPool(
                    task -> {
                        Thread thread = new Thread(task, "sharded-query");
                        thread.setDaemon(true);
                        return thread;
                    });

    private ShardedQuery() {}

    /** The items of every shard's query, in ascending order of {@code sortKey}. */
    static Stream<Map<String, AttributeValue>> merged(
            DynamoDbClient dynamo, List<QueryRequest> shards, String sortKey) {
        Comparator<Map<String, AttributeValue>> order =
                Comparator.comparing((Map<String, AttributeValue> item) -> item.get(sortKey).s())
                        .thenComparing(item -> item.get(FeedbackTable.PK).s());
        List<Shard> started = shards.stream().map(request -> new Shard(dynamo, request)).toList();
        Iterator<Map<String, AttributeValue>> items =
                new Iterator<>() {
                    private PriorityQueue<Shard> heads;

                    @Override
                    public boolean hasNext() {
                        return !heads().isEmpty();
                    }

                    @Override
                    public Map<String, AttributeValue> next() {
                        Shard shard = heads().poll();
                        if (shard == null) {
                            throw new NoSuchElementException();
                        }
                        Map<String, AttributeValue> item = shard.take();
                        if (shard.hasItem()) {
                            heads.add(shard);
                        }
                        return item;
                    }

                    private PriorityQueue<Shard> heads() {
                        if (heads == null) {
                            heads =
                                    new PriorityQueue<>(
                                            Math.max(1, started.size()),
                                            Comparator.comparing(Shard::head, order));
                            started.stream().filter(Shard::hasItem).forEach(heads::add);
                        }
                        return heads;
                    }
                };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        items, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** One shard's query: the page being read and the next one on its way. */
    private static final class Shard {
        private final DynamoDbClient dynamo;
        private final QueryRequest request;
        private List<Map<String, AttributeValue>> page = List.of();
        private int position;
        private CompletableFuture<QueryResponse> next;

        Shard(DynamoDbClient dynamo, QueryRequest request) {
            this.dynamo = dynamo;
            this.request = request;
            this.next = fetch(null);
        }

        boolean hasItem() {
            while (position == page.size() && next != null) {
                QueryResponse response = join(next);
                page = new ArrayList<>(response.items());
                position = 0;
                next =
                        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                                ? fetch(response.lastEvaluatedKey())
                                : null;
            }
            return position < page.size();
        }

        Map<String, AttributeValue> head() {
            return page.get(position);
        }

        Map<String, AttributeValue> take() {
            return page.get(position++);
        }

        private CompletableFuture<QueryResponse> fetch(Map<String, AttributeValue> startKey) {
            QueryRequest page =
                    startKey == null
                            ? request
                            : request.toBuilder().exclusiveStartKey(startKey).build();
            return CompletableFuture.supplyAsync(() -> dynamo.query(page), PAGES);
        }

        private static QueryResponse join(CompletableFuture<QueryResponse> response) {
            try {
                return response.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw e;
            }
        }
    }
}
