package io.sesfeedback.tools.targets;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.localstore.FileFeedbackLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The store a command works on, opened from its options: the local store ({@link
 * LocalStoreTarget}), or a deployed {@link Stack} whose {@link StackOutputs} name the table, log
 * group and queues (each can be given directly instead), its {@link StackParameters} over
 * template.yaml's defaults, and the AWS clients it opened ({@link OpenClients}).
 */
public final class Target implements AutoCloseable {

    private final OpenClients clients;
    private final Stack stack;
    private final StackParameters parameters;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String description;

    private Target(
            OpenClients clients,
            Stack stack,
            StackParameters parameters,
            DynamoDbClient dynamo,
            String table,
            String description) {
        this.clients = clients;
        this.stack = stack;
        this.parameters = parameters;
        this.dynamo = dynamo;
        this.table = table;
        this.description = description;
    }

    static Target open(AwsClients aws, TargetOptions options) {
        OpenClients clients = new OpenClients(aws, options);
        try {
            if (!options.deployed()) {
                LocalFeedbackTable store = clients.closing(LocalStoreTarget.open(options));
                return new Target(
                        clients,
                        Stack.NONE,
                        StackParameters.of(Map.of()),
                        store.client(),
                        store.tableName(),
                        "local store " + LocalStoreTarget.journal(options));
            }
            Stack stack =
                    options.env != null || options.stack != null
                            ? Stack.find(aws, options)
                            : Stack.NONE;
            String where =
                    stack.name() != null ? "stack " + stack.name() : "table " + options.table;
            String table =
                    options.table != null ? options.table : stack.outputs().get(StackOutputs.TABLE);
            if (table == null) {
                throw new UserError(
                        where
                                + " has no "
                                + StackOutputs.TABLE
                                + " output: is it a ses-feedback stack?");
            }
            return new Target(
                    clients,
                    stack,
                    StackParameters.of(stack.parameters()),
                    clients.client(DynamoDbClient.builder(), "dynamodb"),
                    table,
                    where);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String table() {
        return table;
    }

    public FeedbackQueries queries() {
        return new FeedbackQueries(dynamo, table);
    }

    public String description() {
        return description;
    }

    /** An SQS client for the redrive queues. */
    public SqsClient sqs() {
        if (queues().isEmpty()) {
            throw new UserError(
                    "No failed-feedback queue for the "
                            + description
                            + ": give --env, --stack or --queue-url");
        }
        return clients.client(SqsClient.builder(), "sqs");
    }

    /**
     * A parameter of the stack, else template.yaml's default (the local store, a table given
     * alone).
     */
    public String parameter(String name) {
        return parameters.value(name);
    }

    /** The project's template.yaml: its defaults and names, for what the stack does not say. */
    public CloudFormationTemplate template() {
        return parameters.template();
    }

    /**
     * A hub stack (its StackMode output): its table holds every member account's feedback, each
     * item with its account, region and environment, and the commands break their figures down by
     * account. Never the local store nor a table given alone.
     */
    public boolean hub() {
        return StackOutputs.HUB.equals(stack.outputs().mode());
    }

    /** The local store that bin/replay fills: no AWS account behind it, so no event bus. */
    public boolean localStore() {
        return !clients.options().deployed();
    }

    /** The deployed stack; none (a null name) for the local store and a table given alone. */
    public Stack deployed() {
        return stack;
    }

    /**
     * A client of one more AWS service, in the target's region and credentials, closed with the
     * target.
     */
    public <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends AutoCloseable>
            C client(B builder, String service) {
        return clients.client(builder, service);
    }

    /** The queues redrive reads, in this order: --queue-url alone, else the stack's. */
    public List<StackOutputs.Queue> queues() {
        String given = clients.options().queueUrl;
        return given != null
                ? List.of(new StackOutputs.Queue("given", given))
                : stack.outputs().queues();
    }

    /** The stack's notification log group; null for the local store and a table given alone. */
    public String logGroup() {
        return stack.outputs().get(StackOutputs.LOG_GROUP);
    }

    /**
     * The recorder as the Lambda runs it, on this target's table and log group (a file for the
     * local store).
     */
    public FeedbackRecorder recorder() {
        FeedbackLog log;
        if (logGroup() != null) {
            log =
                    new CloudWatchFeedbackLog(
                            client(CloudWatchLogsClient.builder(), "logs"),
                            logGroup(),
                            Clock.systemUTC());
        } else {
            log = new FileFeedbackLog(Home.resolve("target/replay/feedback-log.jsonl"));
        }
        return new FeedbackRecorder(
                new NotificationParser(),
                new FeedbackStore(dynamo, table, parameters.storePolicy(), Clock.systemUTC()),
                log);
    }

    @Override
    public void close() {
        clients.close();
    }
}
