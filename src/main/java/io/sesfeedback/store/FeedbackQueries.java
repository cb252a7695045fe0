package io.sesfeedback.store;

import static io.sesfeedback.store.FeedbackTable.BY_MAIL_INDEX;
import static io.sesfeedback.store.FeedbackTable.BY_TYPE_INDEX;
import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EVENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_INDEX;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE;
import static io.sesfeedback.store.FeedbackTable.claimKey;
import static io.sesfeedback.store.FeedbackTable.messageKey;
import static io.sesfeedback.store.FeedbackTable.statusKey;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The table's read API: what the operator command and the local tools ask of it, each one Query or GetItem. */
public final class FeedbackQueries {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public FeedbackQueries(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /** Everything recorded for one address, newest first. */
    public List<Map<String, AttributeValue>> history(String address) {
        return query(historyQuery(address));
    }

    /** The address's events, newest first, read a page of {@code pageSize} at a time as they are iterated, consistently. */
    Iterable<Map<String, AttributeValue>> newestEvents(String address, int pageSize) {
        return dynamo.queryPaginator(historyQuery(address).tableName(tableName).consistentRead(true).limit(pageSize).build())
                .items();
    }

    private static QueryRequest.Builder historyQuery(String address) {
        return QueryRequest.builder()
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :events)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(RECIPIENT_PREFIX + address),
                        ":events", AttributeValue.fromS(EVENT_PREFIX)))
                .scanIndexForward(false);
    }

    /** The messages of one type that occurred in [from, to], oldest first. */
    public List<Map<String, AttributeValue>> messagesOfType(MessageType type, Instant from, Instant to) {
        return query(QueryRequest.builder()
                .indexName(BY_TYPE_INDEX)
                .keyConditionExpression("#type = :type AND #eventKey BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#type", MESSAGE_TYPE, "#eventKey", EVENT_KEY))
                .expressionAttributeValues(Map.of(
                        ":type", AttributeValue.fromS(type.label()),
                        ":from", AttributeValue.fromS(Timestamps.format(from)),
                        // '~' sorts after the '#' that follows the time, so messages at exactly 'to' are included
                        ":to", AttributeValue.fromS(Timestamps.format(to) + "~"))));
    }

    /** The messages about one SES mail.messageId (send, delivery, bounce, open, ...), oldest first. */
    public List<Map<String, AttributeValue>> messagesForMail(String sesMessageId) {
        return query(QueryRequest.builder()
                .indexName(BY_MAIL_INDEX)
                .keyConditionExpression("#mail = :mail")
                .expressionAttributeNames(Map.of("#mail", SES_MESSAGE_ID))
                .expressionAttributeValues(Map.of(":mail", AttributeValue.fromS(sesMessageId))));
    }

    /** Whether an address is suppressed, why and since when, and its bounce and complaint counts. */
    public Optional<Map<String, AttributeValue>> status(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName).key(statusKey(address))).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every suppressed address's status, oldest suppression first: the Suppressed index, one Query. */
    public Stream<Map<String, AttributeValue>> suppressed(Instant since) {
        return dynamo.queryPaginator(QueryRequest.builder()
                .tableName(tableName)
                .indexName(SUPPRESSED_INDEX)
                .keyConditionExpression("#list = :list AND #at >= :since")
                .expressionAttributeNames(Map.of("#list", SUPPRESSION_LIST_ATTRIBUTE, "#at", SUPPRESSED_AT))
                .expressionAttributeValues(Map.of(
                        ":list", AttributeValue.fromS(SUPPRESSION_LIST),
                        ":since", AttributeValue.fromS(Timestamps.format(since))))
                .build()).items().stream();
    }

    /** The message item of one SNS message. */
    public Optional<Map<String, AttributeValue>> message(String snsMessageId) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName).key(messageKey(snsMessageId))).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The SNS message that recorded one feedback event for one address first, if any did. */
    public Optional<String> claimOwner(String address, String feedbackIdentity) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName).key(claimKey(address, feedbackIdentity))).item();
        return Optional.ofNullable(item.get(SNS_MESSAGE_ID)).map(AttributeValue::s);
    }

    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
        return dynamo.queryPaginator(request.tableName(tableName).build()).items().stream().toList();
    }
}
