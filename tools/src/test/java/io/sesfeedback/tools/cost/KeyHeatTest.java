package io.sesfeedback.tools.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where write units land, per partition-key value, and the ceiling the hottest one sets for each
 * message type.
 */
class KeyHeatTest {

    @Test
    void theHottestKeyValueOfATargetIsItsShareOfThatTargetsUnits() {
        KeyHeat heat = new KeyHeat();
        heat.notification("Delivery");
        heat.write("ByType", "Delivery", 2);
        heat.write("ByType", "Bounce", 1);
        heat.write("ByType", "Delivery", 1);

        KeyHeat.Spread spread = heat.spread("ByType");

        assertThat(spread.units()).isEqualTo(4);
        assertThat(spread.keyValues()).isEqualTo(2);
        assertThat(spread.hottestKey()).isEqualTo("Delivery");
        assertThat(spread.hottestShare()).isCloseTo(0.75, within(1e-9));
    }

    /** Two units a delivery on one key value: 1,000 units a second is 500 deliveries a second. */
    @Test
    void aTypesCeilingIsAThousandUnitsOverWhatOneOfItsNotificationsPutsOnItsHottestKey() {
        KeyHeat heat = new KeyHeat();
        for (int i = 0; i < 4; i++) {
            heat.notification("Delivery");
            heat.write("table", "MESSAGE#" + i, 2);
            heat.write("ByType", "Delivery", 2);
        }

        KeyHeat.Ceiling ceiling = heat.ceiling("Delivery");

        assertThat(ceiling.partition()).isEqualTo(new KeyHeat.Partition("ByType", "Delivery"));
        assertThat(ceiling.unitsPerNotification()).isEqualTo(2);
        assertThat(ceiling.notificationsPerSecond()).isEqualTo(500);
    }

    @Test
    void anIndexEntryHoldsTheKeysAndWhatItsProjectionAdds() {
        Map<String, String> item =
                Map.of(
                        "pk",
                        "p",
                        "sk",
                        "s",
                        "messageType",
                        "Bounce",
                        "eventKey",
                        "e",
                        "raw",
                        "{...}",
                        "occurredAt",
                        "2026-12-01T00:00:00Z");

        assertThat(
                        new IndexShape(
                                        "ByType",
                                        List.of("messageType", "eventKey"),
                                        "ALL",
                                        List.of())
                                .entry(item))
                .isEqualTo(item);
        assertThat(
                        new IndexShape(
                                        "ByType",
                                        List.of("messageType", "eventKey"),
                                        "KEYS_ONLY",
                                        List.of())
                                .entry(item))
                .containsOnlyKeys("pk", "sk", "messageType", "eventKey");
        assertThat(
                        new IndexShape(
                                        "ByType",
                                        List.of("messageType", "eventKey"),
                                        "INCLUDE",
                                        List.of("occurredAt"))
                                .entry(item))
                .containsOnlyKeys("pk", "sk", "messageType", "eventKey", "occurredAt");
    }

    @Test
    void theIndexesAreTemplateYamlsAtItsDefaultStepWithTheirPartitionKeyFirst() throws Exception {
        List<IndexShape> indexes =
                IndexShape.of(CloudFormationTemplate.load(Path.of("template.yaml")));

        assertThat(indexes)
                .extracting(IndexShape::name)
                .containsExactly("TypeShards", "MailMessages", "SuppressedShards");
        assertThat(indexes)
                .extracting(IndexShape::partitionKey)
                .containsExactly("typeShard", "sesMessageId", "suppressionShard");
        assertThat(indexes)
                .extracting(IndexShape::projectionType)
                .containsExactly("INCLUDE", "KEYS_ONLY", "INCLUDE");
        assertThat(indexes.get(0).nonKeyAttributes())
                .contains("messageType", "occurredAt")
                .doesNotContain("rawGzip");
        assertThat(indexes.get(0).holds(Map.of("typeShard", "Bounce#03", "eventKey", "e")))
                .isTrue();
        assertThat(indexes.get(2).holds(Map.of("pk", "RECIPIENT#a@example.com", "sk", "STATUS")))
                .as("sparse")
                .isFalse();
    }

    @Test
    void atStepZeroTheIndexesAreTheOnesBeforeTheShards() throws Exception {
        List<IndexShape> indexes =
                IndexShape.of(CloudFormationTemplate.load(Path.of("template.yaml")), "0");

        assertThat(indexes)
                .extracting(IndexShape::name)
                .containsExactly("ByType", "ByMail", "Suppressed");
        assertThat(indexes)
                .extracting(IndexShape::partitionKey)
                .containsExactly("messageType", "sesMessageId", "suppressionList");
        assertThat(indexes).extracting(IndexShape::projectionType).containsOnly("ALL");
    }
}
