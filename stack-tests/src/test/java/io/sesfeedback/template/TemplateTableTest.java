package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The table as template.yaml declares it at each IndexMigrationStep, and the one UpdateTable from
 * each step to the next.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class TemplateTableTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final Duration ACTIVE = Duration.ofSeconds(30);

    private static DynamoDbClient dynamo;

    @BeforeAll
    static void connect(MotoServer moto) {
        dynamo =
                DynamoDbClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("testing", "testing")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
    }

    @AfterAll
    static void disconnect() {
        dynamo.close();
    }

    @Test
    void givenATableCreatedAtTheDefaultItHasTheShardedIndexesWithTheProjectionsTheTemplateDeclares()
            throws Exception {
        String table = "feedback-" + UUID.randomUUID();

        TemplateTable.create(dynamo, TEMPLATE, table, TemplateTable.defaultStep(TEMPLATE));

        TableDescription created = TemplateTable.awaitActive(dynamo, table, ACTIVE);
        assertThat(indexes(created)).isEqualTo(declared(TemplateTable.defaultStep(TEMPLATE)));
        assertThat(indexes(created))
                .containsOnlyKeys("TypeShards", "MailMessages", "SuppressedShards");
    }

    @Test
    void
            givenATableAtStepZeroWhenItIsAdvancedStepByStepEachStepHasTheIndexesTheTemplateDeclaresThere()
                    throws Exception {
        String table = "feedback-" + UUID.randomUUID();
        TemplateTable.create(dynamo, TEMPLATE, table, "0");
        assertThat(indexes(TemplateTable.awaitActive(dynamo, table, ACTIVE)))
                .isEqualTo(declared("0"));

        String step = "0";
        while (!step.equals(TemplateTable.defaultStep(TEMPLATE))) {
            step = TemplateTable.advance(dynamo, TEMPLATE, table, step);

            assertThat(indexes(TemplateTable.awaitActive(dynamo, table, ACTIVE)))
                    .as("step %s", step)
                    .isEqualTo(declared(step));
        }
        assertThat(step).isEqualTo("6");
    }

    @Test
    void withoutAStepTheTableIsCreatedAtTheOneThePropertyNamesElseAtTheDefault() {
        assertThat(TemplateTable.localStep(TEMPLATE, "2")).isEqualTo("2");
        assertThat(TemplateTable.localStep(TEMPLATE, null)).isEqualTo("6");
    }

    @Test
    void advancingBeyondTheLastStepIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> TemplateTable.advance(null, TEMPLATE, "never-called", "6"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no step after 6");
    }

    @Test
    void aStepThatIsNotAllowedIsRefused() {
        assertThatThrownBy(() -> TemplateTable.indexesAt(TEMPLATE, "7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IndexMigrationStep 7 is not one of [0, 1, 2, 3, 4, 5, 6]");
    }

    /** Index name to key schema and projection, as DynamoDB describes them. */
    private static Map<String, List<Object>> indexes(TableDescription table) {
        Map<String, List<Object>> indexes = new LinkedHashMap<>();
        for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
            indexes.put(
                    index.indexName(), List.of(index.keySchema(), projection(index.projection())));
        }
        return indexes;
    }

    private static Map<String, List<Object>> declared(String step) {
        Map<String, List<Object>> indexes = new LinkedHashMap<>();
        for (GlobalSecondaryIndex index : TemplateTable.indexesAt(TEMPLATE, step)) {
            indexes.put(
                    index.indexName(), List.of(index.keySchema(), projection(index.projection())));
        }
        return indexes;
    }

    private static List<Object> projection(Projection projection) {
        return List.of(
                projection.projectionTypeAsString(),
                projection.hasNonKeyAttributes() ? projection.nonKeyAttributes() : List.of());
    }
}
