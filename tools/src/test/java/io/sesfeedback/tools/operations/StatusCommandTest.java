package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.ses.SesV2StandIn;
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
        sesV2 = SesV2StandIn.start();
        sesV2.account(
                Map.of(
                        "EnforcementStatus",
                        "HEALTHY",
                        "SendingEnabled",
                        true,
                        "ProductionAccessEnabled",
                        false,
                        "SendQuota",
                        Map.of("Max24HourSend", 200, "MaxSendRate", 1, "SentLast24Hours", 3)));
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
        return Cli.targets(
                Map.of(
                        "dynamodb",
                        stack.dynamoEndpoint(),
                        "cloudformation",
                        stack.motoEndpoint(),
                        "ses",
                        stack.motoEndpoint(),
                        "cloudwatch",
                        stack.motoEndpoint(),
                        "sesv2",
                        sesV2.endpoint()));
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
}
