package io.sesfeedback.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in this process, holding the feedback table exactly as template.yaml declares it: in memory, or in
 * a database file that outlives the process (the local store {@code bin/replay} fills and {@code bin/ses-feedback} reads).
 */
public final class EmbeddedFeedbackTable implements AutoCloseable {

    /** Local runs and builds stay off the network. */
    private static final boolean DISABLE_TELEMETRY = true;

    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final DynamoDbClient client;
    private final String tableName;

    public EmbeddedFeedbackTable(CloudFormationTemplate template, String tableName) {
        this(DynamoDBEmbedded.create(DISABLE_TELEMETRY), template, tableName);
    }

    private EmbeddedFeedbackTable(AmazonDynamoDBLocal dynamoDbLocal, CloudFormationTemplate template, String tableName) {
        this.dynamoDbLocal = dynamoDbLocal;
        this.client = dynamoDbLocal.dynamoDbClient();
        this.tableName = tableName;
        if (!client.listTables().tableNames().contains(tableName)) {
            TemplateTable.create(client, template, tableName);
        }
    }

    /** The table in a database file, created with the file; {@code fresh} deletes what an earlier run stored. */
    public static EmbeddedFeedbackTable onDisk(Path databaseFile, boolean fresh, CloudFormationTemplate template,
                                               String tableName) throws IOException {
        if (fresh) {
            Files.deleteIfExists(databaseFile);
        }
        Files.createDirectories(databaseFile.toAbsolutePath().getParent());
        return new EmbeddedFeedbackTable(DynamoDBEmbedded.create(databaseFile.toFile(), DISABLE_TELEMETRY), template, tableName);
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
