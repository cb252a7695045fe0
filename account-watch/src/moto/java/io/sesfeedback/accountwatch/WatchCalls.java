package io.sesfeedback.accountwatch;

import io.sesfeedback.support.ApiCalls;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
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

    synchronized List<ApiCalls.Call> calls() {
        List<ApiCalls.Call> all = new ArrayList<>(calls);
        all.addAll(table.calls());
        return all;
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
        }
    }
}
