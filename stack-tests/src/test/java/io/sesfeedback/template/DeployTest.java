package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackHandler;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import io.sesfeedback.testing.template.TemplateTable;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * template.yaml deploys: translated by the SAM translator, created as a stack on moto's
 * CloudFormation, and the recorder, run in-process, records every events/ file into the table and
 * log group that stack created, named by its outputs. What moto does not model, and the test that
 * covers it instead, is listed in docs/testing.md.
 */
@Tag("moto")
@Tag("sam-translator")
@ExtendWith(MotoExtension.class)
class DeployTest {

    /** A name of its own: the stack's resources are named after it on a server others share. */
    private static final String STACK =
            "ses-feedback-dev-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * Resources moto's CloudFormation fails on, left out of the stack it creates;
     * ServerlessTransformTest checks them on the translated template instead. (moto skips alarms,
     * subscriptions, the topic policy, the EventInvokeConfig and the account watcher's EventBridge
     * Scheduler schedule by itself, and ignores TTL, SSE, PITR and SnapStart.)
     */
    private static final Map<String, String> MOTO_CANNOT_CREATE =
            Map.of(
                    "AWS::Lambda::Permission",
                            "its FunctionName is a Ref of the alias, which moto resolves to nothing",
                    "Custom::SesIdentityNotifications",
                            "moto would have to run the function's Java code; the module's moto tests run it",
                    "AWS::IAM::ManagedPolicy",
                            "the guard's patterns are a GetAtt of that custom resource (RecipientGuardOnMotoTest)",
                    "AWS::Lambda::EventSourceMapping",
                            "moto invokes the mapped function (in a container) on every write to the table's"
                                    + " stream, and the write fails with HTTP 500; SuppressionEventsOnMotoTest reads"
                                    + " the stream instead");

    private static final Map<String, String> PARAMETERS = Map.of("Environment", "dev");
    private static final Map<String, String> NO_VALUE = Map.of("Ref", "AWS::NoValue");

    private static MotoServer moto;
    private static MotoCloudFormation cloudFormation;
    private static DynamoDbClient dynamo;
    private static CloudWatchLogsClient logs;
    private static MotoCloudFormation.Stack stack;

    @BeforeAll
    static void deploy(MotoServer shared) throws Exception {
        moto = shared;
        cloudFormation = new MotoCloudFormation(moto.endpoint());
        dynamo = client(DynamoDbClient.builder());
        logs = moto.cloudWatchLogs();
        SamTranslation translation =
                SamTranslation.of(Path.of("template.yaml"), Map.of("Environment", "dev"));
        uploadCode(URI.create(SamTranslation.CODE_URI));

        cloudFormation.createStack(
                STACK, withoutWhatMotoCannotCreate(translation.file(), PARAMETERS), PARAMETERS);
        stack = cloudFormation.awaitCreated(STACK, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        logs.close();
    }

    @Test
    void stackIsCreatedWithTheOutputsTheOperatorCommandReads() {
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs())
                .containsKeys(
                        "FeedbackTopicArn",
                        "FeedbackTableName",
                        "FeedbackLogGroupName",
                        "RecorderFunctionName",
                        "FailedFeedbackQueueUrl");
    }

    @Test
    void stackHoldsTheRecordersResources() throws Exception {
        Map<String, String> created = cloudFormation.resources(STACK);

        assertThat(created)
                .containsEntry("FeedbackTable", "AWS::DynamoDB::Table")
                .containsEntry("FeedbackLogGroup", "AWS::Logs::LogGroup")
                .containsEntry("RecorderFunction", "AWS::Lambda::Function")
                .containsEntry("RecorderRole", "AWS::IAM::Role")
                .containsEntry("FeedbackTopic", "AWS::SNS::Topic")
                .containsEntry("FailedFeedbackQueue", "AWS::SQS::Queue");
        assertThat(created)
                .as("the guard is on by default: its function, without identities to wire")
                .containsEntry("IdentityNotificationsFunction", "AWS::Lambda::Function")
                .containsEntry("IdentityNotificationsRole", "AWS::IAM::Role");
        assertThat(created)
                .as("the account watcher is on by default")
                .containsEntry("AccountWatchFunction", "AWS::Lambda::Function")
                .containsEntry("AccountWatchRole", "AWS::IAM::Role")
                .containsEntry("AccountWatchScheduleRole", "AWS::IAM::Role")
                .containsEntry("AccountWatchLogGroup", "AWS::Logs::LogGroup");
    }

