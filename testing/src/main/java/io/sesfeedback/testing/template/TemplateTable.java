package io.sesfeedback.testing.template;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the feedback table exactly as template.yaml declares it (keys, attributes, indexes with
 * their projections, TTL attribute) at one step of {@value #MIGRATION_PARAMETER}, by default the
 * parameter's default; and moves a table from one step to the next as that stack update does, with
 * one UpdateTable.
 */
public final class TemplateTable {

    public static final String TABLE_RESOURCE = "FeedbackTable";

    /**
     * The template parameter that says which indexes the table has (docs/deploy.md, "Upgrading to
     * the sharded indexes").
     */
    public static final String MIGRATION_PARAMETER = "IndexMigrationStep";

    /**
     * A system property naming the step {@link #create(DynamoDbClient, CloudFormationTemplate,
     * String)} uses instead of the template's default: a build whose readers still query the
     * indexes of an earlier step sets it (root pom.xml).
     */
    public static final String STEP_PROPERTY = "ses-feedback.index-migration-step";

    private TemplateTable() {}

    /**
     * The table's attribute definitions and global secondary indexes at one step, in template
     * order.
     */
    public record Shape(List<AttributeDefinition> attributes, List<GlobalSecondaryIndex> indexes) {}

    /**
     * The table at {@link #localStep}: the template's default unless {@value #STEP_PROPERTY} names
     * another.
     */
    public static void create(
            DynamoDbClient client, CloudFormationTemplate template, String tableName) {
        create(client, template, tableName, localStep(template));
    }

    /** The table at one step; null means the template's default. */
    public static void create(
            DynamoDbClient client, CloudFormationTemplate template, String tableName, String step) {
        Map<String, Object> table = template.properties(TABLE_RESOURCE);
        Shape shape = shapeAt(template, step);
        client.createTable(
                request -> {
                    request.tableName(tableName)
                            .billingMode(BillingMode.fromValue((String) table.get("BillingMode")))
                            .attributeDefinitions(shape.attributes())
                            .keySchema(keySchema(table));
                    if (!shape.indexes().isEmpty()) {
                        request.globalSecondaryIndexes(shape.indexes());
                    }
                });
        Map<String, Object> ttl =
                CloudFormationTemplate.map(
                        table.get("TimeToLiveSpecification"), "TimeToLiveSpecification");
        client.updateTimeToLive(
                request ->
                        request.tableName(tableName)
                                .timeToLiveSpecification(
                                        spec ->
                                                spec.attributeName(
                                                                (String) ttl.get("AttributeName"))
                                                        .enabled((Boolean) ttl.get("Enabled"))));
    }

    /**
     * The steps a deployed stack goes through, in order (the parameter's allowed values); empty
     * without the parameter.
     */
    @SuppressWarnings("unchecked")
    public static List<String> steps(CloudFormationTemplate template) {
        if (!template.section("Parameters").containsKey(MIGRATION_PARAMETER)) {
            return List.of();
        }
        Object allowed =
                CloudFormationTemplate.map(
                                template.section("Parameters").get(MIGRATION_PARAMETER),
                                MIGRATION_PARAMETER)
                        .get("AllowedValues");
        return ((List<Object>) allowed).stream().map(String::valueOf).toList();
    }

    /**
     * The step a deploy without the parameter gets; null when the template has no such parameter.
     */
    public static String defaultStep(CloudFormationTemplate template) {
        if (!template.section("Parameters").containsKey(MIGRATION_PARAMETER)) {
            return null;
        }
        return String.valueOf(
                Objects.requireNonNull(
                        template.parameterDefault(MIGRATION_PARAMETER),
                        MIGRATION_PARAMETER + "'s default"));
    }

    /**
     * The step {@value #STEP_PROPERTY} names, else the default; null when the template has no such
     * parameter.
     */
    public static String localStep(CloudFormationTemplate template) {
        return localStep(template, System.getProperty(STEP_PROPERTY));
    }

    /** The step {@code named}, or the template's default when null. */
    public static String localStep(CloudFormationTemplate template, String named) {
        return steps(template).isEmpty()
                ? null
                : Objects.requireNonNullElse(named, defaultStep(template));
    }

    /** The step after {@code step}. */
    public static String nextStep(CloudFormationTemplate template, String step) {
        List<String> steps = steps(template);
        int at = steps.indexOf(step);
        if (at < 0 || at == steps.size() - 1) {
            throw new IllegalArgumentException("no step after " + step + " in " + steps);
        }
        return steps.get(at + 1);
    }

    /** The global secondary indexes at one step (null: the default), as CreateTable takes them. */
    public static List<GlobalSecondaryIndex> indexesAt(
            CloudFormationTemplate template, String step) {
        return shapeAt(template, step).indexes();
    }

    /**
     * The attribute definitions and indexes at one step (null: the default), the template's Fn::If
     * resolved.
     */
    public static Shape shapeAt(CloudFormationTemplate template, String step) {
        TemplateConditions conditions =
                new TemplateConditions(template, parameters(template, step));
        Map<String, Object> table = template.properties(TABLE_RESOURCE);
        List<AttributeDefinition> attributes =
                list(conditions.resolve(table.get("AttributeDefinitions"))).stream()
                        .map(
                                d ->
                                        AttributeDefinition.builder()
                                                .attributeName((String) d.get("AttributeName"))
                                                .attributeType((String) d.get("AttributeType"))
                                                .build())
                        .toList();
        Object declared = conditions.resolve(table.get("GlobalSecondaryIndexes"));
        List<GlobalSecondaryIndex> indexes =
                declared == null
                        ? List.of()
                        : list(declared).stream()
                                .map(
                                        index ->
                                                GlobalSecondaryIndex.builder()
                                                        .indexName((String) index.get("IndexName"))
                                                        .keySchema(keySchema(index))
                                                        .projection(
                                                                projection(
                                                                        CloudFormationTemplate.map(
                                                                                index.get(
                                                                                        "Projection"),
                                                                                "Projection")))
                                                        .build())
                                .toList();
        return new Shape(attributes, indexes);
    }

    /**
     * Moves the table from {@code step} to the next step as that stack update would: one
     * UpdateTable that creates one index (with the attribute definitions of the next step) or
     * deletes one. Returns the next step; the table is UPDATING until {@link #awaitActive} sees it
     * ACTIVE. A pair of steps that would need more fails before any call.
     */
    public static String advance(
            DynamoDbClient client, CloudFormationTemplate template, String tableName, String step) {
        String next = nextStep(template, step);
        Shape from = shapeAt(template, step);
        Shape to = shapeAt(template, next);
        Map<String, GlobalSecondaryIndex> before = byName(from.indexes());
        Map<String, GlobalSecondaryIndex> after = byName(to.indexes());
        List<GlobalSecondaryIndex> created =
                after.values().stream()
                        .filter(index -> !before.containsKey(index.indexName()))
                        .toList();
        List<String> deleted =
                before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
        List<String> changed =
                after.keySet().stream()
                        .filter(
                                name ->
                                        before.containsKey(name)
                                                && !before.get(name).equals(after.get(name)))
                        .toList();
        if (created.size() + deleted.size() != 1 || !changed.isEmpty()) {
            throw new IllegalStateException(
                    "step "
                            + step
                            + " to "
                            + next
                            + " creates "
                            + created.stream().map(GlobalSecondaryIndex::indexName).toList()
                            + ", deletes "
                            + deleted
                            + " and changes "
                            + changed
                            + ": one update creates or deletes one index and changes none");
        }
        if (created.isEmpty()) {
            client.updateTable(
                    request ->
                            request.tableName(tableName)
                                    .globalSecondaryIndexUpdates(
                                            GlobalSecondaryIndexUpdate.builder()
                                                    .delete(
                                                            delete ->
                                                                    delete.indexName(
                                                                            deleted.get(0)))
                                                    .build()));
        } else {
            GlobalSecondaryIndex index = created.get(0);
            client.updateTable(
                    request ->
                            request.tableName(tableName)
                                    .attributeDefinitions(to.attributes())
                                    .globalSecondaryIndexUpdates(
                                            GlobalSecondaryIndexUpdate.builder()
                                                    .create(
                                                            create ->
                                                                    create.indexName(
                                                                                    index
                                                                                            .indexName())
                                                                            .keySchema(
                                                                                    index
                                                                                            .keySchema())
                                                                            .projection(
                                                                                    index
                                                                                            .projection()))
                                                    .build()));
        }
        return next;
    }

    /**
     * Waits until the table and every one of its indexes are ACTIVE (a deleted index gone), as the
     * next step must.
     */
    public static TableDescription awaitActive(
            DynamoDbClient client, String tableName, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            TableDescription table =
                    client.describeTable(request -> request.tableName(tableName)).table();
            boolean indexesActive =
                    table.globalSecondaryIndexes().stream()
                            .map(GlobalSecondaryIndexDescription::indexStatus)
                            .allMatch(IndexStatus.ACTIVE::equals);
            if (table.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return table;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        tableName
                                + " not ACTIVE within "
                                + timeout
                                + ": "
                                + table.tableStatus()
                                + ", indexes "
                                + table.globalSecondaryIndexes().stream()
                                        .map(index -> index.indexName() + " " + index.indexStatus())
                                        .toList());
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, String> parameters(CloudFormationTemplate template, String step) {
        if (step == null) {
            return Map.of();
        }
        if (!steps(template).contains(step)) {
            throw new IllegalArgumentException(
                    MIGRATION_PARAMETER + " " + step + " is not one of " + steps(template));
        }
        return Map.of(MIGRATION_PARAMETER, step);
    }

    @SuppressWarnings("unchecked")
    private static Projection projection(Map<String, Object> projection) {
        return Projection.builder()
                .projectionType((String) projection.get("ProjectionType"))
                .nonKeyAttributes((List<String>) projection.get("NonKeyAttributes"))
                .build();
    }

    private static Map<String, GlobalSecondaryIndex> byName(List<GlobalSecondaryIndex> indexes) {
        Map<String, GlobalSecondaryIndex> byName = new LinkedHashMap<>();
        indexes.forEach(index -> byName.put(index.indexName(), index));
        return byName;
    }

    private static List<KeySchemaElement> keySchema(Map<String, Object> owner) {
        return list(owner.get("KeySchema")).stream()
                .map(
                        k ->
                                KeySchemaElement.builder()
                                        .attributeName((String) k.get("AttributeName"))
                                        .keyType((String) k.get("KeyType"))
                                        .build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
