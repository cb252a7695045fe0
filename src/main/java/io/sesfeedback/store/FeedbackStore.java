package io.sesfeedback.store;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes each message to DynamoDB exactly once. Every item is put only if it does not exist yet, together with the
 * counter updates it causes, in transactions of at most {@value #MAX_TRANSACTION_ITEMS} items; the message item goes
 * into the last one. A redelivered message therefore fails every condition and changes nothing.
 */
public final class FeedbackStore {

    static final int MAX_TRANSACTION_ITEMS = 100;
    private static final String NOT_WRITTEN_YET = "attribute_not_exists(" + FeedbackTable.PK + ")";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration retention;
    private final Clock clock;

    public FeedbackStore(DynamoDbClient dynamo, String tableName, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Records the message; false when the same SNS message was recorded before, in which case nothing changed.
     * Throws {@link RecordRefusedException} when DynamoDB finds the items invalid, any other failure as it comes.
     */
    public boolean save(FeedbackMessage message) {
        Instant now = clock.instant();
        FeedbackItems items = new FeedbackItems(message, now, now.plus(retention));
        List<List<TransactWriteItem>> transactions = new ArrayList<>();
        List<TransactWriteItem> current = new ArrayList<>();
        for (Recipient recipient : message.recipients()) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(put(items.recipientEvent(recipient))).build());
            message.statusChangeFor(recipient).ifPresent(change -> writes.add(
                    TransactWriteItem.builder().update(items.statusUpdate(recipient, change, tableName)).build()));
            if (current.size() + writes.size() > MAX_TRANSACTION_ITEMS) {
                transactions.add(current);
                current = new ArrayList<>();
            }
            current.addAll(writes);
        }
        if (current.size() == MAX_TRANSACTION_ITEMS) {
            transactions.add(current);
            current = new ArrayList<>();
        }
        current.add(TransactWriteItem.builder().put(put(items.message())).build());
        transactions.add(current);

        boolean firstTime = true;
        for (List<TransactWriteItem> transaction : transactions) {
            firstTime = write(transaction);
        }
        return firstTime;
    }

    /** Whether the message's log line was written; a redelivery writes it only if it was not. */
    public boolean wasLogged(String snsMessageId) {
        return dynamo.getItem(request -> request.tableName(tableName)
                        .key(FeedbackTable.messageKey(snsMessageId))
                        .projectionExpression(FeedbackTable.LOGGED_AT)
                        .consistentRead(true))
                .item().containsKey(FeedbackTable.LOGGED_AT);
    }

    public void markLogged(String snsMessageId) {
        dynamo.updateItem(request -> request.tableName(tableName)
                .key(FeedbackTable.messageKey(snsMessageId))
                .updateExpression("SET #loggedAt = :now")
                .expressionAttributeNames(Map.of("#loggedAt", FeedbackTable.LOGGED_AT))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(clock.instant())))));
    }

    /** False when the transaction was written before: all it found were its own items. */
    private boolean write(List<TransactWriteItem> transaction) {
        try {
            dynamo.transactWriteItems(request -> request.transactItems(transaction));
            return true;
        } catch (TransactionCanceledException e) {
            if (writtenBefore(e.cancellationReasons())) {
                return false;
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "ValidationError".equals(r.code()))) {
                throw new RecordRefusedException(e.getMessage(), e);
            }
            throw e;
        } catch (DynamoDbException e) {
            if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw new RecordRefusedException(e.awsErrorDetails().errorMessage(), e);
            }
            throw e;
        }
    }

    private static boolean writtenBefore(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))
                && reasons.stream().allMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "None".equals(r.code()));
    }

    private Put put(Map<String, AttributeValue> item) {
        return Put.builder().tableName(tableName).item(item).conditionExpression(NOT_WRITTEN_YET).build();
    }
}
