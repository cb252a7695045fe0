package io.sesfeedback.testing.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.ses.model.DeleteIdentityPolicyRequest;
import software.amazon.awssdk.services.ses.model.DescribeConfigurationSetRequest;
import software.amazon.awssdk.services.ses.model.GetAccountSendingEnabledRequest;
import software.amazon.awssdk.services.ses.model.GetIdentityNotificationAttributesRequest;
import software.amazon.awssdk.services.ses.model.GetIdentityVerificationAttributesRequest;
import software.amazon.awssdk.services.ses.model.PutIdentityPolicyRequest;
import software.amazon.awssdk.services.ses.model.SetIdentityFeedbackForwardingEnabledRequest;
import software.amazon.awssdk.services.ses.model.SetIdentityNotificationTopicRequest;
import software.amazon.awssdk.services.ses.model.UpdateAccountSendingEnabledRequest;
import software.amazon.awssdk.services.ses.model.UpdateConfigurationSetSendingEnabledRequest;
import software.amazon.awssdk.services.sesv2.model.DeleteSuppressedDestinationRequest;
import software.amazon.awssdk.services.sesv2.model.GetAccountRequest;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetRequest;
import software.amazon.awssdk.services.sesv2.model.GetSuppressedDestinationRequest;
import software.amazon.awssdk.services.sesv2.model.GetTenantRequest;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsRequest;
import software.amazon.awssdk.services.sesv2.model.ListReputationEntitiesRequest;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsRequest;
import software.amazon.awssdk.services.sesv2.model.PutSuppressedDestinationRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * Every AWS API call an SDK client makes, as IAM authorises it: the action and the resource. The
 * SES actions called here have no resource type ({@link ServiceAuthorization}), so IAM authorises
 * them on "*"; SSM parameter actions act on {@code parameter/NAME} without the name's leading
 * slash; a Query of an index on the index's ARN; a DynamoDB transaction item by item (a Put needs
 * dynamodb:PutItem on its table). A call this does not know fails the call, and with it the test:
 * add it here, with the IAM documentation's action and resource.
 */
public final class RecordedCalls implements ExecutionInterceptor {

    /**
     * One authorisation: {@code ssm:GetParameter} on {@code arn:aws:ssm:...:parameter/NAME}, or an
     * action on "*".
     */
    public record Call(String action, String resource) {}

    /** The feedback table's partition key. */
    private static final String PK = "pk";

    private final String region;
    private final String account;
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> partitions = new TreeSet<>();

    public RecordedCalls(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Every partition key ({@code pk}) the table calls named: dynamodb:LeadingKeys in a role allows
     * some.
     */
    public synchronized Set<String> partitions() {
        return Set.copyOf(partitions);
    }

    @Override
    public synchronized void beforeExecution(
            Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetIdentityVerificationAttributesRequest get) {
            get.identities()
                    .forEach(
                            identity ->
                                    calls.add(
                                            identity(
                                                    "ses:GetIdentityVerificationAttributes",
                                                    identity)));
        } else if (request instanceof GetIdentityNotificationAttributesRequest get) {
            get.identities()
                    .forEach(
                            identity ->
                                    calls.add(
                                            identity(
                                                    "ses:GetIdentityNotificationAttributes",
                                                    identity)));
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
            calls.add(
                    configurationSet(
                            "ses:DescribeConfigurationSet", describe.configurationSetName()));
        } else if (request instanceof UpdateConfigurationSetSendingEnabledRequest update) {
            calls.add(
                    configurationSet(
                            "ses:UpdateConfigurationSetSendingEnabled",
                            update.configurationSetName()));
        } else if (request instanceof GetAccountRequest) {
            calls.add(new Call("ses:GetAccount", "*"));
        } else if (request instanceof ListRecommendationsRequest) {
            calls.add(new Call("ses:ListRecommendations", "*"));
        } else if (request instanceof ListReputationEntitiesRequest) {
            // resource type tenant, required (Service Authorization Reference, SES v2): a list
            // names
            // no one tenant, so every tenant of the account and region
            calls.add(
                    new Call(
                            "ses:ListReputationEntities",
                            "arn:aws:ses:" + region + ":" + account + ":tenant/*"));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems()
                    .forEach(
                            (name, writes) -> {
                                calls.add(new Call("dynamodb:BatchWriteItem", table(name)));
                                writes.forEach(
                                        write ->
                                                partition(
                                                        write.putRequest() != null
                                                                ? write.putRequest().item()
                                                                : write.deleteRequest().key()));
                            });
        } else if (request instanceof GetConfigurationSetRequest get) {
            calls.add(configurationSet("ses:GetConfigurationSet", get.configurationSetName()));
        } else if (request instanceof GetTenantRequest get) {
            calls.add(new Call("ses:GetTenant", tenant(get.tenantName())));
        } else if (request instanceof ListSuppressedDestinationsRequest list) {
            calls.add(suppressionList("ses:ListSuppressedDestinations", list.tenantName()));
        } else if (request instanceof GetSuppressedDestinationRequest get) {
            calls.add(suppressionList("ses:GetSuppressedDestination", get.tenantName()));
        } else if (request instanceof PutSuppressedDestinationRequest put) {
            calls.add(suppressionList("ses:PutSuppressedDestination", put.tenantName()));
        } else if (request instanceof DeleteSuppressedDestinationRequest delete) {
            calls.add(suppressionList("ses:DeleteSuppressedDestination", delete.tenantName()));
        } else if (request instanceof GetItemRequest get) {
            calls.add(new Call("dynamodb:GetItem", table(get.tableName())));
            partition(get.key());
        } else if (request instanceof PutItemRequest put) {
            calls.add(new Call("dynamodb:PutItem", table(put.tableName())));
            partition(put.item());
        } else if (request instanceof UpdateItemRequest update) {
            calls.add(new Call("dynamodb:UpdateItem", table(update.tableName())));
            partition(update.key());
        } else if (request instanceof DeleteItemRequest delete) {
            calls.add(new Call("dynamodb:DeleteItem", table(delete.tableName())));
            partition(delete.key());
        } else if (request instanceof QueryRequest query) {
            calls.add(
                    new Call(
                            "dynamodb:Query",
                            query.indexName() == null
                                    ? table(query.tableName())
                                    : table(query.tableName()) + "/index/" + query.indexName()));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(this::transactionItem);
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
        } else if (request instanceof PutEventsRequest put) {
            put.entries().forEach(entry -> calls.add(eventBus(entry.eventBusName())));
        } else if (request instanceof PublishRequest publish) {
            calls.add(new Call("sns:Publish", publish.topicArn()));
        } else if (request instanceof GetParameterRequest get) {
            calls.add(parameter("ssm:GetParameter", get.name()));
        } else if (request instanceof PutParameterRequest put) {
            calls.add(parameter("ssm:PutParameter", put.name()));
        } else if (request instanceof DeleteParameterRequest delete) {
            calls.add(parameter("ssm:DeleteParameter", delete.name()));
        } else {
            throw new IllegalStateException(
                    "RecordedCalls does not know how IAM authorises "
                            + request.getClass().getSimpleName());
        }
    }

