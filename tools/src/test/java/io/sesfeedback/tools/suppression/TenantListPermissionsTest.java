package io.sesfeedback.tools.suppression;

import static io.sesfeedback.tools.fixtures.SesNotifications.bounce;
import static io.sesfeedback.tools.fixtures.SesNotifications.ofTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DocumentedPermissions;
import io.sesfeedback.tools.fixtures.RecordedStore;
import io.sesfeedback.tools.targets.AwsClients;
import io.sesfeedback.tools.targets.TargetOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Every SES call the suppression commands make for a tenant, as IAM authorises it ({@link
 * RecordedCalls}: GetTenant on the tenant's ARN, a list call with TenantName on it too,
 * GetConfigurationSet on the set), is allowed by the rows docs/operations.md documents for the
 * command.
 */
@Tag("moto")
class TenantListPermissionsTest {

    private static final String A = "a@acme.example";

    @TempDir Path temp;
    private Path store;
    private SesV2StandIn ses;
    private RecordedCalls calls;

    @BeforeEach
    void recordATenantsBounce() throws IOException {
        SnsMessage notification =
                bounce(
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        "app@mail.example.com",
                        "Permanent",
                        "General",
                        A);
        store =
                RecordedStore.of(
                        temp.resolve("store"),
                        List.of(notification, ofTenant(notification, "acme")));
        ses = SesV2StandIn.start();
        ses.tenantSuppression("acme", "TENANT", List.of("BOUNCE", "COMPLAINT"));
        ses.list(A, "BOUNCE");
        ses.list("acme", A, "BOUNCE");
    }

    @AfterEach
    void stopSes() {
        ses.close();
    }

    @Test
    void givenTheDocumentedRowsWhenUnsuppressFindsTheTenantThenEachOfItsSesCallsIsAllowed() {
        assertAllowed(List.of("unsuppress"), "unsuppress", A, "--reason", "mailbox fixed");
    }

    @Test
    void givenTheDocumentedRowsWhenForgetSesNamesATenantThenEachOfItsSesCallsIsAllowed() {
        assertAllowed(
                List.of("forget", "forget --ses"),
                "forget",
                A,
                "--ses",
                "--tenant",
                "acme",
                "--yes");
    }

    @Test
    void givenTheDocumentedRowsWhenSesSuppressionNamesATenantThenEachOfItsSesCallsIsAllowed() {
        assertAllowed(
                List.of("ses-suppression", "ses-suppression --tenant"),
                "ses-suppression",
                "sync",
                "--tenant",
                "acme",
                "--rate",
                "50");
    }

    @Test
    void givenTheDocumentedRowsWhenImportSesNamesATenantThenEachOfItsSesCallsIsAllowed()
            throws IOException {
        Path csv = temp.resolve("list.csv");
        Files.writeString(csv, "email,reason,date\r\nx@example.com,bounce,\r\n");
        assertAllowed(
                List.of("import", "import --ses", "import --ses --tenant"),
                "import",
                csv.toString(),
                "--ses",
                "--tenant",
                "acme",
                "--rate",
                "50");
    }

    @Test
    void givenTheDocumentedRowsWhenSuppressNamesATenantThenEachOfItsSesCallsIsAllowed() {
        assertAllowed(
                List.of("suppress", "suppress --tenant"),
                "suppress",
                "h@acme.example",
                "--reason",
                "asked acme to stop",
                "--tenant",
                "acme");
    }

    @Test
    void givenTheDocumentedRowsWhenAConfigurationSetsScopeIsReadThenTheCallIsAllowed() {
        ses.configurationSet("tenant-mail", true);
        ses.configurationSetSuppressionScope("tenant-mail", "TENANT");
        calls = new RecordedCalls(Cli.REGION, SesV2StandIn.ACCOUNT_ID);
        try (SesV2Client client =
                Cli.client(
                        SesV2Client.builder()
                                .overrideConfiguration(c -> c.addExecutionInterceptor(calls)),
                        ses.endpoint())) {
            TenantList.of(client, "acme", "tenant-mail");
        }

        assertThat(calls.calls())
                .extracting(RecordedCalls.Call::action)
                .containsExactly("ses:GetTenant", "ses:GetConfigurationSet");
        assertThat(
                        documented(List.of("ses-suppression --tenant"), "tenant-mail")
                                .disallowed(calls.calls()))
                .isEmpty();
    }

    /** Runs the command; each SES call it made is allowed by the rows naming {@code rows}. */
    private void assertAllowed(List<String> rows, String... command) {
        calls = new RecordedCalls(Cli.REGION, SesV2StandIn.ACCOUNT_ID);
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--local-store", store.toString(), "--region", Cli.REGION));

        Run run = Cli.run(recordingSes(), args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(calls.calls()).extracting(RecordedCalls.Call::action).contains("ses:GetTenant");
        assertThat(calls.calls())
                .anySatisfy(call -> assertThat(call.resource()).contains(":tenant/acme/"));
        assertThat(documented(rows, "none").disallowed(calls.calls())).isEmpty();
    }

    private static DocumentedPermissions documented(List<String> rows, String configurationSet) {
        return DocumentedPermissions.of(
                rows, Cli.REGION, SesV2StandIn.ACCOUNT_ID, configurationSet);
    }

    /** The stand-in for SES v2, its calls recorded as IAM authorises them. */
    private AwsClients recordingSes() {
        return new AwsClients(Map.of("sesv2", ses.endpoint()), Cli.CREDENTIALS) {
            @Override
            protected <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(
                    B builder, String service, TargetOptions options) {
                // the builder's override configuration is replaced, not merged: build it here
                return service.equals("sesv2")
                        ? Cli.client(
                                builder.overrideConfiguration(
                                        c -> c.addExecutionInterceptor(calls)),
                                ses.endpoint())
                        : super.client(builder, service, options);
            }
        };
    }
}
