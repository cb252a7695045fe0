package io.sesfeedback.tools.operations;

import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = {
            "Turns SES sending back on after the stack's circuit breaker paused it (template.yaml, AutoPause):"
                    + " the stack's configuration set (AutoPause=ConfigurationSet) or the account's sending in the region"
                    + " (AutoPause=Account). Sending that is on already is left alone.",
            "Fix the cause first (report, history): the auto-pause alarm pauses again at its next evaluation while the"
                    + " bounces go on. Needs --env or --stack: it reads the stack's AutoPause and ConfigurationSetName.",
            "With --tenant NAME: sets the SES tenant's customer-managed sending status to ENABLED (AutoPauseTenants"
                    + " paused it, or an operator did), and prints it before and after. Not REINSTATED, which would let"
                    + " the tenant send despite SES's own open reputation findings. The breaker leaves a resumed tenant"
                    + " alone for its window (an hour, or AccountCheckMinutes when longer)."
        })
public final class ResumeCommand extends TargetCommand {

    public static final String AUTO_PAUSE = "AutoPause";
    public static final String CONFIGURATION_SET_NAME = "ConfigurationSetName";

    @Option(
            names = "--dry-run",
            description =
                    "Read the stack and SES's sending state and say what would change: change nothing.")
    boolean dryRun;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Resume this SES tenant's sending (customer-managed status ENABLED), not the"
                            + " stack's AutoPause scope.")
    String tenant;

    @Override
    protected void checkOptions() {
        if (!targetOptions.namesStack()) {
            throw new UserError(
                    "resume turns a deployed stack's sending back on: give --env or --stack");
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        SesV2Client ses = target.client(SesV2Client.builder(), "sesv2");
        if (tenant != null) {
            new TenantResume(ses, target.description(), region()).resume(tenant, dryRun, out);
            return 0;
        }
        String autoPause = target.parameter(AUTO_PAUSE);
        String what;
        boolean paused;
        switch (autoPause) {
            case "Account" -> {
                what = "SES sending of the account in " + region();
                paused = Boolean.FALSE.equals(ses.getAccount(r -> {}).sendingEnabled());
                if (paused && !dryRun) {
                    ses.putAccountSendingAttributes(r -> r.sendingEnabled(true));
                }
            }
            case "ConfigurationSet" -> {
                String name = target.parameter(CONFIGURATION_SET_NAME);
                what = "SES sending with the configuration set " + name;
                var options =
                        ses.getConfigurationSet(r -> r.configurationSetName(name)).sendingOptions();
                paused = options != null && Boolean.FALSE.equals(options.sendingEnabled());
                if (paused && !dryRun) {
                    ses.putConfigurationSetSendingOptions(
                            r -> r.configurationSetName(name).sendingEnabled(true));
                }
            }
            default ->
                    throw new UserError(
                            target.description()
                                    + " has "
                                    + AUTO_PAUSE
                                    + "="
                                    + autoPause
                                    + ": its circuit breaker pauses nothing, so there is nothing to resume");
        }
        if (!paused) {
            out.println(what + " is on: nothing to resume.");
        } else {
            out.println(
                    (dryRun ? "Would resume " : "Resumed ")
                            + what
                            + " ("
                            + target.description()
                            + ", "
                            + AUTO_PAUSE
                            + "="
                            + autoPause
                            + ")"
                            + (dryRun ? "; nothing changed." : "."));
        }
        return 0;
    }

    private String region() {
        return targetOptions.region() != null ? targetOptions.region() : "the configured region";
    }
}