    /**
     * SES's status events' rule is on by default: moto's CloudFormation creates it on the default
     * bus (moto models AWS::Events::Rule; it stores a target's RetryPolicy and DeadLetterConfig but
     * never uses them, and PutEvents delivers to no SNS topic or Lambda function:
     * EventBridgeRulesOnMotoTest plays the patterns against SQS instead), with its dead-letter
     * queue.
     */
    @Test
    void theStatusEventsRuleTargetsTheTopicWithItsRetriesAndDeadLetterQueue() throws Exception {
        Map<String, String> created = cloudFormation.resources(STACK);
        String rule = STACK + "-ses-status-events";

        assertThat(created)
                .containsEntry("SesStatusEventsRule", "AWS::Events::Rule")
                .containsEntry("UndeliveredEventsQueue", "AWS::SQS::Queue");
        try (EventBridgeClient events = client(EventBridgeClient.builder())) {
            assertThat(events.describeRule(request -> request.name(rule)).eventBusName())
                    .isEqualTo("default");
            Target target =
                    events.listTargetsByRule(request -> request.rule(rule)).targets().get(0);
            assertThat(target.arn()).isEqualTo(stack.outputs().get("FeedbackTopicArn"));
            assertThat(target.deadLetterConfig().arn())
                    .isEqualTo(stack.outputs().get("UndeliveredEventsQueueArn"));
            assertThat(target.retryPolicy().maximumEventAgeInSeconds()).isEqualTo(3600);
        }
        assertThat(stack.outputs().get("UndeliveredEventsQueueUrl"))
                .endsWith("/" + STACK + "-undelivered-events");
    }

