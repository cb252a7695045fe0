package io.sesfeedback.tools.items;

import io.sesfeedback.tools.ErrorReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes items by key with BatchWriteItem, 25 per call (DynamoDB's limit). Items DynamoDB leaves
 * unprocessed (throttled) are tried again with exponential backoff and jitter; a failed call stops
 * the deletion there.
 */
public final class BatchDelete {

    static final int MAX_PER_CALL = 25;
    static final int MAX_ROUNDS = 8;
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** The keys not deleted, and why (null when all were). */
    public record Result(
            int deleted, List<Map<String, AttributeValue>> notDeleted, String problem) {}

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration firstBackoff;

    public BatchDelete(DynamoDbClient dynamo, String table, Duration firstBackoff) {
        this.dynamo = dynamo;
        this.table = table;
        this.firstBackoff = firstBackoff;
    }

    /** Deletes in the order given. */
    public Result delete(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> notDeleted = new ArrayList<>();
        String problem = null;
        for (int from = 0; from < keys.size(); from += MAX_PER_CALL) {
            List<Map<String, AttributeValue>> batch =
                    keys.subList(from, Math.min(keys.size(), from + MAX_PER_CALL));
            try {
                List<Map<String, AttributeValue>> left = deleteBatch(batch);
                if (!left.isEmpty()) {
                    notDeleted.addAll(left);
                    problem = "DynamoDB left them unprocessed (throttled) " + MAX_ROUNDS + " times";
                }
            } catch (SdkException e) {
                notDeleted.addAll(keys.subList(from, keys.size()));
                problem = ErrorReport.describe(e);
                break;
            }
        }
        return new Result(keys.size() - notDeleted.size(), notDeleted, problem);
    }

    private List<Map<String, AttributeValue>> deleteBatch(List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> pending =
                keys.stream()
                        .map(
                                key ->
                                        WriteRequest.builder()
                                                .deleteRequest(delete -> delete.key(key))
                                                .build())
                        .toList();
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            if (round > 0 && !pause(round)) {
                break;
            }
            List<WriteRequest> requests = pending;
            pending =
                    dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, requests)))
                            .unprocessedItems()
                            .getOrDefault(table, List.of());
        }
        return pending.stream().map(request -> request.deleteRequest().key()).toList();
    }

    /**
     * Full jitter: a random pause up to the round's exponential backoff. False when interrupted.
     */
    private boolean pause(int round) {
        return pause(firstBackoff, round);
    }

    /** {@link #pause(int)} from {@code firstBackoff}, for the batch reads too. */
    static boolean pause(Duration firstBackoff, int round) {
        long ceiling =
                Math.min(
                        MAX_BACKOFF.toMillis(), firstBackoff.toMillis() << Math.min(round - 1, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
