package io.sesfeedback.store;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.LeftOut;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.StatusChange;
import io.sesfeedback.notification.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Writes each message to DynamoDB so that every SES feedback event counts exactly once, with no
 * transaction. Per recipient, the event item is keyed by the event's identity (see {@link
 * FeedbackMessage#feedbackIdentity}) and put only if new: every copy of the event, redelivered or
 * in the other SES format, writes the same key, and the copy that wrote it ({@code snsMessageId})
 * holds it. The message item is put beside them, all at once. For a bounce or a complaint, the copy
 * holding the event then counts it on the address's status item ({@link EventCount}): each step is
 * idempotent, so a retry or a racing container finishes what an attempt began and counts nothing
 * twice. Recipients are written in address order: the copy holding the first address's event holds
 * the message's event, and every other copy names it in {@code duplicateOf}.
 */
public final class FeedbackStore {

    /**
     * Event items written at once, beside the message item on the caller's thread: within the HTTP
     * client's five kept-alive connections.
     */
    static final int WRITER_THREADS = 4;

    private static final String NOT_WRITTEN_YET = "attribute_not_exists(" + FeedbackTable.PK + ")";

    /**
     * What saving did: {@code firstDelivery} when this call wrote the message item; {@code
     * duplicateOf} names the SNS message that holds this SES event (null when this one does);
     * {@code softBounceSuppressions} counts the recipients this transient bounce suppressed (see
     * {@link SoftBounceRule}).
     */
    public record Saved(boolean firstDelivery, String duplicateOf, int softBounceSuppressions) {}

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final StorePolicy policy;
    private final SoftBounceRule softBounces;
    private final EventCount counts;
    private final Clock clock;

    /**
     * A message's event items are written at once, on threads made when needed and ended when idle.
     */
    private final ExecutorService writers = writers();

    public FeedbackStore(DynamoDbClient dynamo, String tableName, StorePolicy policy, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.policy = policy;
        this.softBounces = new SoftBounceRule(dynamo, tableName, policy.softBounceLimit());
        this.counts = new EventCount(dynamo, tableName);
        this.clock = clock;
    }

    /** One retention for every item, every raw body kept, and the soft-bounce rule off. */
    public FeedbackStore(DynamoDbClient dynamo, String tableName, Duration retention, Clock clock) {
        this(dynamo, tableName, StorePolicy.keepingAll(retention, 0), clock);
    }

    /**
     * Records the message. Throws {@link RecordRefusedException} when DynamoDB refuses the message
     * item as invalid, any other failure as it comes; a retry then finishes what an earlier attempt
     * began.
     */
    public Saved save(FeedbackMessage message) {
        Instant now = clock.instant();
        FeedbackItems items =
                new FeedbackItems(
                        message,
                        now,
                        now.plus(policy.retention(message.type())),
                        policy.keepsBody(message.type()));
        List<Recipient> inAddressOrder =
                message.recipients().stream()
                        .sorted(Comparator.comparing(Recipient::address))
                        .toList();
        List<Future<EventPut>> puts =
                inAddressOrder.stream()
                        .map(
                                recipient ->
                                        writers.submit(
                                                () ->
                                                        putEvent(
                                                                message,
                                                                items.recipientEvent(recipient),
                                                                recipient)))
                        .toList();
        boolean firstDelivery = false;
        RuntimeException failure = null;
        try {
            firstDelivery = putMessage(items.message(null, 0, List.of()));
        } catch (RuntimeException e) {
            failure = e;
        }
        List<EventPut> events = new ArrayList<>();
        failure = gather(puts, events, failure);
        List<LeftOut> refused = new ArrayList<>();
        if (failure == null && message.changesStatus()) {
            failure = gather(countEach(message, items, events, now), refused, null);
        }
        if (failure != null) {
            if (firstDelivery) {
                takeBack(message, now, failure);
            }
            throw failure;
        }
        String duplicateOf = null;
        int duplicates = 0;
        for (EventPut event : events) {
            if (event.refused() != null) {
                refused.add(event.refused());
            } else if (!event.owner().equals(message.snsMessageId())) {
                duplicates++;
                if (event == events.get(0)) {
                    duplicateOf = event.owner();
                }
            }
        }
        if (duplicates > 0 || !refused.isEmpty()) {
            nameOnMessageItem(items.message(duplicateOf, duplicates, refused), duplicates > 0, now);
        }
        int suppressed =
                message.changesStatus()
                        ? (int)
                                inAddressOrder.stream()
                                        .filter(
                                                recipient ->
                                                        softBounces.apply(message, recipient, now))
                                        .count()
                        : 0;
        return new Saved(firstDelivery, duplicateOf, suppressed);
    }

    /**
     * Counts, at once, each event this message holds and has not counted yet; a refused count comes
     * back as the recipient left out.
     */
    private List<Future<LeftOut>> countEach(
            FeedbackMessage message, FeedbackItems items, List<EventPut> events, Instant now) {
        List<Future<LeftOut>> counting = new ArrayList<>();
        for (EventPut event : events) {
            if (event.refused() == null && event.owner().equals(message.snsMessageId())) {
                Recipient recipient = event.recipient();
                StatusChange change = message.statusChangeFor(recipient).orElseThrow();
                counting.add(
                        writers.submit(
                                () ->
                                        event.counted()
                                                ? counts.finish(items, recipient, now)
                                                : counts.count(items, recipient, change, now)));
            }
        }
        return counting;
    }