    /**
     * A new stack deploys the default step at once: the three sharded indexes, which CreateTable
     * allows together.
     */
    @Test
    void aNewStacksTableHasTheIndexesOfTheDefaultStep() throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));

        List<String> indexes =
                dynamo
                        .describeTable(
                                request ->
                                        request.tableName(stack.outputs().get("FeedbackTableName")))
                        .table()
                        .globalSecondaryIndexes()
                        .stream()
                        .map(index -> index.indexName())
                        .toList();

        assertThat(indexes)
                .containsExactlyElementsOf(
                        TemplateTable.indexesAt(template, TemplateTable.defaultStep(template))
                                .stream()
                                .map(index -> index.indexName())
                                .toList());
    }

    @Test
    void recorderStoresEveryEventFileInTheTableAndLogGroupTheStackCreated() {
        String table = stack.outputs().get("FeedbackTableName");
        String logGroup = stack.outputs().get("FeedbackLogGroupName");
        FeedbackHandler handler =
                new FeedbackHandler(
                        new FeedbackRecorder(
                                new NotificationParser(),
                                new FeedbackStore(
                                        dynamo, table, Duration.ofDays(400), Clock.systemUTC()),
                                new CloudWatchFeedbackLog(logs, logGroup, Clock.systemUTC())),
                        "ses-feedback/" + STACK,
                        line -> {});

        EventFiles.names()
                .forEach(
                        file ->
                                handler.handleRequest(
                                        EventFiles.event(file),
                                        OutputStream.nullOutputStream(),
                                        new LocalContext()));

        FeedbackQueries queries = new FeedbackQueries(dynamo, table);
        for (String file : EventFiles.names()) {
            SnsMessage sns = EventFiles.message(file);
            assertThat(queries.message(sns.messageId()))
                    .as("%s stored in %s", file, table)
                    .isPresent();
        }
        assertThat(queries.status("jane.doe@example.com")).isPresent();
        long lines =
                logs
                        .describeLogStreams(request -> request.logGroupName(logGroup))
                        .logStreams()
                        .stream()
                        .mapToLong(
                                s ->
                                        logs
                                                .getLogEvents(
                                                        request ->
                                                                request.logGroupName(logGroup)
                                                                        .logStreamName(
                                                                                s.logStreamName())
                                                                        .startFromHead(true))
                                                .events()
                                                .stream()
                                                .map(OutputLogEvent::message)
                                                .count())
                        .sum();
        assertThat(lines).isEqualTo(EventFiles.names().size());
    }

    private static String withoutWhatMotoCannotCreate(
            Path translated, Map<String, String> parameters) throws Exception {
        Map<String, Object> template = Json.readObject(Files.readString(translated));
        template.put(
                "Resources",
                withoutAbsentListElements(
                        template.get("Resources"),
                        CloudFormationTemplate.load(translated),
                        parameters));
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Set<String> removed = new HashSet<>();
        resources
                .entrySet()
                .removeIf(
                        resource ->
                                MOTO_CANNOT_CREATE.containsKey(
                                                ((Map<?, ?>) resource.getValue()).get("Type"))
                                        && removed.add(resource.getKey()));
        // and the outputs that name them
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) template.get("Outputs");
        outputs.values()
                .removeIf(
                        output ->
                                ((Map<?, ?>) output).get("Value") instanceof Map<?, ?> value
                                        && removed.contains(value.get("Ref")));
        return Json.write(template);
    }

    /**
     * The list elements an Fn::If leaves out (AWS::NoValue), resolved for these parameters: moto's
     * CloudFormation keeps them as nulls (moto/cloudformation/parsing.py, clean_json), which fails
     * its DynamoDB table (the indexes and attribute definitions of IndexMigrationStep);
     * CloudFormation drops them.
     */
    private static Object withoutAbsentListElements(
            Object node, CloudFormationTemplate template, Map<String, String> parameters) {
        if (node instanceof Map<?, ?> call
                && call.size() == 1
                && call.get("Fn::If") instanceof List<?> branches) {
            // a value's Fn::If keeps its three arguments, AWS::NoValue included: moto drops a
            // property that resolves to it
            return Map.of(
                    "Fn::If",
                    List.of(
                            branches.get(0),
                            withoutAbsentListElements(branches.get(1), template, parameters),
                            withoutAbsentListElements(branches.get(2), template, parameters)));
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach(
                    (key, value) ->
                            kept.put(
                                    (String) key,
                                    withoutAbsentListElements(value, template, parameters)));
            return kept;
        }
        if (!(node instanceof List<?> list)) {
            return node;
        }
        List<Object> kept = new ArrayList<>();
        for (Object element : list) {
            Object chosen = element;
            while (chosen instanceof Map<?, ?> call
                    && call.size() == 1
                    && call.get("Fn::If") instanceof List<?> branches) {
                chosen =
                        Conditions.holds(template, (String) branches.get(0), parameters)
                                ? branches.get(1)
                                : branches.get(2);
            }
            if (!NO_VALUE.equals(chosen)) {
                kept.add(withoutAbsentListElements(chosen, template, parameters));
            }
        }
        return kept;
    }

    /**
     * The function's code object, where the translated template says it is (any bytes: moto never
     * runs it).
     */
    private static void uploadCode(URI codeUri) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI bucket = moto.endpoint().resolve("/" + codeUri.getHost());
        put(
                http,
                bucket,
                "<CreateBucketConfiguration><LocationConstraint>"
                        + SamTranslation.REGION
                        + "</LocationConstraint></CreateBucketConfiguration>");
        put(http, URI.create(bucket + codeUri.getPath()), "not run by moto");
        // the functions build's own key (sam_translate.py): the account watcher is deployed by
        // default, the
        // identity-notifications function with the guard on
        put(http, URI.create(bucket + "/functions.zip"), "not run by moto");
    }

    private static void put(HttpClient http, URI target, String body) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(target)
                                // moto tells the service by the credential scope; it does not check
                                // the signature
                                .header(
                                        "Authorization",
                                        "AWS4-HMAC-SHA256 Credential=testing/20261123/"
                                                + SamTranslation.REGION
                                                + "/s3/aws4_request, SignedHeaders=host, Signature=moto")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", target, response.body()).isEqualTo(200);
    }

    private static <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder
                                                    .AwsSyncClientBuilder<
                                            B, C>,
                    C>
            C client(B builder) {
        return builder.endpointOverride(moto.endpoint())
                .region(Region.of(SamTranslation.REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
