package io.sesfeedback.identities;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ses.model.DeleteIdentityPolicyRequest;
import software.amazon.awssdk.services.ses.model.GetIdentityNotificationAttributesRequest;
import software.amazon.awssdk.services.ses.model.GetIdentityVerificationAttributesRequest;
import software.amazon.awssdk.services.ses.model.PutIdentityPolicyRequest;
import software.amazon.awssdk.services.ses.model.SetIdentityFeedbackForwardingEnabledRequest;
import software.amazon.awssdk.services.ses.model.SetIdentityNotificationTopicRequest;
import software.amazon.awssdk.services.ses.model.DescribeConfigurationSetRequest;
import software.amazon.awssdk.services.ses.model.GetAccountSendingEnabledRequest;
import software.amazon.awssdk.services.ses.model.UpdateAccountSendingEnabledRequest;
import software.amazon.awssdk.services.ses.model.UpdateConfigurationSetSendingEnabledRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * Every AWS API call a handler's SES, SSM and SNS clients make, as IAM authorises it: the action and the resource. The
 * SES identity actions it calls have no resource type ({@link ServiceAuthorization}), so IAM authorises them on "*";
 * SSM parameter actions act on {@code parameter/NAME} without the name's leading slash. A call this does not know
 * fails the call, and with it the test: add it here, with the IAM documentation's action and resource.
 */
public final class ApiCalls implements ExecutionInterceptor {

    /** What the handler's clients called during this test run (IdentityNotificationsOnMotoTest). */
    static final ApiCalls HANDLER = new ApiCalls(MotoSes.REGION.id(), MotoSes.ACCOUNT);

    /** One authorisation: {@code ssm:GetParameter} on {@code arn:aws:ssm:...:parameter/NAME}, or an action on "*". */
    public record Call(String action, String resource) {
    }

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
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetIdentityVerificationAttributesRequest get) {
            get.identities().forEach(identity -> calls.add(identity("ses:GetIdentityVerificationAttributes", identity)));
        } else if (request instanceof GetIdentityNotificationAttributesRequest get) {
            get.identities().forEach(identity -> calls.add(identity("ses:GetIdentityNotificationAttributes", identity)));
        } else if (request instanceof SetIdentityNotificationTopicRequest set) {
            calls.add(identity("ses:SetIdentityNotificationTopic", set.identity()));
        } else if (request instanceof SetIdentityFeedbackForwardingEnabledRequest set) {
            calls.add(identity("ses:SetIdentityFeedbackForwardingEnabled", set.identity()));
        } else if (request instanceof PutIdentityPolicyRequest put) {
            calls.add(identity("ses:PutIdentityPolicy", put.identity()));
        } else if (request instanceof DeleteIdentityPolicyRequest delete) {
            calls.add(identity("ses:DeleteIdentityPolicy", delete.identity()));
        } else if (request instanceof GetAccountSendingEnabledRequest) {
            calls.add(new Call("ses:GetAccountSendingEnabled", "*"));
        } else if (request instanceof UpdateAccountSendingEnabledRequest) {
            calls.add(new Call("ses:UpdateAccountSendingEnabled", "*"));
        } else if (request instanceof DescribeConfigurationSetRequest describe) {
            calls.add(configurationSet("ses:DescribeConfigurationSet", describe.configurationSetName()));
        } else if (request instanceof UpdateConfigurationSetSendingEnabledRequest update) {
            calls.add(configurationSet("ses:UpdateConfigurationSetSendingEnabled", update.configurationSetName()));
        } else if (request instanceof PublishRequest publish) {
            calls.add(new Call("sns:Publish", publish.topicArn()));
        } else if (request instanceof GetParameterRequest get) {
            calls.add(parameter("ssm:GetParameter", get.name()));
        } else if (request instanceof PutParameterRequest put) {
            calls.add(parameter("ssm:PutParameter", put.name()));
        } else if (request instanceof DeleteParameterRequest delete) {
            calls.add(parameter("ssm:DeleteParameter", delete.name()));
        } else {
            throw new IllegalStateException("ApiCalls does not know how IAM authorises " + request.getClass().getSimpleName());
        }
    }

    private Call identity(String action, String identity) {
        return new Call(action, ServiceAuthorization.resource(action,
                "arn:aws:ses:" + region + ":" + account + ":identity/" + identity));
    }

    private Call configurationSet(String action, String name) {
        return new Call(action, ServiceAuthorization.resource(action,
                "arn:aws:ses:" + region + ":" + account + ":configuration-set/" + name));
    }

    private Call parameter(String action, String name) {
        return new Call(action, ServiceAuthorization.resource(action, "arn:aws:ssm:" + region + ":" + account
                + ":parameter/" + (name.startsWith("/") ? name.substring(1) : name)));
    }
}
