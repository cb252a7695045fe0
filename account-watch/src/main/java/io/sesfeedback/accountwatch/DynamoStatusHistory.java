package io.sesfeedback.accountwatch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The account's changes in the feedback table, two kinds of item under one partition per region:
 * <pre>
 * latest change   pk = ACCOUNT#{region}   sk = LATEST                 the state to compare the next check with
 * change          pk = ACCOUNT#{region}   sk = STATUS#{checkedAt}     one per change, with the message published
 * </pre>
 * Both are written in one transaction, the latest change on condition that it is still the one this check read
 * ({@code changedAt}, or no item at all), so that a change is stored and published once. Neither item carries
 * {@code eventKey} or {@code suppressionList}, so neither appears in the table's indexes; neither expires.
 */
final class DynamoStatusHistory implements AccountWatch.StatusHistory {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ACCOUNT_PREFIX = "ACCOUNT#";
    static final String LATEST_SORT_KEY = "LATEST";
    static final String STATUS_PREFIX = "STATUS#";
    static final String CHANGED_AT = "changedAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String partition;

    DynamoStatusHistory(DynamoDbClient dynamo, String table, String region) {
        this.dynamo = dynamo;
        this.table = table;
        this.partition = ACCOUNT_PREFIX + region;
    }

    @Override
    public Optional<AccountWatch.Latest> latest() {
        Map<String, AttributeValue> item = FailedCall.of("dynamodb:GetItem", () -> dynamo.getItem(request -> request
                .tableName(table).key(key(LATEST_SORT_KEY)).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AccountWatch.Latest(state(item), Instant.parse(item.get(CHANGED_AT).s())));
    }

    @Override
    public boolean record(AccountCheck check, AccountWatch.Latest previous, List<Change> changes, AccountStatusMessage message) {
        Map<String, AttributeValue> latest = attributes(check.state(), LATEST_SORT_KEY);
        latest.put(CHANGED_AT, s(check.checkedAtText()));
        Put.Builder latestPut = Put.builder().tableName(table).item(latest);
        if (previous == null) {
            latestPut.conditionExpression("attribute_not_exists(" + PK + ")");
        } else {
            latestPut.conditionExpression(CHANGED_AT + " = :changedAt")
                    .expressionAttributeValues(Map.of(":changedAt", s(AccountCheck.format(previous.changedAt()))));
        }
        Map<String, AttributeValue> change = attributes(check.state(), STATUS_PREFIX + check.checkedAtText());
        change.put("checkedAt", s(check.checkedAtText()));
        change.put("sentLast24Hours", n(check.sentLast24Hours()));
        change.put("changes", AttributeValue.fromL(changes.stream().map(c -> s(c.describe())).toList()));
        if (previous != null) {
            change.put("previousEnforcementStatus", s(previous.state().enforcementStatus()));
        }
        change.put("subject", s(message.subject()));
        change.put("message", s(message.body()));
        Put changePut = Put.builder().tableName(table).item(change).conditionExpression("attribute_not_exists(" + PK + ")").build();
        try {
            FailedCall.of("dynamodb:PutItem", () -> dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder().put(latestPut.build()).build(), TransactWriteItem.builder().put(changePut).build())));
            return true;
        } catch (FailedCall e) {
            if (e.error() instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    private Map<String, AttributeValue> key(String sortKey) {
        return Map.of(PK, s(partition), SK, s(sortKey));
    }

    private Map<String, AttributeValue> attributes(AccountState state, String sortKey) {
        Map<String, AttributeValue> item = new HashMap<>(key(sortKey));
        item.put("enforcementStatus", s(state.enforcementStatus()));
        item.put("sendingEnabled", AttributeValue.fromBool(state.sendingEnabled()));
        item.put("productionAccessEnabled", AttributeValue.fromBool(state.productionAccessEnabled()));
        item.put("max24HourSend", n(state.max24HourSend()));
        item.put("maxSendRate", n(state.maxSendRate()));
        item.put("vdmEnabled", AttributeValue.fromBool(state.vdmEnabled()));
        item.put("recommendations", AttributeValue.fromL(state.recommendations().stream()
                .map(r -> AttributeValue.fromM(Map.of("type", s(r.type()), "resourceArn", s(r.resourceArn()),
                        "impact", s(r.impact()), "description", s(r.description()))))
                .toList()));
        return item;
    }

    private static AccountState state(Map<String, AttributeValue> item) {
        List<Recommendation> recommendations = item.get("recommendations").l().stream().map(AttributeValue::m)
                .map(r -> new Recommendation(r.get("type").s(), r.get("resourceArn").s(), r.get("impact").s(), r.get("description").s()))
                .toList();
        return new AccountState(item.get("enforcementStatus").s(), item.get("sendingEnabled").bool(),
                item.get("productionAccessEnabled").bool(), Double.parseDouble(item.get("max24HourSend").n()),
                Double.parseDouble(item.get("maxSendRate").n()), item.get("vdmEnabled").bool(), recommendations);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(double value) {
        return AttributeValue.fromN(AccountState.number(value));
    }
}
