package io.sesfeedback.support;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.template.TemplateTable;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A fresh feedback table, created from template.yaml, on moto's DynamoDB reached over loopback
 * HTTP.
 */
public final class WireTable {

    private final MotoDynamoDb server;
    private final DynamoDbClient client;
    private final String tableName = "feedback-" + UUID.randomUUID();

    public WireTable(MotoDynamoDb server) {
        this.server = server;
        this.client = server.client();
        TemplateTable.create(client, RecorderFixture.TEMPLATE, tableName);
    }

    /**
     * A recorder as one Lambda container runs it: its own SDK client, with these faults injected.
     */
    public FeedbackRecorder recorder(FeedbackLog log, ExecutionInterceptor... faults) {
        return recorder(log, StorePolicy.keepingAll(RecorderFixture.RETENTION, 0), faults);
    }

    /** The same, storing by {@code policy}. */
    public FeedbackRecorder recorder(
            FeedbackLog log, StorePolicy policy, ExecutionInterceptor... faults) {
        return new FeedbackRecorder(
                new NotificationParser(),
                new FeedbackStore(
                        server.client(faults),
                        tableName,
                        policy,
                        Clock.fixed(RecorderFixture.NOW, ZoneOffset.UTC)),
                log);
    }

    /**
     * Records the copies at once, each in a container of its own (a thread with its own SDK client)
     * that makes up to {@code attempts} invocations, as Lambda retries a failed one.
     */
    public List<FeedbackRecorder.Outcome> recordAtOnce(
            List<SnsMessage> copies, Supplier<? extends FeedbackLog> logs, int attempts)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(copies.size());
        ExecutorService containers = Executors.newFixedThreadPool(copies.size());
        try {
            List<Future<FeedbackRecorder.Outcome>> outcomes = new ArrayList<>();
            for (SnsMessage copy : copies) {
                FeedbackRecorder recorder = recorder(logs.get());
                outcomes.add(
                        containers.submit(
                                () -> {
                                    start.await();
                                    RuntimeException last = null;
                                    for (int attempt = 0; attempt < attempts; attempt++) {
                                        try {
                                            return recorder.record(copy);
                                        } catch (RuntimeException e) {
                                            last = e;
                                        }
                                    }
                                    throw last;
                                }));
            }
            List<FeedbackRecorder.Outcome> results = new ArrayList<>();
            for (Future<FeedbackRecorder.Outcome> outcome : outcomes) {
                results.add(outcome.get());
            }
            return results;
        } finally {
            containers.shutdownNow();
        }
    }

    public String tableName() {
        return tableName;
    }

    public FeedbackQueries queries() {
        return new FeedbackQueries(client, tableName);
    }

    /** Every item in key order. */
    public List<Map<String, AttributeValue>> allItems() {
        return client
                .scanPaginator(r -> r.tableName(tableName).consistentRead(true))
                .items()
                .stream()
                .sorted(
                        Comparator.comparing(
                                        (Map<String, AttributeValue> item) ->
                                                item.get(FeedbackTable.PK).s())
                                .thenComparing(item -> item.get(FeedbackTable.SK).s()))
                .toList();
    }
}
