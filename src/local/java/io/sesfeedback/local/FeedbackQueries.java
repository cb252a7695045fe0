package io.sesfeedback.local;

import static io.sesfeedback.store.FeedbackTable.BY_MAIL_INDEX;
import static io.sesfeedback.store.FeedbackTable.BY_TYPE_INDEX;
import static io.sesfeedback.store.FeedbackTable.EVENT_KEY;
import static io.sesfeedback.store.FeedbackTable.EVENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SK;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.store.FeedbackTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The four questions the table answers, each with one Query or GetItem; the README shows the same with the AWS CLI. */
public final class FeedbackQueries {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public FeedbackQueries(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /** (a) Everything recorded for one address, newest first. */
    public List<Map<String, AttributeValue>> history(String address) {
        return query(QueryRequest.builder()
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :events)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(RECIPIENT_PREFIX + address),
                        ":events", AttributeValue.fromS(EVENT_PREFIX)))
                .scanIndexForward(false));
    }

    /** (b) The messages of one type that occurred in [from, to], oldest first. */
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

    /** (c) The messages about one SES mail.messageId (send, delivery, bounce, open, ...), oldest first. */
    public List<Map<String, AttributeValue>> messagesForMail(String sesMessageId) {
        return query(QueryRequest.builder()
                .indexName(BY_MAIL_INDEX)
                .keyConditionExpression("#mail = :mail")
                .expressionAttributeNames(Map.of("#mail", SES_MESSAGE_ID))
                .expressionAttributeValues(Map.of(":mail", AttributeValue.fromS(sesMessageId))));
    }

    /** (d) Whether an address is suppressed, why and since when, and its bounce and complaint counts. */
    public Optional<Map<String, AttributeValue>> status(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName).key(FeedbackTable.statusKey(address))).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every suppressed address's status, oldest suppression first: the Suppressed index, one Query. */
    public java.util.stream.Stream<Map<String, AttributeValue>> suppressed(Instant since) {
        return dynamo.queryPaginator(QueryRequest.builder()
                .tableName(tableName)
                .indexName(FeedbackTable.SUPPRESSED_INDEX)
                .keyConditionExpression("#list = :list AND #at >= :since")
                .expressionAttributeNames(Map.of("#list", FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE, "#at", FeedbackTable.SUPPRESSED_AT))
                .expressionAttributeValues(Map.of(
                        ":list", AttributeValue.fromS(FeedbackTable.SUPPRESSION_LIST),
                        ":since", AttributeValue.fromS(Timestamps.format(since))))
                .build()).items().stream();
    }

    /** The message item of one SNS message. */
    public Optional<Map<String, AttributeValue>> message(String snsMessageId) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName).key(FeedbackTable.messageKey(snsMessageId))).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The SNS message that recorded one feedback event for one address first, if any did. */
    public Optional<String> claimOwner(String address, String feedbackIdentity) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(tableName).key(FeedbackTable.claimKey(address, feedbackIdentity))).item();
        return Optional.ofNullable(item.get(FeedbackTable.SNS_MESSAGE_ID)).map(AttributeValue::s);
    }

    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
        return dynamo.queryPaginator(request.tableName(tableName).build()).items().stream().toList();
    }
}