    /** A transaction's item, as IAM authorises it: a Put as dynamodb:PutItem on its table. */
    private void transactionItem(TransactWriteItem item) {
        if (item.put() != null) {
            calls.add(new Call("dynamodb:PutItem", table(item.put().tableName())));
            partition(item.put().item());
        } else if (item.update() != null) {
            calls.add(new Call("dynamodb:UpdateItem", table(item.update().tableName())));
            partition(item.update().key());
        } else if (item.delete() != null) {
            calls.add(new Call("dynamodb:DeleteItem", table(item.delete().tableName())));
            partition(item.delete().key());
        } else {
            calls.add(
                    new Call(
                            "dynamodb:ConditionCheckItem",
                            table(item.conditionCheck().tableName())));
            partition(item.conditionCheck().key());
        }
    }

    private void partition(Map<String, AttributeValue> key) {
        if (key.containsKey(PK)) {
            partitions.add(key.get(PK).s());
        }
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

    /**
     * events:PutEvents acts on the bus each entry names, by name or ARN, the default bus when none
     * (Service Authorization Reference, Amazon EventBridge: resource type event-bus, {@code
     * arn:${Partition}:events:${Region}:${Account}:event-bus/${EventBusName}}).
     */
    private Call eventBus(String nameOrArn) {
        String bus = nameOrArn == null || nameOrArn.isBlank() ? "default" : nameOrArn;
        return new Call(
                "events:PutEvents",
                bus.startsWith("arn:")
                        ? bus
                        : "arn:aws:events:" + region + ":" + account + ":event-bus/" + bus);
    }

    private String table(String name) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    private Call identity(String action, String identity) {
        return new Call(
                action,
                ServiceAuthorization.resource(
                        action, "arn:aws:ses:" + region + ":" + account + ":identity/" + identity));
    }

    private Call configurationSet(String action, String name) {
        return new Call(
                action,
                ServiceAuthorization.resource(
                        action,
                        "arn:aws:ses:" + region + ":" + account + ":configuration-set/" + name));
    }

    /**
     * A tenant's ARN, {@code tenant/NAME/ID} (Service Authorization Reference, SES v2, resource
     * type tenant). The caller names the tenant only; its id stands in as {@value #TENANT_ID}, so
     * that only a grant on {@code tenant/*} or {@code tenant/NAME/*} allows the call.
     */
    private String tenant(String name) {
        return "arn:aws:ses:" + region + ":" + account + ":tenant/" + name + "/" + TENANT_ID;
    }

    /** The id a tenant's ARN holds, which no request names. */
    public static final String TENANT_ID = "TENANT_ID";

    /**
     * A suppression-list action: its resource type tenant is optional, so the account's list (no
     * TenantName) is authorised on "*" and a tenant's on the tenant's ARN.
     */
    private Call suppressionList(String action, String tenantName) {
        ServiceAuthorization.resourceType(action);
        return new Call(action, tenantName == null ? "*" : tenant(tenantName));
    }

    private Call parameter(String action, String name) {
        return new Call(
                action,
                ServiceAuthorization.resource(
                        action,
                        "arn:aws:ssm:"
                                + region
                                + ":"
                                + account
                                + ":parameter/"
                                + (name.startsWith("/") ? name.substring(1) : name)));
    }
}
