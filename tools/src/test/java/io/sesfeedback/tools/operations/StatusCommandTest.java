package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.tools.check.CloudWatchStandIn;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import io.sesfeedback.tools.fixtures.RecordedStore;
import io.sesfeedback.tools.targets.AwsClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * status against moto's SES (three mails sent: its send statistics) and CloudWatch, and SES API
 * v2's GetAccount on the loopback stand-in (moto does not serve it), on a deployed stack and on the
 * local store.
 */
@Tag("moto")
class StatusCommandTest {

    private static DeployedStack stack;
    private static SesV2StandIn sesV2;

    @BeforeAll
    static void sendThreeMails() throws Exception {
        stack = DeployedStack.start();
        sesV2 = sesWithoutTenants();
        try (SesClient ses = Cli.client(SesClient.builder(), stack.motoEndpoint())) {
            ses.verifyEmailIdentity(r -> r.emailAddress("sender@example.com"));
            for (int i = 0; i < 3; i++) {
                ses.sendEmail(
                        r ->
                                r.source("sender@example.com")
                                        .destination(d -> d.toAddresses("someone@example.org"))
                                        .message(
                                                m ->
                                                        m.subject(s -> s.data("hello"))
                                                                .body(
                                                                        b ->
                                                                                b.text(
                                                                                        t ->
                                                                                                t
                                                                                                        .data(
                                                                                                                "hello")))));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        sesV2.close();
        stack.close();
    }

    private static AwsClients targets() {
        return targets(sesV2, stack.motoEndpoint());
    }

    /** SES API v2 on {@code ses}, CloudWatch at {@code cloudWatch}, the rest on moto. */
    private static AwsClients targets(SesV2StandIn ses, java.net.URI cloudWatch) {
        return Cli.targets(
                Map.of(
                        "dynamodb",
                        stack.dynamoEndpoint(),
                        "cloudformation",
                        stack.motoEndpoint(),
                        "ses",
                        stack.motoEndpoint(),
                        "cloudwatch",
                        cloudWatch,
                        "sesv2",
                        ses.endpoint()));
    }

    @Test
    void aStackShowsSesStandingItsSendingAndTheHeadroomAgainstItsThresholds() {
        Run run = Cli.run(targets(), "status", "--env", "dev", "--region", Cli.REGION);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "SES account: enforcement HEALTHY, sending enabled, sandbox; sent 3 of 200 in the"
                                + " last 24 hours, at most 1 a second");
        assertThat(lines)
                .contains(
                        "  delivery attempts                            3              3",
                        "Headroom: about 1 more hard bounces at this volume until SES reviews the account (5%), 1 until it may pause sending (10%).");
        // moto does not speak the CloudWatch client's CBOR protocol: the rates are named missing,
        // the rest stands
        assertThat(lines)
                .contains(
                        "Reputation now: not available from CloudWatch (HTTP 404: Service returned HTTP status code 404"
                                + " (Service: CloudWatch, Status Code: 404, Request ID: null) (SDK Attempt Count: 1))");
    }

    private static List<String> statusLines() {
        Run run = Cli.run(targets(), "status", "--env", "dev", "--region", Cli.REGION);
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void
            givenAccountSuppressionOffEitherWayGetAccountMaySayItThenStatusWarnsAndSaysHowToTurnItOn() {
        String warning =
                "  WARNING: SES will keep sending to addresses that bounced or complained; this stack's"
                        + " table still records them. Turn it on: aws sesv2"
                        + " put-account-suppression-attributes --suppressed-reasons BOUNCE COMPLAINT";

        sesV2.accountSuppression(null);
        List<String> leftOut = statusLines();
        sesV2.accountSuppression(List.of());
        List<String> empty = statusLines();

        for (List<String> lines : List.of(leftOut, empty)) {
            assertThat(lines.subList(1, 3))
                    .containsExactly("SES account-level suppression: off", warning);
        }
    }

    @Test
    void givenAccountSuppressionForBouncesOnlyThenStatusShowsItPartialAndWhatSesStillSends() {
        sesV2.accountSuppression(List.of("BOUNCE"));

        assertThat(statusLines().subList(1, 3))
                .containsExactly(
                        "SES account-level suppression: partial (BOUNCE)",
                        "  WARNING: SES will keep sending to addresses that complained; this stack's"
                                + " table still records them. Turn it on: aws sesv2"
                                + " put-account-suppression-attributes --suppressed-reasons BOUNCE"
                                + " COMPLAINT");
    }

    @Test
    void givenAccountSuppressionOnThenStatusSaysSoWithoutAWarning() {
        sesV2.accountSuppression(List.of("COMPLAINT", "BOUNCE"));

        List<String> lines = statusLines();

        assertThat(lines.get(1))
                .isEqualTo("SES account-level suppression: on (BOUNCE and COMPLAINT)");
        assertThat(lines).noneMatch(line -> line.contains("WARNING"));
    }

    @Test
    void theLocalStoreTakesTheTemplatesThresholds(@TempDir Path temp) {
        Path store =
                RecordedStore.of(
                        temp.resolve("store"),
                        List.of(EventFiles.message("ses-bounce-permanent.json")));

        Run run =
                Cli.run(
                        targets(),
                        "status",
                        "--local-store",
                        store.toString(),
                        "--region",
                        Cli.REGION);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("  delivery attempts                            3              3");
    }

    // tenants: each test has SES API v2 and CloudWatch of its own, so tenants do not leak

    /** SES API v2 with the account of these tests (in the sandbox) and no tenant. */
    private static SesV2StandIn sesWithoutTenants() throws Exception {
        SesV2StandIn ses = SesV2StandIn.start();
        ses.account(
                Map.of(
                        "EnforcementStatus",
                        "HEALTHY",
                        "SendingEnabled",
                        true,
                        "ProductionAccessEnabled",
                        false,
                        "SendQuota",
                        Map.of("Max24HourSend", 200, "MaxSendRate", 1, "SentLast24Hours", 3)));
        return ses;
    }

    private static Run status(SesV2StandIn ses, CloudWatchStandIn cloudWatch, String... format) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of("status", "--env", "dev", "--region", Cli.REGION));
        args.addAll(List.of(format));
        Run run = Cli.run(targets(ses, cloudWatch.endpoint()), args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }

    @Test
    void givenAnAccountWithoutTenantsThenStatusHasNoTenantSection() throws Exception {
        try (SesV2StandIn ses = sesWithoutTenants();
                CloudWatchStandIn cloudWatch = CloudWatchStandIn.start()) {
            Run run = status(ses, cloudWatch);

            assertThat(run.out()).doesNotContain("tenant");
            assertThat(ses.calls())
                    .extracting(SesV2StandIn.Call::operation)
                    .contains("ListTenants");
        }
    }

    @Test
    void givenTenantsThenStatusShowsEachWorstFirstWithWhoDisabledItItsPolicyFindingsAndRates()
            throws Exception {
        try (SesV2StandIn ses = sesWithoutTenants();
                CloudWatchStandIn cloudWatch = CloudWatchStandIn.start()) {
            ses.tenant("acme");
            ses.sesStatus("globex", "DISABLED", "High bounce rate");
            ses.policy("globex", "strict");
            ses.recommendForTenant("globex", "BOUNCE", "HIGH", "OPEN");
            ses.recommendForTenant("globex", "COMPLAINT", "LOW", "OPEN");
            ses.recommendForTenant("globex", "DKIM", "HIGH", "FIXED");
            ses.customerStatus("initech", "DISABLED", 1_795_000_000);
            ses.customerStatus("umbrella", "REINSTATED", 1_795_000_000);
            ses.policy("umbrella", "none");
            ses.recommendForTenant("umbrella", "COMPLAINT", "LOW", "OPEN");
            cloudWatch.tenant("acme", Map.of("Send", 200.0, "Bounce", 4.0, "Complaint", 1.0));
            cloudWatch.tenant("globex", Map.of("Send", 100.0, "Bounce", 12.0));

            List<String> lines = status(ses, cloudWatch).out().lines().toList();

            assertThat(
                            lines.subList(
                                    lines.indexOf(
                                            lines.stream()
                                                    .filter(l -> l.startsWith("SES tenants"))
                                                    .findFirst()
                                                    .orElseThrow()),
                                    lines.size()))
                    .containsExactly(
                            "SES tenants: 4 (2 DISABLED), the worst first (sending status, open findings,"
                                    + " last 24 hours in CloudWatch):",
                            "  globex: DISABLED by SES-managed (High bounce rate), policy strict, 2 open"
                                    + " findings (highest HIGH), bounce rate 0.1200, complaint rate not available",
                            "  initech: DISABLED by customer-managed, policy standard, 0 open findings,"
                                    + " bounce rate not available, complaint rate not available",
                            "  umbrella: REINSTATED (customer-managed REINSTATED: findings ignored for now),"
                                    + " policy none, 1 open finding (highest LOW), bounce rate not available,"
                                    + " complaint rate not available",
                            "  acme: ENABLED, policy standard, 0 open findings, bounce rate 0.0200,"
                                    + " complaint rate 0.0050");
        }
    }

    @Test
    void givenMoreTenantsThanTextShowsThenTextCountsTheRestAndJsonListsEveryOne() throws Exception {
        try (SesV2StandIn ses = sesWithoutTenants();
                CloudWatchStandIn cloudWatch = CloudWatchStandIn.start()) {
            ses.pageSize(100);
            for (int i = 10; i < 35; i++) {
                ses.tenant("tenant-" + i);
            }
            ses.sesStatus("tenant-34", "DISABLED", "Complaint rate");

            List<String> text = status(ses, cloudWatch).out().lines().toList();
            Map<?, ?> json =
                    (Map<?, ?>) Json.read(status(ses, cloudWatch, "--format", "json").out());

            assertThat(text).contains("  and 5 more (--format json or csv for all)");
            assertThat(text.stream().filter(l -> l.startsWith("  tenant-"))).hasSize(20);
            assertThat(text)
                    .element(
                            text.indexOf(
                                            "SES tenants: 25 (1 DISABLED), the worst first"
                                                    + " (sending status, open findings, last 24 hours in CloudWatch):")
                                    + 1)
                    .asString()
                    .startsWith("  tenant-34: DISABLED by SES-managed (Complaint rate)");
            List<?> tenants = (List<?>) json.get("tenants");
            assertThat(tenants).hasSize(25);
            assertThat(((Map<?, ?>) tenants.get(0)).get("tenant")).isEqualTo("tenant-34");
            assertThat(((Map<?, ?>) tenants.get(0)).get("disabledBy"))
                    .isEqualTo(List.of("SES-managed"));
        }
    }

    @Test
    void givenACauseThatASpreadsheetWouldRunThenTheTenantsCsvKeepsItInert() throws Exception {
        try (SesV2StandIn ses = sesWithoutTenants();
                CloudWatchStandIn cloudWatch = CloudWatchStandIn.start()) {
            ses.sesStatus("acme", "DISABLED", "=HYPERLINK(\"http://x\")");
            cloudWatch.tenant("acme", Map.of("Send", 10.0, "Bounce", 1.0));

            List<String> csv = status(ses, cloudWatch, "--format", "csv").out().lines().toList();

            assertThat(csv)
                    .containsExactly(
                            "tenant,tenantId,sendingStatus,disabledBy,customerManagedStatus,customerManagedCause,"
                                    + "sesManagedStatus,sesManagedCause,policy,openFindings,highestImpact,"
                                    + "sendsLast24Hours,bounceRate,complaintRate",
                            "acme,"
                                    + ses.tenant("acme")
                                            .arn()
                                            .substring(
                                                    ses.tenant("acme").arn().lastIndexOf('/') + 1)
                                    + ",DISABLED,SES-managed,ENABLED,,DISABLED,\"'=HYPERLINK(\"\"http://x\"\")\",standard,0,,10,0.1,");
        }
    }
}
