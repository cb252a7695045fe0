package io.sesfeedback.template;

import io.sesfeedback.local.CloudFormationTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules a real deploy enforces and moto, cfn-lint and the SAM translator do not. Each returns what breaks it, empty
 * when the template holds; the sources are cited where each limit is declared.
 */
final class DeployRules {

    /** A name a resource type derives from a property, and the longest AWS allows. */
    record NameLimit(String type, String property, int maxLength) {
    }

    /**
     * Names derived from the stack name. Lambda: FunctionName 64 (Lambda API CreateFunction); EventBridge Scheduler:
     * Name 64 (CreateSchedule); SES v1: an identity policy name 64 (PutIdentityPolicy); SES configuration set and event
     * destination names 64 (CreateConfigurationSet); CloudWatch: AlarmName 255 (PutMetricAlarm), DashboardName 255
     * (PutDashboard); SQS: QueueName 80 (CreateQueue); CloudWatch Logs: LogGroupName 512 (CreateLogGroup),
     * QueryDefinition Name 255 (PutQueryDefinition); SNS: TopicName 256 (CreateTopic); DynamoDB: TableName 255
     * (CreateTable); KMS: AliasName 256 (CreateAlias); Lambda alias Name 128 (CreateAlias); AWS Chatbot:
     * ConfigurationName 128 (CreateSlackChannelConfiguration); IAM: role and user names 64, policy, group and instance
     * profile names 128 (IAM quotas).
     */
    static final List<NameLimit> NAME_LIMITS = List.of(
            new NameLimit("AWS::Lambda::Function", "FunctionName", 64),
            new NameLimit("AWS::Scheduler::Schedule", "Name", 64),
            new NameLimit("Custom::SesIdentityNotifications", "GuardPolicyName", 64),
            new NameLimit("AWS::SES::ConfigurationSet", "Name", 64),
            new NameLimit("AWS::SES::ConfigurationSetEventDestination", "EventDestination.Name", 64),
            new NameLimit("AWS::CloudWatch::Alarm", "AlarmName", 255),
            new NameLimit("AWS::CloudWatch::Dashboard", "DashboardName", 255),
            new NameLimit("AWS::SQS::Queue", "QueueName", 80),
            new NameLimit("AWS::Logs::LogGroup", "LogGroupName", 512),
            new NameLimit("AWS::Logs::QueryDefinition", "Name", 255),
            new NameLimit("AWS::SNS::Topic", "TopicName", 256),
            new NameLimit("AWS::DynamoDB::Table", "TableName", 255),
            new NameLimit("AWS::KMS::Alias", "AliasName", 256),
            new NameLimit("AWS::Lambda::Alias", "Name", 128),
            new NameLimit("AWS::Chatbot::SlackChannelConfiguration", "ConfigurationName", 128),
            new NameLimit("AWS::Chatbot::MicrosoftTeamsChannelConfiguration", "ConfigurationName", 128),
            new NameLimit("AWS::IAM::Role", "RoleName", 64),
            new NameLimit("AWS::IAM::ManagedPolicy", "ManagedPolicyName", 128),
            new NameLimit("AWS::IAM::User", "UserName", 64),
            new NameLimit("AWS::IAM::Group", "GroupName", 128),
            new NameLimit("AWS::IAM::InstanceProfile", "InstanceProfileName", 128));

    /**
     * Names unique in the account, not the region: IAM's (IAM User Guide, "IAM identifiers": names are unique within
     * the account), AWS Chatbot's configurations (a global service), CloudWatch dashboards (their ARN carries no
     * region: arn:aws:cloudwatch::ACCOUNT:dashboard/NAME, Service Authorization Reference).
     */
    static final List<NameLimit> ACCOUNT_WIDE_NAMES = NAME_LIMITS.stream()
            .filter(limit -> limit.type().startsWith("AWS::IAM::") || limit.type().startsWith("AWS::Chatbot::")
                    || limit.type().equals("AWS::CloudWatch::Dashboard"))
            .toList();

