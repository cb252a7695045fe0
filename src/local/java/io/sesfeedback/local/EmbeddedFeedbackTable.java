package io.sesfeedback.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local in this process, holding the feedback table exactly as template.yaml declares it. */
public final class EmbeddedFeedbackTable implements AutoCloseable {

    /** Local runs and builds stay off the network. */
    private static final boolean DISABLE_TELEMETRY = true;

    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final DynamoDbClient client;
    private final String tableName;

    public EmbeddedFeedbackTable(CloudFormationTemplate template, String tableName) {
        this.dynamoDbLocal = DynamoDBEmbedded.create(DISABLE_TELEMETRY);
        this.client = dynamoDbLocal.dynamoDbClient();
        this.tableName = tableName;
        TemplateTable.create(client, template, tableName);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    @Override
    public void close() {
        client.close();
        dynamoDbLocal.shutdown();
    }
}
