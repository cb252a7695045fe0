package io.sesfeedback.testing.iam;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every AWS API call an SDK client makes, as IAM authorises it: the action and the resource's ARN.
 * A transaction is authorised item by item (a Put needs dynamodb:PutItem on its table). A call this
 * does not know fails the test: add it here, with the IAM documentation's action and resource.
 */
public final class ApiCalls implements ExecutionInterceptor {

    /** One authorisation: {@code dynamodb:PutItem} on {@code arn:aws:dynamodb:...:table/name}. */
    public record Call(String action, String resource) {}

    private final String region;
    private final String account;
    private final List<Call> calls = new ArrayList<>();

    public ApiCalls(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void beforeExecution(
            Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest get) {
            calls.add(new Call("dynamodb:GetItem", table(get.tableName())));
        } else if (request instanceof PutItemRequest put) {
            calls.add(new Call("dynamodb:PutItem", table(put.tableName())));
        } else if (request instanceof DeleteItemRequest delete) {
            calls.add(new Call("dynamodb:DeleteItem", table(delete.tableName())));
        } else if (request instanceof UpdateItemRequest update) {
            calls.add(new Call("dynamodb:UpdateItem", table(update.tableName())));
        } else if (request instanceof QueryRequest query) {
            // a Query of an index is authorised on the index's ARN, not the table's
            calls.add(
                    new Call(
                            "dynamodb:Query",
                            query.indexName() == null
                                    ? table(query.tableName())
                                    : table(query.tableName()) + "/index/" + query.indexName()));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(item -> calls.add(transactItem(item)));
        } else if (request instanceof PutLogEventsRequest put) {
            calls.add(
                    new Call(
                            "logs:PutLogEvents",
                            logStream(put.logGroupName(), put.logStreamName())));
        } else if (request instanceof CreateLogStreamRequest create) {
            calls.add(
                    new Call(
                            "logs:CreateLogStream",
                            logStream(create.logGroupName(), create.logStreamName())));
        } else {
            throw new IllegalStateException(
                    "ApiCalls does not know how IAM authorises "
                            + request.getClass().getSimpleName());
        }
    }

    private Call transactItem(TransactWriteItem item) {
        if (item.put() != null) {
            return new Call("dynamodb:PutItem", table(item.put().tableName()));
        }
        if (item.update() != null) {
            return new Call("dynamodb:UpdateItem", table(item.update().tableName()));
        }
        if (item.delete() != null) {
            return new Call("dynamodb:DeleteItem", table(item.delete().tableName()));
        }
        return new Call("dynamodb:ConditionCheckItem", table(item.conditionCheck().tableName()));
    }

    private String table(String name) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    private String logStream(String group, String stream) {
        return "arn:aws:logs:"
                + region
                + ":"
                + account
                + ":log-group:"
                + group
                + ":log-stream:"
                + stream;
    }
}