    /** IAM resources with a name of the template's own need CAPABILITY_NAMED_IAM (CreateChangeSet, Capabilities). */
    private static final List<NameLimit> IAM_NAMES = NAME_LIMITS.stream()
            .filter(limit -> limit.type().startsWith("AWS::IAM::")).toList();

    /** CloudFormation quotas (User Guide, "CloudFormation quotas"). */
    static final int MAX_RESOURCES = 500;
    static final int MAX_PARAMETERS = 200;
    static final int MAX_OUTPUTS = 200;
    static final int MAX_TEMPLATE_BYTES = 1_048_576;
    /** Lambda: "The total size of all environment variables doesn't exceed 4 KB" (Lambda quotas). */
    static final int MAX_ENVIRONMENT_BYTES = 4096;

    private DeployRules() {
    }

    /**
     * The capabilities a change set of this translated template needs (CloudFormation API CreateChangeSet,
     * Capabilities): CAPABILITY_IAM for any IAM resource, CAPABILITY_NAMED_IAM when one has a custom name,
     * CAPABILITY_AUTO_EXPAND for a nested application (AWS::Serverless::Application, SAM Developer Guide, "Nested
     * applications") or a macro other than SAM's own. SAM's transform alone needs none through a change set.
     */
    static Set<String> capabilitiesNeeded(CloudFormationTemplate raw, CloudFormationTemplate translated, Intrinsics values) {
        Set<String> needed = new TreeSet<>();
        for (String id : translated.section("Resources").keySet()) {
            String type = (String) translated.resource(id).get("Type");
            if (!values.creates(id)) {
                continue;
            }
            if (type.startsWith("AWS::IAM::")) {
                needed.add("CAPABILITY_IAM");
            }
            boolean named = IAM_NAMES.stream()
                    .anyMatch(limit -> limit.type().equals(type) && values.property(id, limit.property()).isPresent());
            if (named) {
                needed.add("CAPABILITY_NAMED_IAM");
            }
            if (type.equals("AWS::CloudFormation::Stack")) {
                needed.add("CAPABILITY_AUTO_EXPAND");
            }
        }
        Object transform = raw.topLevel("Transform");
        List<?> transforms = transform instanceof List<?> list ? list : transform == null ? List.of() : List.of(transform);
        if (transforms.stream().anyMatch(t -> !"AWS::Serverless-2016-10-31".equals(t))) {
            needed.add("CAPABILITY_AUTO_EXPAND");
        }
        return needed;
    }

    /** What acknowledged does not cover; CAPABILITY_NAMED_IAM covers CAPABILITY_IAM. */
    static Set<String> missingCapabilities(Set<String> needed, List<String> acknowledged) {
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(acknowledged);
        if (acknowledged.contains("CAPABILITY_NAMED_IAM")) {
            missing.remove("CAPABILITY_IAM");
        }
        return missing;
    }

    /** Every created resource's derived name, "LogicalId.Property" to its value. */
    static Map<String, String> names(CloudFormationTemplate translated, Intrinsics values, List<NameLimit> limits) {
        Map<String, String> names = new LinkedHashMap<>();
        for (NameLimit limit : limits) {
            for (String id : translated.resourcesOfType(limit.type())) {
                if (values.creates(id)) {
                    values.property(id, limit.property())
                            .ifPresent(name -> names.put(id + "." + limit.property(), String.valueOf(name)));
                }
            }
        }
        return names;
    }

    static List<String> namesTooLong(CloudFormationTemplate translated, Intrinsics values) {
        List<String> tooLong = new ArrayList<>();
        for (NameLimit limit : NAME_LIMITS) {
            names(translated, values, List.of(limit)).forEach((where, name) -> {
                if (name.length() > limit.maxLength()) {
                    tooLong.add(where + " is " + name.length() + " characters, over " + limit.maxLength() + ": " + name);
                }
            });
        }
        return tooLong;
    }

