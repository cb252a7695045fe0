package io.sesfeedback.template;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules a real deploy enforces and moto, cfn-lint and the SAM translator do not. Each returns what
 * breaks it, empty when the template holds; the sources are cited where each limit is declared.
 */
final class DeployRules {

    /** A name a resource type derives from a property, and the longest AWS allows. */
    record NameLimit(String type, String property, int maxLength) {}

    /**
     * Names derived from the stack name. Lambda: FunctionName 64 (Lambda API CreateFunction);
     * EventBridge Scheduler: Name 64 (CreateSchedule); EventBridge: a rule's Name 64 (PutRule), an
     * event bus's Name 256 (CreateEventBus); SES v1: an identity policy name 64
     * (PutIdentityPolicy); SES configuration set and event destination names 64
     * (CreateConfigurationSet); CloudWatch: AlarmName 255 (PutMetricAlarm), DashboardName 255
     * (PutDashboard); SQS: QueueName 80 (CreateQueue); CloudWatch Logs: LogGroupName 512
     * (CreateLogGroup), QueryDefinition Name 255 (PutQueryDefinition); SNS: TopicName 256
     * (CreateTopic); DynamoDB: TableName 255 (CreateTable); KMS: AliasName 256 (CreateAlias);
     * Lambda alias Name 128 (CreateAlias); AWS Chatbot: ConfigurationName 128
     * (CreateSlackChannelConfiguration); IAM: role and user names 64, policy, group and instance
     * profile names 128 (IAM quotas).
     */
    static final List<NameLimit> NAME_LIMITS =
            List.of(
                    new NameLimit("AWS::Lambda::Function", "FunctionName", 64),
                    new NameLimit("AWS::Scheduler::Schedule", "Name", 64),
                    new NameLimit("AWS::Events::Rule", "Name", 64),
                    new NameLimit("AWS::Events::EventBus", "Name", 256),
                    new NameLimit("Custom::SesIdentityNotifications", "GuardPolicyName", 64),
                    new NameLimit("AWS::SES::ConfigurationSet", "Name", 64),
                    new NameLimit(
                            "AWS::SES::ConfigurationSetEventDestination",
                            "EventDestination.Name",
                            64),
                    new NameLimit("AWS::CloudWatch::Alarm", "AlarmName", 255),
                    new NameLimit("AWS::CloudWatch::Dashboard", "DashboardName", 255),
                    new NameLimit("AWS::SQS::Queue", "QueueName", 80),
                    new NameLimit("AWS::Logs::LogGroup", "LogGroupName", 512),
                    new NameLimit("AWS::Logs::QueryDefinition", "Name", 255),
                    new NameLimit("AWS::SNS::Topic", "TopicName", 256),
                    new NameLimit("AWS::DynamoDB::Table", "TableName", 255),
                    new NameLimit("AWS::KMS::Alias", "AliasName", 256),
                    new NameLimit("AWS::Lambda::Alias", "Name", 128),
                    // not a name, but limited as one: a version's Description, 256 (PublishVersion)
                    new NameLimit("AWS::Lambda::Version", "Description", 256),
                    new NameLimit(
                            "AWS::Chatbot::SlackChannelConfiguration", "ConfigurationName", 128),
                    new NameLimit(
                            "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
                            "ConfigurationName",
                            128),
                    new NameLimit("AWS::IAM::Role", "RoleName", 64),
                    new NameLimit("AWS::IAM::ManagedPolicy", "ManagedPolicyName", 128),
                    new NameLimit("AWS::IAM::User", "UserName", 64),
                    new NameLimit("AWS::IAM::Group", "GroupName", 128),
                    new NameLimit("AWS::IAM::InstanceProfile", "InstanceProfileName", 128));

    /**
     * Names unique in the account, not the region: IAM's (IAM User Guide, "IAM identifiers": names
     * are unique within the account), AWS Chatbot's configurations (a global service), CloudWatch
     * dashboards (their ARN carries no region: arn:aws:cloudwatch::ACCOUNT:dashboard/NAME, Service
     * Authorization Reference).
     */
    static final List<NameLimit> ACCOUNT_WIDE_NAMES =
            NAME_LIMITS.stream()
                    .filter(
                            limit ->
                                    limit.type().startsWith("AWS::IAM::")
                                            || limit.type().startsWith("AWS::Chatbot::")
                                            || limit.type().equals("AWS::CloudWatch::Dashboard"))
                    .toList();

    /**
     * IAM resources with a name of the template's own need CAPABILITY_NAMED_IAM (CreateChangeSet,
     * Capabilities).
     */
    private static final List<NameLimit> IAM_NAMES =
            NAME_LIMITS.stream().filter(limit -> limit.type().startsWith("AWS::IAM::")).toList();

    /** CloudFormation quotas (User Guide, "CloudFormation quotas"). */
    static final int MAX_RESOURCES = 500;

    static final int MAX_PARAMETERS = 200;
    static final int MAX_OUTPUTS = 200;
    static final int MAX_TEMPLATE_BYTES = 1_048_576;

