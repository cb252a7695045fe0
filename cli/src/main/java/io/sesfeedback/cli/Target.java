package io.sesfeedback.cli;

import io.sesfeedback.local.CloudFormationTemplate;
import io.sesfeedback.local.LocalFeedbackTable;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.local.FileFeedbackLog;
import io.sesfeedback.local.LocalStore;
import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.StorePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The store a command works on, opened from its options: the local store, or a deployed stack whose outputs name
 * the table, log group and queue (each can be given directly instead).
 */
final class Target implements AutoCloseable {

    static final String TABLE_OUTPUT = "FeedbackTableName";
    static final String QUEUE_OUTPUT = "FailedFeedbackQueueUrl";
    static final String UNDELIVERED_QUEUE_OUTPUT = "UndeliveredFeedbackQueueUrl";
    static final String LOG_GROUP_OUTPUT = "FeedbackLogGroupName";
    private final Targets targets;
    private final TargetOptions options;
    private final DynamoDbClient dynamo;
    private final String table;
    private final List<Queue> queues;
    private final String logGroup;
    private final String description;
    /** How redrive's recorder stores: as the stack's parameters say. */
    private final StorePolicy storePolicy;
    private final Deployed deployed;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** template.yaml, read once when first needed. */
    private CloudFormationTemplate template;

    /** The stack as CloudFormation describes it: its name (null without one), parameter values and outputs. */
    record Deployed(String stackName, Map<String, String> parameters, Map<String, String> outputs) {
        static final Deployed NONE = new Deployed(null, Map.of(), Map.of());
    }

    /** A queue redrive reads: the failed-feedback queue (Lambda's on-failure records) or the undelivered-feedback queue. */
    record Queue(String name, String url) {
    }

    private Target(Targets targets, TargetOptions options, DynamoDbClient dynamo, String table, List<Queue> queues,
                   String logGroup, String description, StorePolicy storePolicy, Deployed deployed) {
        this.targets = targets;
        this.options = options;
        this.dynamo = dynamo;
        this.table = table;
        this.queues = queues;
        this.logGroup = logGroup;
        this.description = description;
        this.storePolicy = storePolicy;
        this.deployed = deployed;
    }