    /** Account-wide names that two regions would both claim for the same stack name. */
    static List<String> namesSharedAcrossRegions(CloudFormationTemplate translated, Intrinsics oneRegion, Intrinsics another) {
        Map<String, String> here = names(translated, oneRegion, ACCOUNT_WIDE_NAMES);
        Map<String, String> there = names(translated, another, ACCOUNT_WIDE_NAMES);
        return here.entrySet().stream()
                .filter(name -> Objects.equals(name.getValue(), there.get(name.getKey())))
                .map(name -> name.getKey() + " is " + name.getValue() + " in both regions")
                .toList();
    }

    static List<String> environmentsTooLarge(CloudFormationTemplate translated, Intrinsics values) {
        List<String> tooLarge = new ArrayList<>();
        for (String id : translated.resourcesOfType("AWS::Lambda::Function")) {
            if (!values.creates(id)) {
                continue;
            }
            values.property(id, "Environment.Variables").ifPresent(variables -> {
                int bytes = ((Map<?, ?>) variables).entrySet().stream()
                        .mapToInt(v -> utf8(v.getKey()) + utf8(v.getValue()))
                        .sum();
                if (bytes > MAX_ENVIRONMENT_BYTES) {
                    tooLarge.add(id + "'s environment is " + bytes + " bytes, over " + MAX_ENVIRONMENT_BYTES);
                }
            });
        }
        return tooLarge;
    }

    static List<String> quotasExceeded(CloudFormationTemplate translated, long translatedBytes) {
        List<String> exceeded = new ArrayList<>();
        check(exceeded, "resources", translated.section("Resources").size(), MAX_RESOURCES);
        check(exceeded, "parameters", translated.section("Parameters").size(), MAX_PARAMETERS);
        check(exceeded, "outputs", translated.section("Outputs").size(), MAX_OUTPUTS);
        check(exceeded, "bytes of template", translatedBytes, MAX_TEMPLATE_BYTES);
        return exceeded;
    }

    /**
     * Global secondary indexes created or deleted per table between two templates; a changed key schema or projection
     * is a new index (a deletion and a creation). CloudFormation creates or deletes at most one per table in one
     * update (AWS::DynamoDB::Table, GlobalSecondaryIndexes: "you can create or delete only one global secondary index
     * per UpdateStack operation").
     */
    static Map<String, Integer> indexChanges(CloudFormationTemplate before, CloudFormationTemplate after) {
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (String table : after.resourcesOfType("AWS::DynamoDB::Table")) {
            if (!before.section("Resources").containsKey(table)) {
                continue;
            }
            Map<String, Object> old = indexes(before, table);
            Map<String, Object> now = indexes(after, table);
            int changed = 0;
            for (String name : old.keySet()) {
                if (!now.containsKey(name)) {
                    changed++;
                } else if (!old.get(name).equals(now.get(name))) {
                    changed += 2;
                }
            }
            changed += (int) now.keySet().stream().filter(name -> !old.containsKey(name)).count();
            changes.put(table, changed);
        }
        return changes;
    }

    private static Map<String, Object> indexes(CloudFormationTemplate template, String table) {
        Map<String, Object> indexes = new LinkedHashMap<>();
        Object declared = template.properties(table).get("GlobalSecondaryIndexes");
        if (declared instanceof List<?> list) {
            for (Object index : list) {
                Map<String, Object> definition = CloudFormationTemplate.map(index, table + ".GlobalSecondaryIndexes");
                // throughput and warm throughput change in place; the key schema and projection do not
                indexes.put((String) definition.get("IndexName"),
                        List.of(definition.get("KeySchema"), Objects.requireNonNullElse(definition.get("Projection"), Map.of())));
            }
        }
        return indexes;
    }

    private static void check(List<String> exceeded, String what, long count, long max) {
        if (count > max) {
            exceeded.add(count + " " + what + ", over " + max);
        }
    }

    private static int utf8(Object text) {
        return String.valueOf(text).getBytes(StandardCharsets.UTF_8).length;
    }
}
