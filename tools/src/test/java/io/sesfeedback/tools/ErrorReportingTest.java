package io.sesfeedback.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.ErrorLines;
import io.sesfeedback.tools.fixtures.FakeAws;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Every error a user meets is one line on stderr and a non-zero exit; see {@link ErrorLines}. */
@Tag("moto")
class ErrorReportingTest {

    private static final String TABLE_ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/ses-feedback-dev-feedback";

    private static MotoDynamoDb dynamoDb;

    @BeforeAll
    static void useTheSharedServer() {
        dynamoDb = MotoDynamoDb.shared();
    }

    @Test
    void noCredentials() {
        // what the default credential chain throws when it finds none
        AwsCredentialsProvider none =
                () -> {
                    throw SdkClientException.create(
                            "Unable to load credentials from any of the providers in the chain"
                                    + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(),"
                                    + " EnvironmentVariableCredentialsProvider(), ProfileCredentialsProvider()]): ...");
                };
        AwsClients targets = new AwsClients(Map.of("dynamodb", dynamoDb.endpoint()), none);

        ErrorLines.assertOneLine(
                targets,
                1,
                "ses-feedback: No AWS credentials: use --profile, set AWS_PROFILE or the"
                        + " AWS_ACCESS_KEY_ID variables, or run 'aws configure'",
                forget("jane@example.com"));
    }

    @Test
    void tableNotFound() {
        ErrorLines.assertOneLine(
                targets(dynamoDb.endpoint()),
                1,
                "ses-feedback: Table not found: Requested resource"
                        + " not found (check --table and --region)",
                forget("jane@example.com"));
    }

    @Test
    void wrongRegionEndpointDoesNotResolve() {
        ErrorLines.assertOneLine(
                targets(dynamoDb.endpoint()),
                1,
                "ses-feedback: Cannot reach dynamodb.nowhere.invalid:" + " is --region right?",
                "forget",
                "jane@example.com",
                "--table",
                "ses-feedback-dev-feedback",
                "--region",
                Cli.REGION,
                "--endpoint-url",
                "http://dynamodb.nowhere.invalid");
    }

    @Test
    void accessDeniedNamesThePermission() throws IOException {
        String denied =
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: dynamodb:Query on resource: "
                        + TABLE_ARN
                        + " because no identity-based policy allows the dynamodb:Query action";
        try (FakeAws dynamoDb = FakeAws.failing(400, "AccessDeniedException", denied)) {
            ErrorLines.assertOneLine(
                    targets(dynamoDb.endpoint()),
                    1,
                    "ses-feedback: Access denied: " + denied,
                    forget("jane@example.com"));
        }
    }

    @Test
    void throttlingIsRetriedWithBackoffThenReported() throws IOException {
        try (FakeAws dynamoDb =
                FakeAws.failing(
                        400,
                        "ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded.")) {
            // one run only: the SDK's backoff for throttling takes seconds (--debug is the same
            // path as for the others)
            Cli.Run run = Cli.run(targets(dynamoDb.endpoint()), forget("jane@example.com"));

            ErrorLines.assertOneLine(
                    run,
                    1,
                    "ses-feedback: Throttled by AWS (ProvisionedThroughputExceededException)"
                            + " after 5 attempts with backoff: try again later");
            assertThat(dynamoDb.calls()).isEqualTo(AwsClients.MAX_ATTEMPTS);
        }
    }

    @Test
    void badSince() {
        ErrorLines.assertOneLine(
                targets(dynamoDb.endpoint()),
                2,
                "ses-feedback: Invalid value for option '--since':"
                        + " 'yesterday' is not a time: write 30m, 24h, 7d, 2w, 2026-11-20 or 2026-11-20T10:00:00Z"
                        + " (see 'ses-feedback suppressed --help')",
                "suppressed",
                "--since",
                "yesterday",
                "--table",
                "ses-feedback-dev-feedback",
                "--region",
                Cli.REGION);
    }

    @Test
    void anAddressThatIsNotOne() {
        ErrorLines.assertOneLine(
                targets(dynamoDb.endpoint()),
                2,
                "ses-feedback: Not an address: 'jane at example.com'" + " (no @)",
                forget("jane at example.com"));
    }

    @Test
    void maxBelowOne() {
        ErrorLines.assertOneLine(
                targets(dynamoDb.endpoint()),
                2,
                "ses-feedback: --max must be 1 or more, not 0"
                        + " (see 'ses-feedback redrive --help')",
                "redrive",
                "--max",
                "0",
                "--table",
                "ses-feedback-dev-feedback",
                "--queue-url",
                "http://127.0.0.1:1/123456789012/ses-feedback-dev-failed-feedback",
                "--region",
                Cli.REGION);
    }

    private static String[] forget(String address) {
        return new String[] {
            "forget",
            address,
            "--table",
            "ses-feedback-dev-feedback",
            "--region",
            Cli.REGION,
            "--yes"
        };
    }

    private static AwsClients targets(URI dynamoDb) {
        return Cli.targets(Map.of("dynamodb", dynamoDb));
    }
}
