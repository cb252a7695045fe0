package io.sesfeedback.identities;

import java.util.Map;
import java.util.Optional;

/**
 * The resource type IAM authorises each action on, as the Service Authorization Reference lists it (Amazon SES:
 * list_amazonses.html; AWS Systems Manager: list_awssystemsmanager.html; Amazon CloudWatch Logs:
 * list_amazoncloudwatchlogs.html; Amazon SNS: list_amazonsns.html), for the actions the module's roles grant. An
 * action without a resource type is authorised on {@code "*"} only: a statement naming ARNs never allows it.
 */
public final class ServiceAuthorization {

    /** Action to resource type; empty where the reference's Resource types column is blank. */
    private static final Map<String, Optional<String>> RESOURCE_TYPES = Map.ofEntries(
            Map.entry("ses:GetIdentityVerificationAttributes", Optional.empty()),
            Map.entry("ses:GetIdentityNotificationAttributes", Optional.empty()),
            Map.entry("ses:SetIdentityNotificationTopic", Optional.empty()),
            Map.entry("ses:SetIdentityFeedbackForwardingEnabled", Optional.empty()),
            Map.entry("ses:PutIdentityPolicy", Optional.empty()),
            Map.entry("ses:DeleteIdentityPolicy", Optional.empty()),
            // the circuit breaker (CircuitBreakerRole): SES v1's sending switches, and its message to the topic
            Map.entry("ses:GetAccountSendingEnabled", Optional.empty()),
            Map.entry("ses:UpdateAccountSendingEnabled", Optional.empty()),
            Map.entry("ses:DescribeConfigurationSet", Optional.of("configuration-set")),
            Map.entry("ses:UpdateConfigurationSetSendingEnabled", Optional.of("configuration-set")),
            Map.entry("sns:Publish", Optional.of("topic")),
            Map.entry("ssm:GetParameter", Optional.of("parameter")),
            Map.entry("ssm:PutParameter", Optional.of("parameter")),
            Map.entry("ssm:DeleteParameter", Optional.of("parameter")),
            Map.entry("logs:CreateLogStream", Optional.of("log-group")),
            Map.entry("logs:PutLogEvents", Optional.of("log-stream")));

    private ServiceAuthorization() {
    }

    /** The resource a call of {@code action} on {@code arn} is authorised on: the ARN, or "*" for an action without a type. */
    public static String resource(String action, String arn) {
        return resourceType(action).isPresent() ? arn : "*";
    }

    /** Whether the reference gives {@code action} a resource type; an action missing here fails the test that asks. */
    public static Optional<String> resourceType(String action) {
        Optional<String> type = RESOURCE_TYPES.get(action);
        if (type == null) {
            throw new IllegalStateException(action + " is not in ServiceAuthorization: add its resource type from the"
                    + " Service Authorization Reference");
        }
        return type;
    }
}
