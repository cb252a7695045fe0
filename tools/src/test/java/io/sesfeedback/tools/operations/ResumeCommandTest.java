package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import io.sesfeedback.tools.fixtures.ErrorLines;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * resume on the dev stack on moto (its AutoPause and ConfigurationSetName as a deploy sets them),
 * with SES API v2's sending switches on the loopback stand-in (moto does not serve them).
 */
@Tag("moto")
class ResumeCommandTest {

    private static DeployedStack stack;
    private static SesV2StandIn sesV2;

    @BeforeAll
    static void start() throws Exception {
        stack = DeployedStack.start();
        sesV2 = SesV2StandIn.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sesV2.close();
        stack.close();
    }

    private static Run resume(String... options) {
        String[] args = new String[options.length + 5];
        System.arraycopy(
                new String[] {"resume", "--env", "dev", "--region", Cli.REGION}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        return Cli.run(
                Cli.targets(
                        Map.of(
                                "dynamodb",
                                stack.dynamoEndpoint(),
                                "cloudformation",
                                stack.motoEndpoint(),
                                "sesv2",
                                sesV2.endpoint())),
                args);
    }

    @Test
    void accountModeTurnsTheAccountsSendingBackOnAndASecondRunFindsNothingToResume() {
        stack.parameters(Map.of("AutoPause", "Account"));
        sesV2.account(Map.of("EnforcementStatus", "HEALTHY", "SendingEnabled", false));

        Run run = resume();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Resumed SES sending of the account in eu-west-1 (stack ses-feedback-dev,"
                                + " AutoPause=Account).\n");
        assertThat(sesV2.accountSending()).isEqualTo(true);
        assertThat(resume().out())
                .isEqualTo("SES sending of the account in eu-west-1 is on: nothing to resume.\n");
    }

    @Test
    void configurationSetModeTurnsTheStacksSetBackOnAndNoOther() {
        stack.parameters(
                Map.of("AutoPause", "ConfigurationSet", "ConfigurationSetName", "loadtest"));
        sesV2.configurationSet("loadtest", false);
        sesV2.configurationSet("another-sender", false);

        Run run = resume();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Resumed SES sending with the configuration set loadtest (stack ses-feedback-dev,"
                                + " AutoPause=ConfigurationSet).\n");
        assertThat(sesV2.sends("loadtest")).isTrue();
        assertThat(sesV2.sends("another-sender")).isFalse();
    }

    @Test
    void aDryRunSaysWhatWouldResumeAndChangesNothing() {
        stack.parameters(Map.of("AutoPause", "ConfigurationSet", "ConfigurationSetName", "dry"));
        sesV2.configurationSet("dry", false);

        Run run = resume("--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Would resume SES sending with the configuration set dry (stack ses-feedback-dev,"
                                + " AutoPause=ConfigurationSet); nothing changed.\n");
        assertThat(sesV2.sends("dry")).isFalse();
    }

    @Test
    void aStackWithoutTheBreakerOrAConfigurationSetSesDoesNotKnowIsOneLine() {
        stack.parameters(Map.of("AutoPause", "Disabled"));
        ErrorLines.assertOneLine(
                resume(),
                1,
                "ses-feedback: stack ses-feedback-dev has AutoPause=Disabled: its circuit"
                        + " breaker pauses nothing, so there is nothing to resume");

        stack.parameters(
                Map.of(
                        "AutoPause",
                        "ConfigurationSet",
                        "ConfigurationSetName",
                        "deleted-meanwhile"));
        Run missing = resume();
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.errLines())
                .singleElement()
                .asString()
                .startsWith("ses-feedback: ")
                .contains("Configuration set <deleted-meanwhile> does not exist.");
    }

    @Test
    void theLocalStoreHasNothingToResumeAndHelpNamesDryRun() {
        ErrorLines.assertOneLine(
                Cli.run(Cli.targets(Map.of()), "resume"),
                1,
                "ses-feedback: resume turns a deployed stack's sending back on: give --env or --stack");

        Run help = Cli.run(Cli.targets(Map.of()), "resume", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--dry-run", "AutoPause=ConfigurationSet", "--env");
    }

    @Test
    void
            givenATenantTheBreakerPausedWhenResumedThenItsCustomerStatusIsEnabledBeforeAndAfterShown() {
        stack.parameters(Map.of("AutoPause", "Disabled", "AutoPauseTenants", "Enabled"));
        sesV2.customerStatus("acme", "DISABLED", 1_796_000_000);
        sesV2.tenant("globex");
        sesV2.customerStatus("globex", "DISABLED", 1_796_000_000);

        Run run = resume("--tenant", "acme");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Resumed SES tenant acme (stack ses-feedback-dev).\n"
                                + "  before: customer-managed DISABLED, SES-managed ENABLED, sending DISABLED\n"
                                + "  after:  customer-managed ENABLED, SES-managed ENABLED, sending ENABLED\n");
        assertThat(sesV2.tenant("acme").customerStatus())
                .as("ENABLED, not REINSTATED: SES's own findings still count")
                .isEqualTo("ENABLED");
        assertThat(sesV2.tenant("globex").customerStatus()).isEqualTo("DISABLED");
        assertThat(resume("--tenant", "acme").out())
                .startsWith(
                        "SES tenant acme (stack ses-feedback-dev) is not paused by its customer:"
                                + " nothing to resume.");
    }

    @Test
    void givenATenantSesItselfPausedWhenResumedThenItSaysTheResumeDoesNotLiftSesOwnPause() {
        sesV2.customerStatus("initech", "DISABLED", 1_796_000_000);
        sesV2.sesStatus("initech", "DISABLED", "High bounce rate");

        Run run = resume("--tenant", "initech");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "after:  customer-managed ENABLED, SES-managed DISABLED, sending DISABLED",
                        "SES itself pauses the tenant (SES-managed DISABLED: High bounce rate):"
                                + " this resume does not lift it.");
    }

    @Test
    void givenADryRunWhenATenantIsResumedThenNothingChanges() {
        sesV2.customerStatus("dry-tenant", "DISABLED", 1_796_000_000);

        Run run = resume("--tenant", "dry-tenant", "--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "Would resume SES tenant dry-tenant (stack ses-feedback-dev); nothing changed."
                                + " customer-managed DISABLED, SES-managed ENABLED, sending DISABLED\n");
        assertThat(sesV2.tenant("dry-tenant").customerStatus()).isEqualTo("DISABLED");
    }

    @Test
    void givenAnUnknownTenantOrARefusedCallWhenResumedThenTheErrorIsOneLine() {
        ErrorLines.assertOneLine(
                resume("--tenant", "nobody"),
                1,
                "ses-feedback: No SES tenant nobody in eu-west-1 (stack ses-feedback-dev): check"
                        + " --tenant");

        sesV2.refuseEveryCall(
                new SesV2StandIn.Refusal(
                        403,
                        "AccessDeniedException",
                        "User is not authorized to perform: ses:GetTenant"));
        try {
            ErrorLines.assertOneLine(
                    resume("--tenant", "acme"),
                    1,
                    "ses-feedback: Access denied: User is not authorized to perform: ses:GetTenant");
        } finally {
            sesV2.refuseEveryCall(null);
        }
    }
}