    /**
     * What one event item's put found: the SNS message that holds the event and whether its count
     * is done, or why DynamoDB refused it.
     */
    private record EventPut(Recipient recipient, String owner, boolean counted, LeftOut refused) {}

    private EventPut putEvent(
            FeedbackMessage message, Map<String, AttributeValue> event, Recipient recipient) {
        try {
            dynamo.putItem(
                    putItem(event).toBuilder()
                            .returnValuesOnConditionCheckFailure(
                                    ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
            return new EventPut(recipient, message.snsMessageId(), false, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = existing(e.item(), event);
            return new EventPut(
                    recipient,
                    existing.get(FeedbackTable.SNS_MESSAGE_ID).s(),
                    existing.containsKey(FeedbackTable.COUNTED),
                    null);
        } catch (DynamoDbException e) {
            if (!isValidation(e)) {
                throw e;
            }
            return new EventPut(recipient, null, false, refusal(recipient, e));
        }
    }

    /** The message item, unless it exists; false when it did. */
    private boolean putMessage(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(putItem(item));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (DynamoDbException e) {
            if (isValidation(e)) {
                throw new RecordRefusedException(reason(e), e);
            }
            throw e;
        }
    }

    /**
     * The message item again, naming its duplicates and refused recipients: over a copy that names
     * no duplicates yet, or, for refusals alone, over the one this save wrote.
     */
    private void nameOnMessageItem(
            Map<String, AttributeValue> item, boolean withDuplicates, Instant now) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName).item(item);
        if (withDuplicates) {
            put.conditionExpression("attribute_not_exists(#duplicates)")
                    .expressionAttributeNames(
                            Map.of("#duplicates", FeedbackTable.DUPLICATE_RECIPIENTS));
        } else {
            put.conditionExpression("#recordedAt = :recordedAt")
                    .expressionAttributeNames(Map.of("#recordedAt", FeedbackTable.RECORDED_AT))
                    .expressionAttributeValues(
                            Map.of(":recordedAt", AttributeValue.fromS(Timestamps.format(now))));
        }
        try {
            dynamo.putItem(put.build());
        } catch (ConditionalCheckFailedException namedAlready) {
            // an earlier attempt named them, or wrote the item
        }
    }

    /**
     * Deletes the message item this failed save wrote, so that Lambda's retry records the message
     * as new rather than as a redelivery; if that fails too, the retry counts it as redelivered,
     * and every item is still written.
     */
    private void takeBack(FeedbackMessage message, Instant now, RuntimeException failure) {
        try {
            dynamo.deleteItem(
                    request ->
                            request.tableName(tableName)
                                    .key(FeedbackTable.messageKey(message.snsMessageId()))
                                    .conditionExpression("#recordedAt = :recordedAt")
                                    .expressionAttributeNames(
                                            Map.of("#recordedAt", FeedbackTable.RECORDED_AT))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":recordedAt",
                                                    AttributeValue.fromS(Timestamps.format(now)))));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Waits for every write, adding each result that is not null to {@code results}; the first
     * failure, others suppressed.
     */
    private static <T> RuntimeException gather(
            List<Future<T>> writes, List<T> results, RuntimeException failure) {
        for (Future<T> write : writes) {
            try {
                T result = result(write);
                if (result != null) {
                    results.add(result);
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the event items", e);
        }
    }

    /** An existing event item: from the failed put's answer, or read when it gave none. */
    private Map<String, AttributeValue> existing(
            Map<String, AttributeValue> answered, Map<String, AttributeValue> event) {
        Supplier<Map<String, AttributeValue>> read =
                () ->
                        dynamo.getItem(
                                        request ->
                                                request.tableName(tableName)
                                                        .consistentRead(true)
                                                        .key(
                                                                Map.of(
                                                                        FeedbackTable.PK,
                                                                        event.get(FeedbackTable.PK),
                                                                        FeedbackTable.SK,
                                                                        event.get(
                                                                                FeedbackTable.SK))))
                                .item();
        return answered != null && answered.containsKey(FeedbackTable.SNS_MESSAGE_ID)
                ? answered
                : read.get();
    }

    private PutItemRequest putItem(Map<String, AttributeValue> item) {
        return PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(NOT_WRITTEN_YET)
                .build();
    }

    static LeftOut refusal(Recipient recipient, DynamoDbException e) {
        return new LeftOut(recipient.address(), "DynamoDB refused its items: " + reason(e));
    }

    static boolean isValidation(DynamoDbException e) {
        return e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }

    private static String reason(DynamoDbException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage()
                : e.getMessage();
    }

    private static ExecutorService writers() {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(
                        WRITER_THREADS,
                        WRITER_THREADS,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, "feedback-store");
                            thread.setDaemon(true);
                            return thread;
                        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
