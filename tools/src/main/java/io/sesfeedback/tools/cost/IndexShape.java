package io.sesfeedback.tools.cost;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * A global secondary index as template.yaml declares it: its name, its key attributes (the
 * partition key first) and what it projects. An item is in the index when it has every key
 * attribute (a sparse index leaves the others out).
 */
record IndexShape(
        String name, List<String> keys, String projectionType, List<String> nonKeyAttributes) {

    /** The table's own key, which every index entry carries; its partition key first. */
    static final List<String> TABLE_KEYS = List.of("pk", "sk");

    static final String PARTITION_KEY = TABLE_KEYS.get(0);

    /** The indexes at the template's default IndexMigrationStep. */
    static List<IndexShape> of(CloudFormationTemplate template) {
        return of(template, null);
    }

    /**
     * The indexes at one IndexMigrationStep (null: the default), the template's Fn::If resolved as
     * a deploy would.
     */
    static List<IndexShape> of(CloudFormationTemplate template, String step) {
        return TemplateTable.indexesAt(template, step).stream()
                .map(
                        index ->
                                new IndexShape(
                                        index.indexName(),
                                        index.keySchema().stream()
                                                .map(KeySchemaElement::attributeName)
                                                .toList(),
                                        index.projection().projectionTypeAsString(),
                                        index.projection().nonKeyAttributes()))
                .toList();
    }

    String partitionKey() {
        return keys.get(0);
    }

    boolean holds(Map<String, ?> item) {
        return item.keySet().containsAll(keys);
    }

    /**
     * The index entry of an item it holds: the table's and the index's keys, and what the
     * projection adds (every attribute for ALL, the listed ones for INCLUDE, none for KEYS_ONLY).
     */
    <V> Map<String, V> entry(Map<String, V> item) {
        if ("ALL".equals(projectionType)) {
            return item;
        }
        Map<String, V> entry = new LinkedHashMap<>();
        item.forEach(
                (attribute, value) -> {
                    boolean key = TABLE_KEYS.contains(attribute) || keys.contains(attribute);
                    if (key
                            || "INCLUDE".equals(projectionType)
                                    && nonKeyAttributes.contains(attribute)) {
                        entry.put(attribute, value);
                    }
                });
        return entry;
    }
}