    /**
     * Lambda: "The total size of all environment variables doesn't exceed 4 KB" (Lambda quotas).
     */
    static final int MAX_ENVIRONMENT_BYTES = 4096;

    private DeployRules() {}

    /**
     * The capabilities a change set of this translated template needs (CloudFormation API
     * CreateChangeSet, Capabilities): CAPABILITY_IAM for any IAM resource, CAPABILITY_NAMED_IAM
     * when one has a custom name, CAPABILITY_AUTO_EXPAND for a nested application
     * (AWS::Serverless::Application, SAM Developer Guide, "Nested applications") or a macro other
     * than SAM's own. SAM's transform alone needs none through a change set.
     */
    static Set<String> capabilitiesNeeded(
            CloudFormationTemplate raw, CloudFormationTemplate translated, Intrinsics values) {
        Set<String> needed = new TreeSet<>();
        for (String id : translated.section("Resources").keySet()) {
            String type = (String) translated.resource(id).get("Type");
            if (!values.creates(id)) {
                continue;
            }
            if (type.startsWith("AWS::IAM::")) {
                needed.add("CAPABILITY_IAM");
            }
            boolean named =
                    IAM_NAMES.stream()
                            .anyMatch(
                                    limit ->
                                            limit.type().equals(type)
                                                    && values.property(id, limit.property())
                                                            .isPresent());
            if (named) {
                needed.add("CAPABILITY_NAMED_IAM");
            }
            if (type.equals("AWS::CloudFormation::Stack")) {
                needed.add("CAPABILITY_AUTO_EXPAND");
            }
        }
        Object transform = raw.topLevel("Transform");
        List<?> transforms =
                transform instanceof List<?> list
                        ? list
                        : transform == null ? List.of() : List.of(transform);
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
    static Map<String, String> names(
            CloudFormationTemplate translated, Intrinsics values, List<NameLimit> limits) {
        Map<String, String> names = new LinkedHashMap<>();
        for (NameLimit limit : limits) {
            for (String id : translated.resourcesOfType(limit.type())) {
                if (values.creates(id)) {
                    values.property(id, limit.property())
                            .ifPresent(
                                    name ->
                                            names.put(
                                                    id + "." + limit.property(),
                                                    String.valueOf(name)));
                }
            }
        }
        return names;
    }

    static List<String> namesTooLong(CloudFormationTemplate translated, Intrinsics values) {
        List<String> tooLong = new ArrayList<>();
        for (NameLimit limit : NAME_LIMITS) {
            names(translated, values, List.of(limit))
                    .forEach(
                            (where, name) -> {
                                if (name.length() > limit.maxLength()) {
                                    tooLong.add(
                                            where
                                                    + " is "
                                                    + name.length()
                                                    + " characters, over "
                                                    + limit.maxLength()
                                                    + ": "
                                                    + name);
                                }
                            });
        }
        return tooLong;
    }

    /** Account-wide names that two regions would both claim for the same stack name. */
    static List<String> namesSharedAcrossRegions(
            CloudFormationTemplate translated, Intrinsics oneRegion, Intrinsics another) {
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
            values.property(id, "Environment.Variables")
                    .ifPresent(
                            variables -> {
                                int bytes =
                                        ((Map<?, ?>) variables)
                                                .entrySet().stream()
                                                        .mapToInt(
                                                                v ->
                                                                        utf8(v.getKey())
                                                                                + utf8(
                                                                                        v
                                                                                                .getValue()))
                                                        .sum();
                                if (bytes > MAX_ENVIRONMENT_BYTES) {
                                    tooLarge.add(
                                            id
                                                    + "'s environment is "
                                                    + bytes
                                                    + " bytes, over "
                                                    + MAX_ENVIRONMENT_BYTES);
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
     * The parameter that walks a deployed table from one set of indexes to another
     * (docs/deploy.md).
     */
    static final String MIGRATION_PARAMETER = "IndexMigrationStep";

    /**
     * What one update does to a table's global secondary indexes: the ones it creates, deletes, and
     * changes in place (a new key schema or projection, which DynamoDB cannot do: a deletion and a
     * creation).
     */
    record IndexChanges(Set<String> created, Set<String> deleted, Set<String> changed) {

        /** Creations and deletions, a changed index counting as both. */
        int count() {
            return created.size() + deleted.size() + 2 * changed.size();
        }

        @Override
        public String toString() {
            return "creates " + created + ", deletes " + deleted + ", changes " + changed;
        }
    }

    /**
     * Global secondary indexes created or deleted per table between two templates at their
     * parameters' defaults; a changed key schema or projection is a new index (a deletion and a
     * creation). CloudFormation creates or deletes at most one per table in one update
     * (AWS::DynamoDB::Table, GlobalSecondaryIndexes: "You can delete or add one global secondary
     * index without interruption. If you do both in the same update ..., the update fails").
     */
    static Map<String, Integer> indexChanges(
            CloudFormationTemplate before, CloudFormationTemplate after) {
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (String table : after.resourcesOfType("AWS::DynamoDB::Table")) {
            if (before.section("Resources").containsKey(table)) {
                changes.put(
                        table,
                        indexChanges(
                                        indexes(before, table, Map.of()),
                                        indexes(after, table, Map.of()))
                                .count());
            }
        }
        return changes;
    }

    static IndexChanges indexChanges(Map<String, Object> before, Map<String, Object> after) {
        Set<String> created = new TreeSet<>(after.keySet());
        created.removeAll(before.keySet());
        Set<String> deleted = new TreeSet<>(before.keySet());
        deleted.removeAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        before.forEach(
                (name, definition) -> {
                    if (after.containsKey(name) && !after.get(name).equals(definition)) {
                        changed.add(name);
                    }
                });
        return new IndexChanges(created, deleted, changed);
    }

    /**
     * The path a stack deployed with {@code released} takes to {@code current}'s default, one
     * deploy after another, and what breaks it: with {@value #MIGRATION_PARAMETER}, the stack joins
     * its steps at the first one with the release's indexes (else at the nearest, which one deploy
     * may reach by creating or deleting one index), then deploys each step after it up to the
     * default, which must be the last; each of those deploys creates or deletes exactly one index,
     * and none changes an index in place. Without the parameter, the update to the default creates
     * or deletes at most one. Each table on its own; empty when every table holds.
     */
    static List<String> migrationBreaks(
            CloudFormationTemplate released, CloudFormationTemplate current) {
        List<String> breaks = new ArrayList<>();
        List<String> steps = migrationSteps(current);
        Object defaultStep =
                current.section("Parameters").containsKey(MIGRATION_PARAMETER)
                        ? String.valueOf(current.parameterDefault(MIGRATION_PARAMETER))
                        : null;
        if (!steps.isEmpty() && !steps.get(steps.size() - 1).equals(defaultStep)) {
            breaks.add(
                    MIGRATION_PARAMETER
                            + "'s default "
                            + defaultStep
                            + " is not its last step "
                            + steps);
        }
        for (String table : current.resourcesOfType("AWS::DynamoDB::Table")) {
            if (!released.section("Resources").containsKey(table)) {
                continue;
            }
            Map<String, Object> deployed = indexes(released, table, Map.of());
            if (steps.isEmpty()) {
                IndexChanges update = indexChanges(deployed, indexes(current, table, Map.of()));
                if (update.count() > 1 || !update.changed().isEmpty()) {
                    breaks.add(table + ": the update from the release " + update);
                }
                continue;
            }
            List<Map<String, Object>> atStep =
                    steps.stream()
                            .map(step -> indexes(current, table, Map.of(MIGRATION_PARAMETER, step)))
                            .toList();
            int joins = 0;
            for (int step = 1; step < steps.size(); step++) {
                if (indexChanges(deployed, atStep.get(step)).count()
                        < indexChanges(deployed, atStep.get(joins)).count()) {
                    joins = step;
                }
            }
            IndexChanges first = indexChanges(deployed, atStep.get(joins));
            if (first.count() > 1 || !first.changed().isEmpty()) {
                breaks.add(
                        table
                                + ": the release's indexes are at no step; the nearest, step "
                                + steps.get(joins)
                                + ", "
                                + first);
            }
            for (int step = joins; step < steps.size() - 1; step++) {
                IndexChanges next = indexChanges(atStep.get(step), atStep.get(step + 1));
                if (next.count() != 1 || !next.changed().isEmpty()) {
                    breaks.add(
                            table
                                    + ": step "
                                    + steps.get(step)
                                    + " to "
                                    + steps.get(step + 1)
                                    + " "
                                    + next);
                }
            }
        }
        return breaks;
    }

    /**
     * The values of {@value #MIGRATION_PARAMETER}, in the order a stack deploys them; empty without
     * the parameter.
     */
    static List<String> migrationSteps(CloudFormationTemplate template) {
        if (!template.section("Parameters").containsKey(MIGRATION_PARAMETER)) {
            return List.of();
        }
        Object allowed =
                CloudFormationTemplate.map(
                                template.section("Parameters").get(MIGRATION_PARAMETER),
                                MIGRATION_PARAMETER)
                        .get("AllowedValues");
        return ((List<?>) allowed).stream().map(String::valueOf).toList();
    }

    /**
     * A table's global secondary indexes for some parameter values (the others at their defaults),
     * their Fn::If resolved: name to key schema and projection (throughput and warm throughput
     * change in place; these do not).
     */
    static Map<String, Object> indexes(
            CloudFormationTemplate template, String table, Map<String, String> parameters) {
        Map<String, Object> indexes = new LinkedHashMap<>();
        Object declared =
                new Intrinsics(template, "ses-feedback-dev", "eu-west-1", parameters)
                        .property(table, "GlobalSecondaryIndexes")
                        .orElse(List.of());
        for (Object index : (List<?>) declared) {
            Map<String, Object> definition =
                    CloudFormationTemplate.map(index, table + ".GlobalSecondaryIndexes");
            indexes.put(
                    (String) definition.get("IndexName"),
                    List.of(
                            definition.get("KeySchema"),
                            Objects.requireNonNullElse(definition.get("Projection"), Map.of())));
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
