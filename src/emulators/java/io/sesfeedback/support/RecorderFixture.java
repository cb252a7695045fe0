package io.sesfeedback.support;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.recorder.AccountEnvironments;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A recorder on a fresh table created from template.yaml on moto's DynamoDB, with its log lines in
 * memory.
 */
public final class RecorderFixture implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    public static final Duration RETENTION = Duration.ofDays(400);

    /** The metrics namespace template.yaml gives a stack named ses-feedback-test. */
    public static final String METRICS_NAMESPACE = "ses-feedback/ses-feedback-test";

    public static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("template.yaml"));

    private final LocalFeedbackTable table;
    private final CollectingLog log = new CollectingLog();

    public RecorderFixture() {
        this.table = LocalFeedbackTable.inMemory(TEMPLATE, "feedback-test");
    }

    public FeedbackRecorder recorder() {
        return recorder(log);
    }

    public FeedbackRecorder recorder(FeedbackLog feedbackLog) {
        return new FeedbackRecorder(new NotificationParser(), store(table.client()), feedbackLog);
    }

    /** A recorder that names each message's environment from {@code environments}. */
    public FeedbackRecorder recorder(AccountEnvironments environments) {
        return new FeedbackRecorder(
                new NotificationParser(), store(table.client()), log, environments);
    }

    /** A recorder on another DynamoDB endpoint, writing the same log. */
    public FeedbackRecorder recorder(DynamoDbClient dynamo) {
        return new FeedbackRecorder(new NotificationParser(), store(dynamo), log);
    }

    private FeedbackStore store(DynamoDbClient dynamo) {
        return new FeedbackStore(
                dynamo, table.tableName(), RETENTION, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public FeedbackQueries queries() {
        return new FeedbackQueries(table.client(), table.tableName());
    }

    public DynamoDbClient dynamo() {
        return table.client();
    }

    public String tableName() {
        return table.tableName();
    }

    /** Every item, in key order: what "the table is unchanged" compares. */
    public List<Map<String, AttributeValue>> allItems() {
        return table.client().scanPaginator(r -> r.tableName(table.tableName())).items().stream()
                .sorted(
                        Comparator.comparing(
                                        (Map<String, AttributeValue> item) ->
                                                item.get(FeedbackTable.PK).s())
                                .thenComparing(item -> item.get(FeedbackTable.SK).s()))
                .toList();
    }

    public List<String> logLines() {
        return log.lines();
    }

    @Override
    public void close() {
        table.close();
    }
}
