package io.sesfeedback.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in this process, holding the feedback table exactly as template.yaml declares it: in memory, or in
 * a database file that outlives the process (the local store {@code bin/replay} fills and {@code bin/ses-feedback} reads).
 */
public final class EmbeddedFeedbackTable implements AutoCloseable {

    /** Local runs and builds stay off the network. */
    private static final boolean DISABLE_TELEMETRY = true;
    /** sqlite4java names each database's queue thread so. */
    private static final String QUEUE_THREAD_PREFIX = "SQLiteQueue[";
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);
    /** Instances start one at a time, so that each knows which queue thread is its own. */
    private static final Object STARTING = new Object();

    private final AmazonDynamoDBLocal dynamoDbLocal;
    /** The thread that holds the database's SQLite connection, until it has run what was queued. */
    private final Set<Thread> queueThreads;
    private final DynamoDbClient client;
    private final String tableName;

    public EmbeddedFeedbackTable(CloudFormationTemplate template, String tableName) {
        this(null, template, tableName);
    }

    private EmbeddedFeedbackTable(File databaseFile, CloudFormationTemplate template, String tableName) {
        synchronized (STARTING) {
            Set<Thread> before = queueThreads();
            this.dynamoDbLocal = databaseFile == null
                    ? DynamoDBEmbedded.create(DISABLE_TELEMETRY)
                    : DynamoDBEmbedded.create(databaseFile, DISABLE_TELEMETRY);
            this.queueThreads = queueThreads();
            queueThreads.removeAll(before);
        }
        this.client = dynamoDbLocal.dynamoDbClient();
        this.tableName = tableName;
        try {
            if (!client.listTables().tableNames().contains(tableName)) {
                TemplateTable.create(client, template, tableName);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The table in a database file, created with the file; {@code fresh} deletes what an earlier run stored. */
    public static EmbeddedFeedbackTable onDisk(Path databaseFile, boolean fresh, CloudFormationTemplate template,
                                               String tableName) throws IOException {
        if (fresh) {
            Files.deleteIfExists(databaseFile);
        }
        Files.createDirectories(databaseFile.toAbsolutePath().getParent());
        return new EmbeddedFeedbackTable(databaseFile.toFile(), template, tableName);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    /**
     * Shuts DynamoDB Local down and waits until its SQLite connection is closed: its shutdown only asks the queue
     * thread to stop, and a store opened again before that thread ends finds the database locked.
     */
    @Override
    public void close() {
        client.close();
        dynamoDbLocal.shutdown();
        for (Thread thread : queueThreads) {
            try {
                thread.join(RELEASE_TIMEOUT.toMillis());
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " still holds the database after " + RELEASE_TIMEOUT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + thread.getName() + " closed the database", e);
            }
        }
    }

    private static Set<Thread> queueThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(QUEUE_THREAD_PREFIX))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
