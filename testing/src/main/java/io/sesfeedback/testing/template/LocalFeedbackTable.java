package io.sesfeedback.testing.template;

import io.sesfeedback.testing.moto.MotoDynamoDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The feedback table, created exactly as template.yaml declares it, on moto's DynamoDB: in memory,
 * on this JVM's shared server under a name of its own and deleted on close; or persistent, on a
 * server of its own whose state is a journal file that outlives the process (the local store {@code
 * bin/replay} fills and {@code bin/ses-feedback} reads).
 */
public final class LocalFeedbackTable implements AutoCloseable {

    private final MotoDynamoDb server;

    /**
     * The persistent table's own server, stopped on close; null in memory, where the server is
     * shared.
     */
    private final MotoDynamoDb ownServer;

    private final DynamoDbClient client;
    private final String tableName;

    private LocalFeedbackTable(
            MotoDynamoDb server, boolean own, CloudFormationTemplate template, String tableName) {
        this.server = server;
        this.ownServer = own ? server : null;
        this.client = server.client();
        this.tableName = tableName;
        try {
            if (!client.listTables().tableNames().contains(tableName)) {
                TemplateTable.create(client, template, tableName);
            }
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * A fresh table on the shared server, named {@code name} and a random suffix, deleted on close.
     */
    public static LocalFeedbackTable inMemory(CloudFormationTemplate template, String name) {
        return new LocalFeedbackTable(
                MotoDynamoDb.shared(), false, template, name + "-" + UUID.randomUUID());
    }

    /**
     * The table in {@code journal}, created the first time; {@code fresh} deletes what an earlier
     * run stored. Its server replays the journal as it starts; one server at a time holds a
     * journal, another waits until it is let go.
     */
    public static LocalFeedbackTable persistent(
            Path journal, boolean fresh, CloudFormationTemplate template, String tableName)
            throws IOException {
        if (fresh) {
            Files.deleteIfExists(journal);
        }
        Files.createDirectories(journal.toAbsolutePath().getParent());
        return new LocalFeedbackTable(MotoDynamoDb.journaled(journal), true, template, tableName);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    /** The server the table is on, for another client (its own interceptors, another process). */
    public MotoDynamoDb server() {
        return server;
    }

    /**
     * In memory, deletes the table; persistent, stops its server, every acknowledged write being in
     * the journal.
     */
    @Override
    public void close() {
        try {
            if (ownServer == null) {
                client.deleteTable(request -> request.tableName(tableName));
            }
        } finally {
            release();
        }
    }

    private void release() {
        client.close();
        if (ownServer != null) {
            ownServer.close();
        }
    }
}
