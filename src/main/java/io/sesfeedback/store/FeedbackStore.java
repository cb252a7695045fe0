package io.sesfeedback.store;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.LeftOut;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.Timestamps;
import java.security.SecureRandom;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes each message to DynamoDB so that every SES feedback event counts exactly once. A message that moves no
 * counter (anything but a bounce or a complaint) is one conditional put per recipient, of an event item keyed by the
 * event's identity, and one of the message item, all at once: no claim, no transaction. For a bounce or complaint, per recipient, a claim on the
 * feedback event (see {@link FeedbackMessage#feedbackIdentity}), the recipient's event item and its counter update
 * go into one transaction; transactions hold at most {@value #MAX_TRANSACTION_ITEMS} items and the message item
 * goes into the last. A claim that exists already belongs either to this SNS message (a redelivery, or a retry after
 * a failure between transactions: the recipient is done) or to another copy of the same event (a duplicate: counted
 * there, so not here). Either way the recipient leaves the transaction, which is tried again without it.
 * Recipients are written in address order, so that every copy of an event claims its first address first: the copy
 * holding that claim holds the event, and every other copy names it in {@code duplicateOf}, whichever copy won the
 * claims of later transactions.
 */
public final class FeedbackStore {

    static final int MAX_TRANSACTION_ITEMS = 100;
    /** Under DynamoDB's 4 MB per transaction, with room for the message item. */
    static final long MAX_TRANSACTION_BYTES = 3_000_000;
    /** Times a transaction that collided with another container's is tried again before the invocation fails. */
    static final int CONFLICT_RETRIES = 5;
    /** Event items written at once, beside the message item on the caller's thread: within the HTTP client's five kept-alive connections. */
    static final int WRITER_THREADS = 4;
    private static final String NOT_WRITTEN_YET = "attribute_not_exists(" + FeedbackTable.PK + ")";

    /**
     * What saving did: {@code firstDelivery} when this call wrote the message item; {@code duplicateOf} names the SNS
     * message that holds this SES event (null when this one does); {@code softBounceSuppressions} counts the
     * recipients this transient bounce suppressed (see {@link SoftBounceRule}).
     */
    public record Saved(boolean firstDelivery, String duplicateOf, int softBounceSuppressions) {
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final StorePolicy policy;
    private final SoftBounceRule softBounces;
    private final Clock clock;
    /** A message's event items are written at once, on threads made when needed and ended when idle. */
    private final ExecutorService writers = writers();

    public FeedbackStore(DynamoDbClient dynamo, String tableName, StorePolicy policy, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.policy = policy;
        this.softBounces = new SoftBounceRule(dynamo, tableName, policy.softBounceLimit());
        this.clock = clock;
    }

    /** One retention for every item, every raw body kept, and the soft-bounce rule off. */
    public FeedbackStore(DynamoDbClient dynamo, String tableName, Duration retention, Clock clock) {
        this(dynamo, tableName, StorePolicy.keepingAll(retention, 0), clock);
    }

    /**
     * Records the message. Throws {@link RecordRefusedException} when DynamoDB refuses the message item as invalid,
     * any other failure as it comes; a retry then finishes what an earlier attempt began.
     */
    public Saved save(FeedbackMessage message) {
        Instant now = clock.instant();
        FeedbackItems items = new FeedbackItems(message, now, now.plus(policy.retention(message.type())),
                policy.keepsBody(message.type()));
        List<Recipient> inAddressOrder = message.recipients().stream().sorted(Comparator.comparing(Recipient::address)).toList();
        return message.changesStatus()
                ? saveInTransactions(message, items, now, inAddressOrder)
                : saveOnePutEach(message, items, now, inAddressOrder);
    }

    private Saved saveInTransactions(FeedbackMessage message, FeedbackItems items, Instant now, List<Recipient> inAddressOrder) {
        Attempt attempt = new Attempt(message, items, inAddressOrder.isEmpty() ? null : inAddressOrder.get(0));
        List<List<Recipient>> chunks = chunks(inAddressOrder, message, attempt.items);
        for (List<Recipient> chunk : chunks.subList(0, chunks.size() - 1)) {
            attempt.write(chunk, false);
        }
        boolean firstDelivery = attempt.write(chunks.get(chunks.size() - 1), true);
        int suppressed = (int) inAddressOrder.stream().filter(recipient -> softBounces.apply(message, recipient, now)).count();
        return new Saved(firstDelivery, attempt.duplicateOf, suppressed);
    }

    /**
     * A message that moves no counter: the event item of each recipient, keyed by the event's identity, and the
     * message item, one conditional put each, all at once. An event item that exists is this message's (a redelivery
     * or a retry) or another copy's (a duplicate); the copy holding the first address's holds the event. A message
     * with duplicates or refused recipients is then written again to name them.
     */
    private Saved saveOnePutEach(FeedbackMessage message, FeedbackItems items, Instant now, List<Recipient> inAddressOrder) {
        List<Future<EventPut>> puts = inAddressOrder.stream()
                .map(recipient -> writers.submit(() -> putEvent(message, items.recipientEvent(recipient), recipient)))
                .toList();
        RuntimeException failure = null;
        boolean firstDelivery = false;
        try {
            firstDelivery = putMessage(items.message(null, 0, List.of()));
        } catch (RuntimeException e) {
            failure = e;
        }
        List<EventPut> events = new ArrayList<>();
        for (Future<EventPut> put : puts) {
            try {
                events.add(result(put));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            if (firstDelivery) {
                takeBack(message, now, failure);
            }
            throw failure;
        }
        String duplicateOf = null;
        int duplicates = 0;
        List<LeftOut> refused = new ArrayList<>();
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
        return new Saved(firstDelivery, duplicateOf, 0);
    }

    /** What one event item's put found: the SNS message that holds the event, or why DynamoDB refused it. */
    private record EventPut(String owner, LeftOut refused) {
    }

    private EventPut putEvent(FeedbackMessage message, Map<String, AttributeValue> event, Recipient recipient) {
        try {
            dynamo.putItem(putItem(event).toBuilder()
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return new EventPut(message.snsMessageId(), null);
        } catch (ConditionalCheckFailedException e) {
            return new EventPut(owner(e.item(), event), null);
        } catch (DynamoDbException e) {
            if (!isValidation(e)) {
                throw e;
            }
            return new EventPut(null, new LeftOut(recipient.address(), "DynamoDB refused its items: " + reason(e)));
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
     * The message item again, naming its duplicates and refused recipients: over a copy that names no duplicates yet,
     * or, for refusals alone, over the one this save wrote.
     */
    private void nameOnMessageItem(Map<String, AttributeValue> item, boolean withDuplicates, Instant now) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName).item(item);
        if (withDuplicates) {
            put.conditionExpression("attribute_not_exists(#duplicates)")
                    .expressionAttributeNames(Map.of("#duplicates", FeedbackTable.DUPLICATE_RECIPIENTS));
        } else {
            put.conditionExpression("#recordedAt = :recordedAt")
                    .expressionAttributeNames(Map.of("#recordedAt", FeedbackTable.RECORDED_AT))
                    .expressionAttributeValues(Map.of(":recordedAt", AttributeValue.fromS(Timestamps.format(now))));
        }
        try {
            dynamo.putItem(put.build());
        } catch (ConditionalCheckFailedException namedAlready) {
            // an earlier attempt named them, or wrote the item
        }
    }

    /**
     * Deletes the message item this failed save wrote, so that Lambda's retry records the message as new rather than
     * as a redelivery; if that fails too, the retry counts it as redelivered, and every item is still written.
     */
    private void takeBack(FeedbackMessage message, Instant now, RuntimeException failure) {
        try {
            dynamo.deleteItem(request -> request.tableName(tableName).key(FeedbackTable.messageKey(message.snsMessageId()))
                    .conditionExpression("#recordedAt = :recordedAt")
                    .expressionAttributeNames(Map.of("#recordedAt", FeedbackTable.RECORDED_AT))
                    .expressionAttributeValues(Map.of(":recordedAt", AttributeValue.fromS(Timestamps.format(now)))));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
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

    /** The SNS message that wrote an existing event item: from the failed put's answer, or read when it gave none. */
    private String owner(Map<String, AttributeValue> existing, Map<String, AttributeValue> event) {
        Map<String, AttributeValue> item = existing != null && existing.containsKey(FeedbackTable.SNS_MESSAGE_ID)
                ? existing
                : dynamo.getItem(request -> request.tableName(tableName).consistentRead(true)
                        .key(Map.of(FeedbackTable.PK, event.get(FeedbackTable.PK), FeedbackTable.SK, event.get(FeedbackTable.SK)))).item();
        return item.get(FeedbackTable.SNS_MESSAGE_ID).s();
    }

    /** Recipients in groups whose writes fit one transaction each; the last group leaves room for the message item. */
    private List<List<Recipient>> chunks(List<Recipient> recipients, FeedbackMessage message, FeedbackItems items) {
        List<List<Recipient>> chunks = new ArrayList<>();
        List<Recipient> current = new ArrayList<>();
        int count = 0;
        long bytes = 0;
        for (Recipient recipient : recipients) {
            int writes = message.statusChangeFor(recipient).isPresent() ? 3 : 2;
            long size = ItemSize.of(items.claim(recipient)) + 2 * ItemSize.of(items.recipientEvent(recipient));
            if (count + writes > MAX_TRANSACTION_ITEMS - 1 || bytes + size > MAX_TRANSACTION_BYTES) {
                chunks.add(current);
                current = new ArrayList<>();
                count = 0;
                bytes = 0;
            }
            current.add(recipient);
            count += writes;
            bytes += size;
        }
        chunks.add(current);
        return chunks;
    }

    /** One save: what it has learnt about the recipients so far. */
    private final class Attempt {
        private final FeedbackMessage message;
        private final FeedbackItems items;
        /** The recipient whose claim decides which copy holds the event. */
        private final Recipient first;
        private final List<LeftOut> refused = new ArrayList<>();
        private String duplicateOf;
        private int duplicates;

        Attempt(FeedbackMessage message, FeedbackItems items, Recipient first) {
            this.message = message;
            this.items = items;
            this.first = first;
        }

        /** Writes the chunk's recipients not yet recorded, and the message item if asked; false when that existed. */
        boolean write(List<Recipient> chunk, boolean withMessage) {
            List<Recipient> pending = new ArrayList<>(chunk);
            int conflicts = 0;
            while (true) {
                List<TransactWriteItem> writes = new ArrayList<>();
                List<Recipient> writers = new ArrayList<>();
                for (Recipient recipient : pending) {
                    add(writes, writers, recipient, claimPut(recipient));
                    add(writes, writers, recipient, TransactWriteItem.builder().put(put(items.recipientEvent(recipient))).build());
                    message.statusChangeFor(recipient).ifPresent(change -> add(writes, writers, recipient,
                            TransactWriteItem.builder().update(items.statusUpdate(recipient, change, tableName)).build()));
                }
                if (withMessage) {
                    add(writes, writers, null, TransactWriteItem.builder()
                            .put(put(items.message(duplicateOf, duplicates, refused))).build());
                }
                if (writes.isEmpty()) {
                    return false;
                }
                try {
                    dynamo.transactWriteItems(request -> request.transactItems(writes));
                    return true;
                } catch (TransactionCanceledException e) {
                    switch (Cancellation.of(e.cancellationReasons(), writes.size())) {
                        case INVALID -> {
                            return writeOneByOne(pending, withMessage, e);
                        }
                        case CONDITIONS -> {
                            boolean settled = settleAll(e.cancellationReasons(), writers, pending);
                            if (withMessage && conditionFailed(e.cancellationReasons().get(writes.size() - 1))) {
                                return false;
                            }
                            if (!settled) {
                                throw e;
                            }
                        }
                        case CONFLICT -> backOff(++conflicts, e);
                        case UNEXPECTED -> throw e;
                    }
                } catch (DynamoDbException e) {
                    if (isValidation(e)) {
                        return writeOneByOne(pending, withMessage, e);
                    }
                    throw e;
                }
            }
        }

        /** Takes each recipient whose claim or event exists out of {@code pending}; false when there was none. */
        private boolean settleAll(List<CancellationReason> reasons, List<Recipient> writers, List<Recipient> pending) {
            boolean settled = false;
            for (int i = 0; i < reasons.size(); i++) {
                Recipient recipient = writers.get(i);
                if (recipient != null && conditionFailed(reasons.get(i)) && pending.remove(recipient)) {
                    settle(recipient, reasons.get(i));
                    settled = true;
                }
            }
            return settled;
        }

        /** DynamoDB refused the transaction as invalid: each recipient alone, so that one bad item cannot hold back the rest. */
        private boolean writeOneByOne(List<Recipient> pending, boolean withMessage, DynamoDbException refusal) {
            if (pending.size() == 1 && !withMessage) {
                refused.add(new LeftOut(pending.get(0).address(), "DynamoDB refused its items: " + reason(refusal)));
                return false;
            }
            if (pending.isEmpty()) {
                throw new RecordRefusedException(reason(refusal), refusal);
            }
            for (Recipient recipient : pending) {
                write(List.of(recipient), false);
            }
            return withMessage && write(List.of(), true);
        }

        /** A recipient whose claim or event exists: recorded by this message before, or a duplicate of another's. */
        private void settle(Recipient recipient, CancellationReason reason) {
            Map<String, AttributeValue> claim = reason.item() != null && reason.item().containsKey(FeedbackTable.SNS_MESSAGE_ID)
                    ? reason.item()
                    : dynamo.getItem(request -> request.tableName(tableName).consistentRead(true)
                            .key(FeedbackTable.claimKey(recipient.address(), message.feedbackIdentity(recipient)))).item();
            AttributeValue owner = claim.get(FeedbackTable.SNS_MESSAGE_ID);
            if (owner != null && !owner.s().equals(message.snsMessageId())) {
                duplicates++;
                if (recipient.equals(first)) {
                    duplicateOf = owner.s();
                }
            }
        }

        /** The claim, returning the existing one when it is there already: it names the message that holds it. */
        private TransactWriteItem claimPut(Recipient recipient) {
            return TransactWriteItem.builder().put(put(items.claim(recipient)).toBuilder()
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .build();
        }

        private static void add(List<TransactWriteItem> writes, List<Recipient> writers, Recipient recipient, TransactWriteItem write) {
            writes.add(write);
            writers.add(recipient);
        }
    }

    private Put put(Map<String, AttributeValue> item) {
        return Put.builder().tableName(tableName).item(item).conditionExpression(NOT_WRITTEN_YET).build();
    }

    private PutItemRequest putItem(Map<String, AttributeValue> item) {
        return PutItemRequest.builder().tableName(tableName).item(item).conditionExpression(NOT_WRITTEN_YET).build();
    }

    /** Why DynamoDB cancelled a transaction, by its reasons (one per item, in the transaction's order). */
    private enum Cancellation {
        /** An item DynamoDB will never take: the recipients are written one by one. */
        INVALID,
        /** A claim or event that exists (a redelivery or a duplicate), or the message item. */
        CONDITIONS,
        /** Another container's transaction on the same items: tried again after a pause. */
        CONFLICT,
        /** Anything else: the invocation fails and Lambda retries it. */
        UNEXPECTED;

        static Cancellation of(List<CancellationReason> reasons, int items) {
            if (reasons.size() != items) {
                return UNEXPECTED;
            }
            if (reasons.stream().anyMatch(reason -> "ValidationError".equals(reason.code()))) {
                return INVALID;
            }
            if (reasons.stream().anyMatch(FeedbackStore::conditionFailed)) {
                return CONDITIONS;
            }
            return reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code())) ? CONFLICT : UNEXPECTED;
        }
    }

    /** After a conflict: a pause, or the failure once the retries are spent. */
    private static void backOff(int conflicts, TransactionCanceledException conflict) {
        if (conflicts > CONFLICT_RETRIES) {
            throw conflict;
        }
        pause(conflicts);
    }

    private static boolean conditionFailed(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private static boolean isValidation(DynamoDbException e) {
        return e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }

    private static String reason(DynamoDbException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    private static ExecutorService writers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITER_THREADS, WRITER_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "feedback-store");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Backs off a little longer each time, with jitter, so that two containers stop colliding. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Jitter.RANDOM.nextLong(10L << attempt, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a conflicting transaction", e);
        }
    }

    /**
     * Made on the first conflict, not at cold start. Restored SnapStart containers would share a seeded generator's
     * sequence; SecureRandom reseeds from the system.
     */
    private static final class Jitter {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
