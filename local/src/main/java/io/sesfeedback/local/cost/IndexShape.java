package io.sesfeedback.local.cost;

import io.sesfeedback.local.CloudFormationTemplate;
import io.sesfeedback.local.TemplateTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A global secondary index as template.yaml declares it: its name, its key attributes (the partition key first) and
 * what it projects. An item is in the index when it has every key attribute (a sparse index leaves the others out).
 */
record IndexShape(String name, List<String> keys, String projectionType, List<String> nonKeyAttributes) {

    /** The table's own key, which every index entry carries; its partition key first. */
    static final List<String> TABLE_KEYS = List.of("pk", "sk");
    static final String PARTITION_KEY = TABLE_KEYS.get(0);

    @SuppressWarnings("unchecked")
    static List<IndexShape> of(CloudFormationTemplate template) {
        List<Map<String, Object>> indexes = (List<Map<String, Object>>) template.properties(TemplateTable.TABLE_RESOURCE)
                .get("GlobalSecondaryIndexes");
        return indexes.stream().map(index -> {
            Map<String, Object> projection = (Map<String, Object>) index.get("Projection");
            return new IndexShape((String) index.get("IndexName"),
                    ((List<Map<String, Object>>) index.get("KeySchema")).stream().map(key -> (String) key.get("AttributeName")).toList(),
                    (String) projection.get("ProjectionType"),
                    (List<String>) projection.getOrDefault("NonKeyAttributes", List.of()));
        }).toList();
    }

    String partitionKey() {
        return keys.get(0);
    }

    boolean holds(Map<String, ?> item) {
        return item.keySet().containsAll(keys);
    }

    /**
     * The index entry of an item it holds: the table's and the index's keys, and what the projection adds (every
     * attribute for ALL, the listed ones for INCLUDE, none for KEYS_ONLY).
     */
    <V> Map<String, V> entry(Map<String, V> item) {
        if ("ALL".equals(projectionType)) {
            return item;
        }
        Map<String, V> entry = new LinkedHashMap<>();
        item.forEach((attribute, value) -> {
            boolean key = TABLE_KEYS.contains(attribute) || keys.contains(attribute);
            if (key || "INCLUDE".equals(projectionType) && nonKeyAttributes.contains(attribute)) {
                entry.put(attribute, value);
            }
        });
        return entry;
    }
}
