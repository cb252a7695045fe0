package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/**
 * IndexMigrationStep: the table's indexes at each step, as CloudFormation resolves the template's
 * conditions, from the three indexes of before (0) to the three sharded ones (6, the default), one
 * index created or deleted per deploy.
 */
class IndexMigrationStepsTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final String TABLE = TemplateTable.TABLE_RESOURCE;
    private static final List<String> STEPS = List.of("0", "1", "2", "3", "4", "5", "6");

    /** What each step does, as the parameter's description and docs/deploy.md say. */
    private static final List<String> CHANGES =
            List.of(
                    "creates [TypeShards]",
                    "deletes [ByType]",
                    "creates [MailMessages]",
                    "deletes [ByMail]",
                    "creates [SuppressedShards]",
                    "deletes [Suppressed]");

    static Stream<String> steps() {
        return STEPS.stream();
    }

    @Test
    void theStepsRunFromZeroToSixAndANewStackDeploysTheLast() {
        assertThat(DeployRules.migrationSteps(TEMPLATE)).isEqualTo(STEPS);
        assertThat(TemplateTable.steps(TEMPLATE)).isEqualTo(STEPS);

        assertThat(TEMPLATE.parameterDefault(DeployRules.MIGRATION_PARAMETER)).isEqualTo("6");
        assertThat(TemplateTable.defaultStep(TEMPLATE)).isEqualTo("6");
    }

    @Test
    void givenStepZeroTheTableHasTheThreeIndexesOfBeforeTheShardsEachProjectingEverything() {
        Map<String, Object> indexes = indexes("0");

        assertThat(indexes)
                .containsOnlyKeys(
                        FeedbackTable.BY_TYPE_INDEX,
                        FeedbackTable.BY_MAIL_INDEX,
                        FeedbackTable.SUPPRESSED_INDEX);
        assertThat(indexes.get(FeedbackTable.BY_TYPE_INDEX))
                .isEqualTo(
                        index(
                                FeedbackTable.MESSAGE_TYPE,
                                FeedbackTable.EVENT_KEY,
                                Map.of("ProjectionType", "ALL")));
        assertThat(indexes.get(FeedbackTable.BY_MAIL_INDEX))
                .isEqualTo(
                        index(
                                FeedbackTable.SES_MESSAGE_ID,
                                FeedbackTable.EVENT_KEY,
                                Map.of("ProjectionType", "ALL")));
        assertThat(indexes.get(FeedbackTable.SUPPRESSED_INDEX))
                .isEqualTo(
                        index(
                                FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE,
                                FeedbackTable.SUPPRESSED_AT,
                                Map.of("ProjectionType", "ALL")));
    }

    @Test
    void whenTheStepsAreDeployedInOrderEachCreatesOrDeletesTheOneIndexItNamesAndChangesNoOther() {
        List<String> done = new ArrayList<>();
        for (int step = 1; step < STEPS.size(); step++) {
            DeployRules.IndexChanges changes =
                    DeployRules.indexChanges(
                            indexes(STEPS.get(step - 1)), indexes(STEPS.get(step)));

            assertThat(changes.count()).as("step %s: %s", STEPS.get(step), changes).isEqualTo(1);
            assertThat(changes.changed())
                    .as("step %s changes no index in place", STEPS.get(step))
                    .isEmpty();
            done.add(
                    changes.created().isEmpty()
                            ? "deletes " + changes.deleted()
                            : "creates " + changes.created());
        }

        assertThat(done).isEqualTo(CHANGES);
    }

    @Test
    void givenTheDefaultTheTableHasTheShardedIndexesOnly() {
        Map<String, Object> indexes = indexes(null);

        assertThat(indexes).isEqualTo(indexes("6"));
        assertThat(indexes)
                .containsOnlyKeys(
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.MAIL_MESSAGES_INDEX,
                        FeedbackTable.SUPPRESSED_SHARDS_INDEX);
        assertThat(indexes.get(FeedbackTable.TYPE_SHARDS_INDEX))
                .isEqualTo(
                        index(
                                FeedbackTable.TYPE_SHARD,
                                FeedbackTable.EVENT_KEY,
                                Map.of(
                                        "ProjectionType",
                                        "INCLUDE",
                                        "NonKeyAttributes",
                                        FeedbackTable.TYPE_SHARDS_PROJECTION)));
        assertThat(indexes.get(FeedbackTable.MAIL_MESSAGES_INDEX))
                .isEqualTo(
                        index(
                                FeedbackTable.SES_MESSAGE_ID,
                                FeedbackTable.EVENT_KEY,
                                Map.of("ProjectionType", "KEYS_ONLY")));
        assertThat(indexes.get(FeedbackTable.SUPPRESSED_SHARDS_INDEX))
                .isEqualTo(
                        index(
                                FeedbackTable.SUPPRESSION_SHARD,
                                FeedbackTable.SUPPRESSED_AT,
                                Map.of(
                                        "ProjectionType",
                                        "INCLUDE",
                                        "NonKeyAttributes",
                                        FeedbackTable.SUPPRESSED_SHARDS_PROJECTION)));
    }

    /** DynamoDB refuses an attribute definition no key uses, and a key without one. */
    @ParameterizedTest(name = "step {0}")
    @MethodSource("steps")
    void atEveryStepTheAttributeDefinitionsAreExactlyTheKeysAttributesAllStrings(String step) {
        List<Map<String, Object>> definitions = attributeDefinitions(step);
        Set<String> keys = new TreeSet<>(List.of(FeedbackTable.PK, FeedbackTable.SK));
        indexes(step).values().forEach(index -> keyAttributes(index).forEach(keys::add));

        assertThat(definitions)
                .extracting(definition -> definition.get("AttributeName"))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(definitions)
                .extracting(definition -> definition.get("AttributeType"))
                .containsOnly("S");
    }

    /**
     * The projections carry what the readers need and no more: the store names them once, and the
     * template follows.
     */
    @ParameterizedTest(name = "step {0}")
    @MethodSource("steps")
    void atEveryStepAnIncludedProjectionListsWhatFeedbackTableDeclares(String step) {
        Map<String, List<String>> declared =
                Map.of(
                        FeedbackTable.TYPE_SHARDS_INDEX,
                        FeedbackTable.TYPE_SHARDS_PROJECTION,
                        FeedbackTable.SUPPRESSED_SHARDS_INDEX,
                        FeedbackTable.SUPPRESSED_SHARDS_PROJECTION);

        indexes(step)
                .forEach(
                        (name, index) -> {
                            Map<?, ?> projection = (Map<?, ?>) ((List<?>) index).get(1);
                            if ("INCLUDE".equals(projection.get("ProjectionType"))) {
                                assertThat(projection.get("NonKeyAttributes"))
                                        .as("%s at step %s", name, step)
                                        .isEqualTo(declared.get(name));
                            }
                        });
    }

    /**
     * The emulators' table is the deployed one: TemplateTable resolves the conditions as
     * CloudFormation would.
     */
    @ParameterizedTest(name = "step {0}")
    @MethodSource("steps")
    void atEveryStepTheLocalTableHasTheIndexesAndAttributesADeployWouldGive(String step) {
        TemplateTable.Shape shape = TemplateTable.shapeAt(TEMPLATE, step);

        Map<String, Object> local = new LinkedHashMap<>();
        shape.indexes().forEach(index -> local.put(index.indexName(), declared(index)));
        assertThat(local).isEqualTo(indexes(step));
        assertThat(shape.attributes())
                .extracting(AttributeDefinition::attributeName)
                .isEqualTo(
                        attributeDefinitions(step).stream()
                                .map(definition -> definition.get("AttributeName"))
                                .toList());
    }

    @Test
    void theParameterSaysWhatEachStepDoesAndWhereTheUpgradeIsDescribed() throws IOException {
        String description =
                (String)
                        CloudFormationTemplate.map(
                                        TEMPLATE.section("Parameters")
                                                .get(DeployRules.MIGRATION_PARAMETER),
                                        "parameter")
                                .get("Description");

        assertThat(description)
                .contains(
                        "docs/deploy.md",
                        "Upgrading to the sharded indexes",
                        "1 adds TypeShards",
                        "2 deletes ByType",
                        "3 adds MailMessages",
                        "4 deletes ByMail",
                        "5 adds SuppressedShards",
                        "6 deletes Suppressed");
        assertThat(Files.readString(Path.of("docs", "deploy.md")))
                .contains("### Upgrading to the sharded indexes");
    }

    /**
     * The table's indexes at one step (null: the default), as {@link DeployRules#indexes} resolves
     * them.
     */
    private static Map<String, Object> indexes(String step) {
        return DeployRules.indexes(
                TEMPLATE,
                TABLE,
                step == null ? Map.of() : Map.of(DeployRules.MIGRATION_PARAMETER, step));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attributeDefinitions(String step) {
        return (List<Map<String, Object>>)
                new Intrinsics(
                                TEMPLATE,
                                "ses-feedback-dev",
                                "eu-west-1",
                                Map.of(DeployRules.MIGRATION_PARAMETER, step))
                        .property(TABLE, "AttributeDefinitions")
                        .orElseThrow();
    }

    private static List<Object> index(
            String partitionKey, String sortKey, Map<String, Object> projection) {
        return List.of(
                List.of(
                        Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                        Map.of("AttributeName", sortKey, "KeyType", "RANGE")),
                projection);
    }

    private static Stream<String> keyAttributes(Object index) {
        return ((List<?>) ((List<?>) index).get(0))
                .stream().map(key -> (String) ((Map<?, ?>) key).get("AttributeName"));
    }

    /** A CreateTable index as the template declares it: its key schema and projection. */
    private static List<Object> declared(GlobalSecondaryIndex index) {
        Map<String, Object> projection = new LinkedHashMap<>();
        projection.put("ProjectionType", index.projection().projectionTypeAsString());
        if (index.projection().hasNonKeyAttributes()) {
            projection.put("NonKeyAttributes", index.projection().nonKeyAttributes());
        }
        List<Map<String, Object>> keys =
                index.keySchema().stream()
                        .map(
                                key ->
                                        Map.<String, Object>of(
                                                "AttributeName",
                                                key.attributeName(),
                                                "KeyType",
                                                key.keyTypeAsString()))
                        .toList();
        return List.of(keys, projection);
    }
}
