package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.TemplateTable;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The credentials the recorder finds where Lambda puts them, with and without SnapStart. Each case
 * is a fresh JVM whose environment holds only what Lambda would set; it records one event into
 * moto's DynamoDB and CloudWatch Logs (over HTTP), and under SnapStart runs the priming hook first,
 * whose real calls fetch the credentials. The DynamoDB server makes each access key id an account
 * of its own, and each table is created under one key only: an item stored in it shows that the
 * calls were signed with that key.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class LambdaCredentialsTest {

    private static final String EVENT = "ses-bounce-permanent.json";
    private static final String REGION = "eu-west-1";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private static MotoDynamoDb dynamo;
    private static MotoServer moto;
    private static CloudWatchLogsClient logs;

    @TempDir Path work;

    @BeforeAll
    static void startServices(MotoServer shared) {
        dynamo = MotoDynamoDb.withAccountPerAccessKey();
        moto = shared;
        logs = moto.cloudWatchLogs();
    }

    @AfterAll
    static void stopServices() throws Exception {
        logs.close();
        dynamo.close();
    }

    @Test
    void withoutSnapStartTheKeyVariablesSignTheCalls() throws Exception {
        Deployment function = Deployment.create("KeyFromVariables");

        Run run =
                run(
                        function,
                        Map.of(
                                "AWS_ACCESS_KEY_ID", "KeyFromVariables",
                                "AWS_SECRET_ACCESS_KEY", "secret-from-variables",
                                "AWS_SESSION_TOKEN", "token-from-variables",
                                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(function.storedMessage()).isPresent();
        assertThat(function.logLines()).singleElement().asString().contains(messageId());
    }

    @Test
    void underSnapStartOneCallToTheContainerEndpointSuppliesTheCredentialsForBothClients()
            throws Exception {
        Deployment function = Deployment.create("KeyFromEndpoint");
        String token = "authorization-" + UUID.randomUUID();

        Run run;
        List<String> authorizations;
        try (CredentialsEndpoint endpoint = CredentialsEndpoint.start("KeyFromEndpoint", token)) {
            run =
                    run(
                            function,
                            Map.of(
                                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                    endpoint.uri(),
                                    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                                    token,
                                    "AWS_LAMBDA_INITIALIZATION_TYPE",
                                    "snap-start"));
            authorizations = endpoint.authorizations();
        }

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(authorizations).containsExactly(token);
        assertThat(function.storedMessage()).isPresent();
        assertThat(tablesUnder("AnyOtherKey")).doesNotContain(function.table());
        assertThat(function.logLines()).singleElement().asString().contains(messageId());
    }

    @Test
    void withNeitherTheFirstCallFailsNamingBothPlacesItLooked() throws Exception {
        Deployment function = Deployment.create("KeyFromNowhere");

        Run run = run(function, Map.of());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("AWS_ACCESS_KEY_ID", "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        assertThat(function.storedMessage()).isEmpty();
        assertThat(function.logLines()).isEmpty();
    }

    private static String messageId() {
        return EventFiles.message(EVENT).messageId();
    }

    private static DynamoDbClient dynamoAs(String accessKeyId) {
        return DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static List<String> tablesUnder(String accessKeyId) {
        try (DynamoDbClient client = dynamoAs(accessKeyId)) {
            return client.listTables().tableNames();
        }
    }

    /**
     * The function's table (under one access key) and log group, as the stack would create them.
     */
    private record Deployment(String accessKeyId, String table, String logGroup) {

        static Deployment create(String accessKeyId) {
            Deployment deployment =
                    new Deployment(
                            accessKeyId,
                            "feedback-" + UUID.randomUUID(),
                            "/ses-feedback/" + UUID.randomUUID() + "/notifications");
            try (DynamoDbClient client = dynamoAs(accessKeyId)) {
                TemplateTable.create(client, RecorderFixture.TEMPLATE, deployment.table());
            }
            logs.createLogGroup(request -> request.logGroupName(deployment.logGroup()));
            return deployment;
        }

        /** The function's own variables, as template.yaml sets them, pointed at the emulators. */
        Map<String, String> variables() {
            return Map.of(
                    "FEEDBACK_TABLE",
                    table,
                    "FEEDBACK_LOG_GROUP",
                    logGroup,
                    "RECORD_RETENTION_DAYS",
                    Long.toString(RecorderFixture.RETENTION.toDays()),
                    "DELIVERY_RETENTION_DAYS",
                    Long.toString(RecorderFixture.RETENTION.toDays()),
                    "STORE_DELIVERY_BODIES",
                    "Enabled",
                    "SOFT_BOUNCE_LIMIT",
                    "5",
                    "METRICS_NAMESPACE",
                    "ses-feedback/ses-feedback-test",
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    dynamo.endpoint().toString(),
                    "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
                    moto.endpoint().toString());
        }

        Optional<Map<String, AttributeValue>> storedMessage() {
            try (DynamoDbClient client = dynamoAs(accessKeyId)) {
                return new FeedbackQueries(client, table).message(messageId());
            }
        }

        List<String> logLines() {
            return logs
                    .describeLogStreams(request -> request.logGroupName(logGroup))
                    .logStreams()
                    .stream()
                    .flatMap(
                            stream ->
                                    logs
                                            .getLogEvents(
                                                    request ->
                                                            request.logGroupName(logGroup)
                                                                    .logStreamName(
                                                                            stream.logStreamName())
                                                                    .startFromHead(true))
                                            .events()
                                            .stream())
                    .map(OutputLogEvent::message)
                    .toList();
        }
    }

    private record Run(int exitCode, String output) {}

    /**
     * {@link RecordFromEnvironment} in a JVM of its own, on this JVM's classpath, with only
     * Lambda's variables.
     */
    private Run run(Deployment function, Map<String, String> credentials)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(function.variables());
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        // Lambda has no ~/.aws: keep this machine's out of the SDK's way
        environment.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        environment.putAll(credentials);
        Path output = work.resolve("child-output.txt");
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-Xshare:auto",
                                "-cp",
                                System.getProperty("java.class.path"),
                                RecordFromEnvironment.class.getName(),
                                EVENT)
                        .directory(new File(System.getProperty("user.dir")))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "The child JVM did not finish within "
                            + CHILD_TIMEOUT
                            + ":\n"
                            + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    /**
     * A container credentials endpoint on loopback, like the one Lambda runs for SnapStart
     * functions: it answers a GET that carries the authorization token with temporary credentials,
     * and keeps every Authorization header it got.
     */
    private static final class CredentialsEndpoint implements AutoCloseable {

        private static final String LOOPBACK = "127.0.0.1";

        private final HttpServer server;
        private final List<String> authorizations = new CopyOnWriteArrayList<>();

        private CredentialsEndpoint(HttpServer server) {
            this.server = server;
        }

        static CredentialsEndpoint start(String accessKeyId, String token) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
            CredentialsEndpoint endpoint = new CredentialsEndpoint(server);
            server.createContext(
                    "/credentials",
                    exchange -> {
                        String authorization =
                                exchange.getRequestHeaders().getFirst("Authorization");
                        endpoint.authorizations.add(String.valueOf(authorization));
                        byte[] body =
                                (token.equals(authorization)
                                                ? """
                          {"AccessKeyId": "%s", "SecretAccessKey": "secret-from-endpoint", "Token": "session-from-endpoint", \
                          "Expiration": "%s"}"""
                                                        .formatted(
                                                                accessKeyId,
                                                                Instant.now()
                                                                        .plus(Duration.ofHours(6))
                                                                        .truncatedTo(
                                                                                ChronoUnit.SECONDS))
                                                : "{\"message\": \"missing or wrong authorization token\"}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(
                                token.equals(authorization) ? 200 : 401, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return endpoint;
        }

        String uri() {
            return "http://" + LOOPBACK + ":" + server.getAddress().getPort() + "/credentials";
        }

        List<String> authorizations() {
            return List.copyOf(authorizations);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
