package io.sesfeedback.accountwatch;

import io.sesfeedback.support.ApiCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sesv2.model.GetAccountRequest;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Every AWS call the watcher's clients make, as IAM authorises it: SES's account reads on "*" (they have no resource
 * type), a publish on its topic, and the table's calls as the recorder's {@link ApiCalls} authorises them.
 */
final class WatchCalls implements ExecutionInterceptor {

    private final ApiCalls table = new ApiCalls(SesV2StandIn.REGION, MotoStack.ACCOUNT);
    private final List<ApiCalls.Call> calls = new ArrayList<>();
    private final Set<String> partitions = new TreeSet<>();

    synchronized List<ApiCalls.Call> calls() {
        List<ApiCalls.Call> all = new ArrayList<>(calls);
        all.addAll(table.calls());
        return all;
    }

    /** Every partition key the table's calls named: dynamodb:LeadingKeys in the role allows one. */
    synchronized Set<String> partitions() {
        return Set.copyOf(partitions);
    }

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetAccountRequest) {
            calls.add(new ApiCalls.Call("ses:GetAccount", "*"));
        } else if (context.request() instanceof ListRecommendationsRequest) {
            calls.add(new ApiCalls.Call("ses:ListRecommendations", "*"));
        } else if (context.request() instanceof PublishRequest publish) {
            calls.add(new ApiCalls.Call("sns:Publish", publish.topicArn()));
        } else {
            table.beforeExecution(context, attributes);
            if (context.request() instanceof GetItemRequest get) {
                partitions.add(get.key().get(DynamoStatusHistory.PK).s());
            } else if (context.request() instanceof PutItemRequest put) {
                partitions.add(put.item().get(DynamoStatusHistory.PK).s());
            } else if (context.request() instanceof TransactWriteItemsRequest transaction) {
                transaction.transactItems().forEach(item -> partitions.add(item.put().item().get(DynamoStatusHistory.PK).s()));
            }
        }
    }
}
