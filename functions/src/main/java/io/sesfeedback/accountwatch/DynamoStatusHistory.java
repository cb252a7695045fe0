package io.sesfeedback.accountwatch;

import io.sesfeedback.support.FailedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The account's changes in the feedback table, two kinds of item under one partition per region:
 *
 * <pre>
 * latest change   pk = ACCOUNT#{region}   sk = LATEST                 the state to compare the next check with
 * change          pk = ACCOUNT#{region}   sk = STATUS#{checkedAt}     one per change, with the message published
 * tenant          pk = ACCOUNT#{region}   sk = TENANT#{tenantArn}     one per tenant, its state as last published
 * </pre>
 *
 * A tenant's item is written (BatchWriteItem) after the change naming it is stored and before it is
 * published, and deleted with the tenant; a check reads them all (a Query of the partition) to
 * compare. One item per tenant (some 2 KB at most, causes cut to 512 characters) keeps every item
 * within DynamoDB's 400 KB however many tenants there are.
 *
 * <p>Both are written in one transaction, the latest change on condition that it is still the one
 * this check read ({@code changedAt}, or no item at all) and published, so that a change is stored
 * once. The latest change carries {@code publishHeldUntil} until its message is published: the
 * check that stored it, or a later one that takes it over once that time has passed, publishes it
 * and then writes the latest change again without it. Neither item carries {@code eventKey} or
 * {@code suppressionList}, so neither appears in the table's indexes; neither expires.
 *
 * <p>DynamoDB: "The maximum item size in DynamoDB is 400 KB" (Developer Guide, Quotas, Items). The
 * latest change keeps {@value AccountState#STORED_IN_FULL} recommendations in full (at most some
 * 8.5 KB each, {@link Recommendation}'s texts being cut) and a 16-character digest of every open
 * one (1,000 at most: {@link SesAccountSource#MAX_PAGES}); a change keeps the message (at most
 * {@link AccountStatusMessage#BODY_BYTES}) and the changes and recommendations it lists, which its
 * body holds too.
 */
final class DynamoStatusHistory implements AccountWatch.StatusHistory {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ACCOUNT_PREFIX = "ACCOUNT#";
    static final String LATEST_SORT_KEY = "LATEST";
    static final String STATUS_PREFIX = "STATUS#";
    static final String CHANGED_AT = "changedAt";
    static final String PUBLISH_HELD_UNTIL = "publishHeldUntil";

    /** Beside publishHeldUntil: the change is on the topic, only the event bus lacks it. */
    static final String PUBLISHED_TO_TOPIC = "publishedToTopic";

    static final String RECOMMENDATION_DIGESTS = "recommendationDigests";

    /** A tenant's item: one per tenant, so that no item grows with their number. */
    static final String TENANT_PREFIX = "TENANT#";

    static final String TENANT_ARN = "tenantArn";

    private static final int BATCH_WRITES = 25;
    private static final int BATCH_ATTEMPTS = 5;

    /** SES's account-level suppression reasons, an empty list when off; absent on older items. */
    static final String SUPPRESSED_REASONS = "suppressedReasons";

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
        Map<String, AttributeValue> item =
                FailedCall.call(
                                "dynamodb:GetItem",
                                table,
                                () ->
                                        dynamo.getItem(
                                                request ->
                                                        request.tableName(table)
                                                                .key(key(LATEST_SORT_KEY))
                                                                .consistentRead(true)))
                        .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue heldUntil = item.get(PUBLISH_HELD_UNTIL);
        AttributeValue onTopic = item.get(PUBLISHED_TO_TOPIC);
        return Optional.of(
                new AccountWatch.Latest(
                        state(item),
                        Instant.parse(item.get(CHANGED_AT).s()),
                        heldUntil == null ? null : Instant.parse(heldUntil.s()),
                        heldUntil != null
                                && onTopic != null
                                && Boolean.TRUE.equals(onTopic.bool())));
    }

    @Override
    public boolean record(
            AccountCheck check,
            AccountWatch.Latest previous,
            List<Change> changes,
            AccountStatusMessage message,
            Instant heldUntil) {
        Put.Builder latestPut =
                Put.builder()
                        .tableName(table)
                        .item(
                                latestItem(
                                        new AccountWatch.Latest(
                                                check.state(), check.checkedAt(), heldUntil)));
        if (previous == null) {
            latestPut.conditionExpression("attribute_not_exists(" + PK + ")");
        } else {
            latestPut
                    .conditionExpression(
                            CHANGED_AT
                                    + " = :changedAt AND attribute_not_exists("
                                    + PUBLISH_HELD_UNTIL
                                    + ")")
                    .expressionAttributeValues(
                            Map.of(":changedAt", s(AccountCheck.format(previous.changedAt()))));
        }
        Map<String, AttributeValue> change =
                attributes(check.state(), STATUS_PREFIX + check.checkedAtText(), message.listed());
        change.put(
                "openRecommendations",
                AttributeValue.fromN(Integer.toString(check.state().openRecommendations().size())));
        change.put("checkedAt", s(check.checkedAtText()));
        change.put("sentLast24Hours", n(check.sentLast24Hours()));
        change.put(
                "changes",
                AttributeValue.fromL(
                        message.listedOf(changes).stream().map(c -> s(c.describe())).toList()));
        if (changes.size() > message.listed()) {
            change.put(
                    "changesNotListed",
                    AttributeValue.fromN(Integer.toString(changes.size() - message.listed())));
        }
        if (previous != null) {
            change.put("previousEnforcementStatus", s(previous.state().enforcementStatus()));
        }
        change.put("subject", s(message.subject()));
        change.put("message", s(message.body()));
        Put changePut =
                Put.builder()
                        .tableName(table)
                        .item(change)
                        .conditionExpression("attribute_not_exists(" + PK + ")")
                        .build();
        try {
            FailedCall.call(
                    "dynamodb:PutItem",
                    table,
                    () ->
                            dynamo.transactWriteItems(
                                    request ->
                                            request.transactItems(
                                                    TransactWriteItem.builder()
                                                            .put(latestPut.build())
                                                            .build(),
                                                    TransactWriteItem.builder()
                                                            .put(changePut)
                                                            .build())));
            return true;
        } catch (FailedCall e) {
            if (e.error() instanceof TransactionCanceledException cancelled
                    && cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream()
                            .map(CancellationReason::code)
                            .anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, TenantState> tenants() {
        Map<String, TenantState> tenants = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page =
                    FailedCall.call(
                            "dynamodb:Query",
                            table,
                            () ->
                                    dynamo.query(
                                            request ->
                                                    request.tableName(table)
                                                            .keyConditionExpression(
                                                                    PK
                                                                            + " = :pk AND begins_with("
                                                                            + SK
                                                                            + ", :tenant)")
                                                            .expressionAttributeValues(
                                                                    Map.of(
                                                                            ":pk",
                                                                            s(partition),
                                                                            ":tenant",
                                                                            s(TENANT_PREFIX)))
                                                            .consistentRead(true)
                                                            .exclusiveStartKey(from)));
            page.items().forEach(item -> tenants.put(item.get(TENANT_ARN).s(), tenant(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && !start.isEmpty());
        return tenants;
    }

    /**
     * BatchWriteItem, 25 requests a call ("up to 25 item put or delete operations",
     * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html),
     * sending again what DynamoDB left unprocessed, with a growing pause, a few times.
     */
    @Override
    public void storeTenants(TenantChanges changes) {
        List<WriteRequest> writes = new ArrayList<>();
        changes.toStore()
                .forEach(
                        t ->
                                writes.add(
                                        WriteRequest.builder()
                                                .putRequest(p -> p.item(tenantItem(t)))
                                                .build()));
        changes.deletedArns()
                .forEach(
                        arn ->
                                writes.add(
                                        WriteRequest.builder()
                                                .deleteRequest(d -> d.key(key(TENANT_PREFIX + arn)))
                                                .build()));
        for (int from = 0; from < writes.size(); from += BATCH_WRITES) {
            List<WriteRequest> batch =
                    writes.subList(from, Math.min(writes.size(), from + BATCH_WRITES));
            for (int attempt = 0; !batch.isEmpty(); attempt++) {
                if (attempt == BATCH_ATTEMPTS) {
                    throw new IllegalStateException(
                            batch.size()
                                    + " tenant items left unprocessed by DynamoDB in "
                                    + table);
                }
                pause(attempt);
                List<WriteRequest> sent = batch;
                BatchWriteItemResponse response =
                        FailedCall.call(
                                "dynamodb:BatchWriteItem",
                                table,
                                () ->
                                        dynamo.batchWriteItem(
                                                r -> r.requestItems(Map.of(table, sent))));
                batch = response.unprocessedItems().getOrDefault(table, List.of());
            }
        }
    }

    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing tenant items", e);
        }
    }

    private Map<String, AttributeValue> tenantItem(TenantState tenant) {
        Map<String, AttributeValue> item = new HashMap<>(key(TENANT_PREFIX + tenant.arn()));
        item.put("tenantName", s(tenant.name()));
        item.put(TENANT_ARN, s(tenant.arn()));
        item.put("sendingStatus", s(tenant.sendingStatus()));
        item.put("customerStatus", s(tenant.customerStatus()));
        item.put("sesStatus", s(tenant.sesStatus()));
        item.put("policy", s(tenant.policy()));
        item.put("openFindings", AttributeValue.fromN(Integer.toString(tenant.openFindings())));
        if (tenant.customerCause() != null) {
            item.put("customerCause", s(tenant.customerCause()));
        }
        if (tenant.sesCause() != null) {
            item.put("sesCause", s(tenant.sesCause()));
        }
        if (tenant.highestImpact() != null) {
            item.put("highestImpact", s(tenant.highestImpact()));
        }
        return item;
    }

    private static TenantState tenant(Map<String, AttributeValue> item) {
        return new TenantState(
                item.get("tenantName").s(),
                item.get(TENANT_ARN).s(),
                item.get("sendingStatus").s(),
                item.get("customerStatus").s(),
                text(item, "customerCause"),
                item.get("sesStatus").s(),
                text(item, "sesCause"),
                item.get("policy").s(),
                Integer.parseInt(item.get("openFindings").n()),
                text(item, "highestImpact"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    @Override
    public boolean hold(AccountWatch.Latest latest, Instant heldUntil) {
        return putLatest(latest.heldUntil(heldUntil), latest);
    }

    @Override
    public Optional<AccountStatusMessage> message(AccountWatch.Latest latest) {
        Map<String, AttributeValue> item =
                FailedCall.call(
                                "dynamodb:GetItem",
                                table,
                                () ->
                                        dynamo.getItem(
                                                request ->
                                                        request.tableName(table)
                                                                .key(
                                                                        key(
                                                                                STATUS_PREFIX
                                                                                        + AccountCheck
                                                                                                .format(
                                                                                                        latest
                                                                                                                .changedAt())))
                                                                .consistentRead(true)))
                        .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                AccountStatusMessage.stored(item.get("subject").s(), item.get("message").s()));
    }

    @Override
    public void published(AccountWatch.Latest held) {
        putLatest(held.heldUntil(null), held);
    }

    @Override
    public void publishedToTopic(AccountWatch.Latest held) {
        putLatest(
                new AccountWatch.Latest(
                        held.state(), held.changedAt(), held.publishHeldUntil(), true),
                held);
    }

    /**
     * Writes the latest change as {@code latest} if it is still {@code expected} (same change, same
     * holder); else false.
     */
    private boolean putLatest(AccountWatch.Latest latest, AccountWatch.Latest expected) {
        try {
            FailedCall.call(
                    "dynamodb:PutItem",
                    table,
                    () ->
                            dynamo.putItem(
                                    request ->
                                            request.tableName(table)
                                                    .item(latestItem(latest))
                                                    .conditionExpression(
                                                            CHANGED_AT
                                                                    + " = :changedAt AND "
                                                                    + PUBLISH_HELD_UNTIL
                                                                    + " = :heldUntil")
                                                    .expressionAttributeValues(
                                                            Map.of(
                                                                    ":changedAt",
                                                                    s(
                                                                            AccountCheck.format(
                                                                                    expected
                                                                                            .changedAt())),
                                                                    ":heldUntil",
                                                                    s(
                                                                            AccountCheck.format(
                                                                                    expected
                                                                                            .publishHeldUntil()))))));
            return true;
        } catch (FailedCall e) {
            if (e.error() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    private Map<String, AttributeValue> latestItem(AccountWatch.Latest latest) {
        Map<String, AttributeValue> item =
                attributes(latest.state(), LATEST_SORT_KEY, AccountState.STORED_IN_FULL);
        item.put(
                RECOMMENDATION_DIGESTS,
                AttributeValue.fromL(
                        latest.state().openRecommendations().stream()
                                .map(DynamoStatusHistory::s)
                                .toList()));
        item.put(CHANGED_AT, s(AccountCheck.format(latest.changedAt())));
        if (latest.unpublished()) {
            item.put(PUBLISH_HELD_UNTIL, s(AccountCheck.format(latest.publishHeldUntil())));
            if (latest.publishedToTopic()) {
                item.put(PUBLISHED_TO_TOPIC, AttributeValue.fromBool(true));
            }
        }
        return item;
    }

    private Map<String, AttributeValue> key(String sortKey) {
        return Map.of(PK, s(partition), SK, s(sortKey));
    }

    private Map<String, AttributeValue> attributes(
            AccountState state, String sortKey, int recommendationsInFull) {
        Map<String, AttributeValue> item = new HashMap<>(key(sortKey));
        item.put("enforcementStatus", s(state.enforcementStatus()));
        item.put("sendingEnabled", AttributeValue.fromBool(state.sendingEnabled()));
        item.put(
                "productionAccessEnabled",
                AttributeValue.fromBool(state.productionAccessEnabled()));
        item.put("max24HourSend", n(state.max24HourSend()));
        item.put("maxSendRate", n(state.maxSendRate()));
        item.put("vdmEnabled", AttributeValue.fromBool(state.vdmEnabled()));
        if (state.accountSuppression() != null) {
            item.put(
                    SUPPRESSED_REASONS,
                    AttributeValue.fromL(
                            state.accountSuppression().reasons().stream()
                                    .map(DynamoStatusHistory::s)
                                    .toList()));
        }
        item.put(
                "recommendations",
                AttributeValue.fromL(
                        state.mostSevere(recommendationsInFull).stream()
                                .map(
                                        r ->
                                                AttributeValue.fromM(
                                                        Map.of(
                                                                "type",
                                                                s(r.type()),
                                                                "resourceArn",
                                                                s(r.resourceArn()),
                                                                "impact",
                                                                s(r.impact()),
                                                                "description",
                                                                s(r.description()))))
                                .toList()));
        return item;
    }

    /**
     * An item written before the digests has every recommendation in full: the state derives them.
     */
    private static AccountState state(Map<String, AttributeValue> item) {
        List<Recommendation> recommendations =
                item.get("recommendations").l().stream()
                        .map(AttributeValue::m)
                        .map(
                                r ->
                                        new Recommendation(
                                                r.get("type").s(),
                                                r.get("resourceArn").s(),
                                                r.get("impact").s(),
                                                r.get("description").s()))
                        .toList();
        AttributeValue digests = item.get(RECOMMENDATION_DIGESTS);
        AttributeValue suppressedReasons = item.get(SUPPRESSED_REASONS);
        return new AccountState(
                item.get("enforcementStatus").s(),
                item.get("sendingEnabled").bool(),
                item.get("productionAccessEnabled").bool(),
                Double.parseDouble(item.get("max24HourSend").n()),
                Double.parseDouble(item.get("maxSendRate").n()),
                item.get("vdmEnabled").bool(),
                suppressedReasons == null
                        ? null
                        : AccountSuppression.of(
                                suppressedReasons.l().stream().map(AttributeValue::s).toList()),
                recommendations,
                digests == null
                        ? Set.of()
                        : Set.copyOf(digests.l().stream().map(AttributeValue::s).toList()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(double value) {
        return AttributeValue.fromN(AccountState.number(value));
    }
}
