package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.Pacer;
import io.sesfeedback.testing.lambda.LocalContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The handler's log lines, on requests that need no AWS call: its SES and SSM clients point at a
 * closed port.
 */
class IdentityNotificationsHandlerTest {

    private static final String TOPIC =
            "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback";

    @Test
    void everyLineOfAnInvocationCarriesItsRequestId() throws Exception {
        List<String> lines = new ArrayList<>();
        FunctionLog log = new FunctionLog(lines::add, Clock.systemUTC());
        URI closed = URI.create("http://127.0.0.1:1");
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        try (CloudFormation cloudFormation = new CloudFormation();
                SesClient ses =
                        SesClient.builder()
                                .endpointOverride(closed)
                                .region(Region.EU_WEST_1)
                                .credentialsProvider(credentials)
                                .httpClient(UrlConnectionHttpClient.create())
                                .build();
                SsmClient ssm =
                        SsmClient.builder()
                                .endpointOverride(closed)
                                .region(Region.EU_WEST_1)
                                .credentialsProvider(credentials)
                                .httpClient(UrlConnectionHttpClient.create())
                                .build()) {
            IdentityNotificationsHandler handler =
                    new IdentityNotificationsHandler(
                            new IdentityWiring(
                                    new SesIdentities(
                                            ses,
                                            "eu-west-1",
                                            new Pacer(Duration.ZERO, Pacer.Ticker.SYSTEM)),
                                    new PreviousSettings(ssm, IdentityNotificationsOnMotoTest.PATH),
                                    message -> log.info(message, Map.of())),
                            log);

            // a create with nothing to wire succeeds, one without a topic fails: both answer
            // CloudFormation
            handler.handleRequest(
                    cloudFormation.create(
                            CloudFormation.properties(List.of(""), TOPIC, false, false)),
                    new LocalContext("create-1"));
            assertThat(cloudFormation.response().status()).isEqualTo("SUCCESS");
            handler.handleRequest(
                    cloudFormation.create(
                            CloudFormation.properties(List.of(""), " ", false, false)),
                    new LocalContext("create-2"));
            assertThat(cloudFormation.response().status()).isEqualTo("FAILED");
        }

        assertThat(lines)
                .satisfiesExactly(
                        line ->
                                assertThat(line)
                                        .contains(
                                                "\"level\":\"INFO\"",
                                                "\"function_request_id\":\"create-1\""),
                        line ->
                                assertThat(line)
                                        .contains(
                                                "\"level\":\"ERROR\"",
                                                "\"function_request_id\":\"create-2\""));
    }
}
