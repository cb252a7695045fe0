package io.sesfeedback.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * DynamoDB Local in this process, holding the feedback table exactly as template.yaml declares it:
 * key schema, attribute definitions, global secondary indexes and TTL attribute are read from the template.
 */
public final class EmbeddedFeedbackTable implements AutoCloseable {

    public static final String TABLE_RESOURCE = "FeedbackTable";
    /** Local runs and builds stay off the network. */
    private static final boolean DISABLE_TELEMETRY = true;

    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final DynamoDbClient client;
    private final String tableName;

    public EmbeddedFeedbackTable(CloudFormationTemplate template, String tableName) {
        this.dynamoDbLocal = DynamoDBEmbedded.create(DISABLE_TELEMETRY);
        this.client = dynamoDbLocal.dynamoDbClient();
        this.tableName = tableName;
        createFrom(template.properties(TABLE_RESOURCE));
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    private void createFrom(Map<String, Object> table) {
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
                                .projection(Projection.builder().projectionType((String)
                                        CloudFormationTemplate.map(index.get("Projection"), "Projection")
                                                .get("ProjectionType")).build())
                                .build())
                        .toList()));
        Map<String, Object> ttl = CloudFormationTemplate.map(table.get("TimeToLiveSpecification"), "TimeToLiveSpecification");
        client.updateTimeToLive(request -> request.tableName(tableName).timeToLiveSpecification(spec -> spec
                .attributeName((String) ttl.get("AttributeName"))
                .enabled((Boolean) ttl.get("Enabled"))));
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

    @Override
    public void close() {
        client.close();
        dynamoDbLocal.shutdown();
    }
}