    static Target open(Targets targets, TargetOptions options) {
        if (!options.deployed()) {
            return local(targets, options);
        }
        Deployed deployed = Deployed.NONE;
        String where;
        if (options.env != null || options.stack != null) {
            String stack = options.stack != null ? options.stack : SamConfig.stackName(Home.resolve("samconfig.toml"), options.env);
            Stack described = describe(targets, options, stack);
            deployed = new Deployed(stack,
                    described.parameters().stream().filter(p -> p.parameterValue() != null)
                            .collect(Collectors.toMap(p -> p.parameterKey(), p -> p.parameterValue())),
                    described.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue)));
            where = "stack " + stack;
        } else {
            where = "table " + options.table;
        }
        Map<String, String> outputs = deployed.outputs();
        String table = options.table != null ? options.table : outputs.get(TABLE_OUTPUT);
        if (table == null) {
            throw new UserError(where + " has no " + TABLE_OUTPUT + " output: is it a ses-feedback stack?");
        }
        DynamoDbClient dynamo = targets.client(DynamoDbClient.builder(), "dynamodb", options);
        Target target = new Target(targets, options, dynamo, table, queues(options, outputs), outputs.get(LOG_GROUP_OUTPUT),
                where, storePolicy(deployed.parameters()), deployed);
        target.resources.add(dynamo);
        return target;
    }

    private static Target local(Targets targets, TargetOptions options) {
        Path folder = options.localStore != null ? options.localStore : Home.resolve(LocalStore.DEFAULT_FOLDER);
        Path journal = LocalStore.journalFile(folder);
        if (!Files.exists(journal)) {
            throw new UserError("No local store at " + journal + ": run bin/replay first, or give --env, --stack or --table");
        }
        try {
            LocalFeedbackTable store = openLocalStore(folder);
            Target target = new Target(targets, options, store.client(), store.tableName(), queues(options, Map.of()), null,
                    "local store " + journal, storePolicy(Map.of()), Deployed.NONE);
            target.resources.add(store);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store on moto's DynamoDB: without Python or moto, the one line says what to install. */
    private static LocalFeedbackTable openLocalStore(Path folder) throws IOException {
        try {
            return LocalStore.open(folder, false, Home.resolve("template.yaml"));
        } catch (IllegalStateException e) {
            throw new UserError("Cannot open the local store: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** --queue-url alone, else the stack's two queues (a stack deployed before the undelivered-feedback queue has one). */
    private static List<Queue> queues(TargetOptions options, Map<String, String> outputs) {
        if (options.queueUrl != null) {
            return List.of(new Queue("given", options.queueUrl));
        }
        List<Queue> queues = new ArrayList<>();
        if (outputs.get(QUEUE_OUTPUT) != null) {
            queues.add(new Queue("failed-feedback", outputs.get(QUEUE_OUTPUT)));
        }
        if (outputs.get(UNDELIVERED_QUEUE_OUTPUT) != null) {
            queues.add(new Queue("undelivered-feedback", outputs.get(UNDELIVERED_QUEUE_OUTPUT)));
        }
        return List.copyOf(queues);
    }

    /**
     * How the recorder stores on this target: the stack's parameters, else (a stack deployed before a parameter
     * existed, or the local store) the template's defaults.
     */
    private static StorePolicy storePolicy(Map<String, String> parameters) {
        CloudFormationTemplate template;
        try {
            template = CloudFormationTemplate.load(Home.resolve("template.yaml"));
        } catch (IOException e) {
            throw new UserError("Cannot read template.yaml: run bin/ses-feedback from the project (" + e.getMessage() + ")");
        }
        Function<String, String> value = name -> parameters.getOrDefault(name, (String) template.parameterDefault(name));
        return new StorePolicy(Duration.ofDays(Long.parseLong(value.apply("RecordRetentionDays"))),
                Duration.ofDays(Long.parseLong(value.apply("DeliveryRetentionDays"))),
                "Enabled".equals(value.apply("StoreDeliveryBodies")), Integer.parseInt(value.apply("SoftBounceLimit")));
    }

    private static Stack describe(Targets targets, TargetOptions options, String stack) {
        try (CloudFormationClient cloudFormation = targets.client(CloudFormationClient.builder(), "cloudformation", options)) {
            return cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().get(0);
        } catch (software.amazon.awssdk.services.cloudformation.model.CloudFormationException e) {
            if (e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
                throw new UserError("Stack " + stack + " not found" + inRegion(options)
                        + ": check --env/--stack and --region");
            }
            throw e;
        }
    }

    static String inRegion(TargetOptions options) {
        return options.region != null ? " in region " + options.region : " in the configured region";
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    String table() {
        return table;
    }

    FeedbackQueries queries() {
        return new FeedbackQueries(dynamo, table);
    }

    String description() {
        return description;
    }

    /** An SQS client for the redrive queues. */
    SqsClient sqs() {
        if (queues.isEmpty()) {
            throw new UserError("No failed-feedback queue for the " + description + ": give --env, --stack or --queue-url");
        }
        SqsClient sqs = targets.client(SqsClient.builder(), "sqs", options);
        resources.add(sqs);
        return sqs;
    }

    /** A parameter of the stack, else template.yaml's default (the local store, a table given alone). */
    String parameter(String name) {
        if (deployed.parameters().containsKey(name)) {
            return deployed.parameters().get(name);
        }
        return String.valueOf(template().parameterDefault(name));
    }

    /** The project's template.yaml: its defaults and names, for what the stack does not say. */
    CloudFormationTemplate template() {
        if (template == null) {
            try {
                template = CloudFormationTemplate.load(Home.resolve("template.yaml"));
            } catch (IOException e) {
                throw new UserError("Cannot read template.yaml: run bin/ses-feedback from the project (" + e.getMessage() + ")");
            }
        }
        return template;
    }

    /** The deployed stack; {@link Deployed#NONE} for the local store and a table given alone. */
    Deployed deployed() {
        return deployed;
    }

    /** A client of one more AWS service, in the target's region and credentials, closed with the target. */
    <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends AutoCloseable> C client(B builder, String service) {
        C client = targets.client(builder, service, options);
        resources.add(client);
        return client;
    }

    /** SES's account-level suppression list, its calls spaced by {@code spacing}. */
    SesSuppressionList sesSuppressionList(Duration spacing) {
        SesV2Client ses = targets.client(SesV2Client.builder(), "sesv2", options);
        resources.add(ses);
        return new SesSuppressionList(ses, spacing);
    }

    /** The queues redrive reads, in this order. */
    List<Queue> queues() {
        return queues;
    }

    /** The stack's notification log group; null for the local store and a table given alone. */
    String logGroup() {
        return logGroup;
    }

    /** The recorder as the Lambda runs it, on this target's table and log group (a file for the local store). */
    FeedbackRecorder recorder() {
        FeedbackLog log;
        if (logGroup != null) {
            CloudWatchLogsClient logs = targets.client(CloudWatchLogsClient.builder(), "logs", options);
            resources.add(logs);
            log = new CloudWatchFeedbackLog(logs, logGroup, Clock.systemUTC());
        } else {
            log = new FileFeedbackLog(Home.resolve("target/replay/feedback-log.jsonl"));
        }
        return new FeedbackRecorder(new NotificationParser(), new FeedbackStore(dynamo, table, storePolicy, Clock.systemUTC()), log);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing is best effort; the command's result stands
            }
        }
    }
}
