package io.sesfeedback.tools.operations;

import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.targets.Target;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The circuit breaker's state on a stack: off (AutoPause=Disabled), or armed or PAUSED on what it
 * guards (the account's sending, or the configuration set's), as SES says now.
 */
public record BreakerState(String text, boolean paused, String problem) {

    /** The configuration set's sending is off. */
    public static boolean pausedSet(SesV2Client ses, String set) {
        var options = ses.getConfigurationSet(r -> r.configurationSetName(set)).sendingOptions();
        return options != null && Boolean.FALSE.equals(options.sendingEnabled());
    }

    /** The account's sending from GetAccount, when {@code standing} has it. */
    static BreakerState of(Target target, Optional<AccountStatus.Standing> standing) {
        String mode = target.parameter(ResumeCommand.AUTO_PAUSE);
        switch (mode) {
            case "Account" -> {
                return standing.map(
                                s ->
                                        s.sendingEnabled()
                                                ? new BreakerState("armed (Account)", false, null)
                                                : new BreakerState("PAUSED (Account)", true, null))
                        .orElse(
                                new BreakerState(
                                        "unknown (Account)",
                                        false,
                                        "breaker: the account's sending could not be read"));
            }
            case "ConfigurationSet" -> {
                String set = target.parameter(ResumeCommand.CONFIGURATION_SET_NAME);
                try {
                    return pausedSet(target.client(SesV2Client.builder(), "sesv2"), set)
                            ? new BreakerState("PAUSED (set " + set + ")", true, null)
                            : new BreakerState("armed (set " + set + ")", false, null);
                } catch (SdkException e) {
                    return new BreakerState(
                            "unknown (set " + set + ")",
                            false,
                            "breaker: " + ErrorReport.describe(e));
                }
            }
            default -> {
                return new BreakerState("off", false, null);
            }
        }
    }
}
