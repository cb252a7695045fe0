package io.sesfeedback.testing.iam;

import java.util.Map;
import java.util.Optional;

/**
 * The resource types IAM authorises each action on, as the Service Authorization Reference prints
 * its Resource types column (Amazon SES: list_amazonses.html, and v2:
 * list_amazonsimpleemailservicev2.html; AWS Systems Manager: list_awssystemsmanager.html; Amazon
 * CloudWatch Logs: list_amazoncloudwatchlogs.html; Amazon SNS: list_amazonsns.html; Amazon
 * EventBridge: list_amazoneventbridge.html), for the actions the functions' roles grant. A trailing
 * {@code *} marks a required type; an action without one is authorised on {@code "*"} only, and a
 * statement naming ARNs never allows it; an optional type (no {@code *}) is authorised on the
 * resource when the call names one, else on {@code "*"}.
 */
public final class ServiceAuthorization {

    /** Action to the reference's Resource types column; blank where it is blank. */
    private static final Map<String, String> RESOURCE_TYPES =
            Map.ofEntries(
                    Map.entry("ses:GetIdentityVerificationAttributes", ""),
                    Map.entry("ses:GetIdentityNotificationAttributes", ""),
                    Map.entry("ses:SetIdentityNotificationTopic", ""),
                    Map.entry("ses:SetIdentityFeedbackForwardingEnabled", ""),
                    Map.entry("ses:PutIdentityPolicy", ""),
                    Map.entry("ses:DeleteIdentityPolicy", ""),
                    // the circuit breaker (CircuitBreakerRole): SES v1's sending switches, and its
                    // message to the topic
                    Map.entry("ses:GetAccountSendingEnabled", ""),
                    Map.entry("ses:UpdateAccountSendingEnabled", ""),
                    Map.entry("ses:DescribeConfigurationSet", ""),
                    Map.entry("ses:UpdateConfigurationSetSendingEnabled", ""),
                    // the breaker's tenant check (Amazon SES v2,
                    // list_amazonsimpleemailservicev2.html;
                    // Amazon CloudWatch, list_amazoncloudwatch.html: GetMetricData has no type)
                    Map.entry("ses:ListTenants", ""),
                    Map.entry("ses:GetReputationEntity", "tenant*"),
                    Map.entry("ses:UpdateReputationEntityCustomerManagedStatus", "tenant*"),
                    Map.entry("cloudwatch:GetMetricData", ""),
                    Map.entry("sns:Publish", "topic*"),
                    // the operator's suppression commands (Amazon SES v2,
                    // list_amazonsimpleemailservicev2.html): the lists' tenant is optional
                    Map.entry("ses:GetTenant", "tenant*"),
                    Map.entry("ses:GetConfigurationSet", "configuration-set*"),
                    Map.entry("ses:ListSuppressedDestinations", "tenant"),
                    Map.entry("ses:GetSuppressedDestination", "tenant"),
                    Map.entry("ses:PutSuppressedDestination", "tenant"),
                    Map.entry("ses:DeleteSuppressedDestination", "tenant"),
                    // a member's account watcher and hub-forwarding role (Amazon EventBridge,
                    // list_amazoneventbridge.html: PutEvents on event-bus*)
                    Map.entry("events:PutEvents", "event-bus*"),
                    Map.entry("ssm:GetParameter", "parameter*"),
                    Map.entry("ssm:PutParameter", "parameter*"),
                    Map.entry("ssm:DeleteParameter", "parameter*"),
                    Map.entry("logs:CreateLogStream", "log-stream*"),
                    Map.entry("logs:PutLogEvents", "log-stream*"));

    private ServiceAuthorization() {}

    /**
     * The resource a call of {@code action} on {@code arn} is authorised on: the ARN, or "*" for an
     * action without a type.
     */
    public static String resource(String action, String arn) {
        return resourceType(action).isPresent() ? arn : "*";
    }

    /**
     * The type the reference requires for {@code action}, if any; an action missing here fails the
     * test that asks.
     */
    public static Optional<String> resourceType(String action) {
        String column = RESOURCE_TYPES.get(action);
        if (column == null) {
            throw new IllegalStateException(
                    action
                            + " is not in ServiceAuthorization: add its resource type from the"
                            + " Service Authorization Reference");
        }
        return column.endsWith("*")
                ? Optional.of(column.substring(0, column.length() - 1))
                : Optional.empty();
    }
}
