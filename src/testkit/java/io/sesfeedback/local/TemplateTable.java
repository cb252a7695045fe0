package io.sesfeedback.local;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/** Creates the feedback table exactly as template.yaml declares it: keys, attributes, indexes and TTL attribute. */
public final class TemplateTable {

    public static final String TABLE_RESOURCE = "FeedbackTable";

    private TemplateTable() {
    }

    public static void create(DynamoDbClient client, CloudFormationTemplate template, String tableName) {
        Map<String, Object> table = template.properties(TABLE_RESOURCE);
        client.createTable(request -> request
                .tableName(tableName)
                .billingMode(BillingMode.fromValue((String) table.get("BillingMode")))
                .attributeDefinitions(list(table, "AttributeDefinitions").stream()
                        .map(d -> AttributeDefinition.builder()
                                .attributeName((String) d.get("AttributeName"))
                                .attributeType((String) d.get("AttributeType"))
                                .build())
                        .toList())
                .keySchema(keySchema(table))
                .globalSecondaryIndexes(list(table, "GlobalSecondaryIndexes").stream()
                        .map(index -> GlobalSecondaryIndex.builder()
                                .indexName((String) index.get("IndexName"))
                                .keySchema(keySchema(index))
                                .projection(projection(CloudFormationTemplate.map(index.get("Projection"), "Projection")))
                                .build())
                        .toList()));
        Map<String, Object> ttl = CloudFormationTemplate.map(table.get("TimeToLiveSpecification"), "TimeToLiveSpecification");
        client.updateTimeToLive(request -> request.tableName(tableName).timeToLiveSpecification(spec -> spec
                .attributeName((String) ttl.get("AttributeName"))
                .enabled((Boolean) ttl.get("Enabled"))));
    }

    @SuppressWarnings("unchecked")
    private static Projection projection(Map<String, Object> projection) {
        return Projection.builder()
                .projectionType((String) projection.get("ProjectionType"))
                .nonKeyAttributes((List<String>) projection.get("NonKeyAttributes"))
                .build();
    }

    private static List<KeySchemaElement> keySchema(Map<String, Object> owner) {
        return list(owner, "KeySchema").stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName((String) k.get("AttributeName"))
                        .keyType((String) k.get("KeyType"))
                        .build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> owner, String name) {
        return (List<Map<String, Object>>) owner.get(name);
    }
}
