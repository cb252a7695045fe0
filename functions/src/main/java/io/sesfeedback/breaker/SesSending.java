package io.sesfeedback.breaker;

import io.sesfeedback.support.FailedCall;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ConfigurationSetAttribute;

/**
 * SES v1's sending switches: UpdateAccountSendingEnabled for the account in the client's region,
 * UpdateConfigurationSetSendingEnabled for a configuration set; each read first, so that a second
 * alarm pauses nothing.
 */
final class SesSending implements Sending {

    private final SesClient ses;
    private final PauseScope scope;
    private final String configurationSetArn;

    /**
     * {@code configurationSetArnPrefix}: arn:PARTITION:ses:REGION:ACCOUNT:configuration-set/, for
     * the log line.
     */
    SesSending(SesClient ses, PauseScope scope, String configurationSetArnPrefix) {
        this.ses = ses;
        this.scope = scope;
        this.configurationSetArn =
                scope.configurationSet() == null
                        ? "*"
                        : configurationSetArnPrefix + scope.configurationSet();
    }

    @Override
    public boolean enabled() {
        if (scope.mode() == PauseScope.Mode.ACCOUNT) {
            return call(
                    "ses:GetAccountSendingEnabled",
                    () -> Boolean.TRUE.equals(ses.getAccountSendingEnabled().enabled()));
        }
        return call(
                "ses:DescribeConfigurationSet",
                () -> {
                    var options =
                            ses.describeConfigurationSet(
                                            r ->
                                                    r.configurationSetName(scope.configurationSet())
                                                            .configurationSetAttributeNames(
                                                                    ConfigurationSetAttribute
                                                                            .REPUTATION_OPTIONS))
                                    .reputationOptions();
                    // SES leaves out what was never changed: a set sends until paused
                    return options == null || !Boolean.FALSE.equals(options.sendingEnabled());
                });
    }

    @Override
    public void pause() {
        if (scope.mode() == PauseScope.Mode.ACCOUNT) {
            call(
                    "ses:UpdateAccountSendingEnabled",
                    () -> ses.updateAccountSendingEnabled(r -> r.enabled(false)));
        } else {
            call(
                    "ses:UpdateConfigurationSetSendingEnabled",
                    () ->
                            ses.updateConfigurationSetSendingEnabled(
                                    r ->
                                            r.configurationSetName(scope.configurationSet())
                                                    .enabled(false)));
        }
    }

    private <T> T call(String action, java.util.function.Supplier<T> call) {
        return FailedCall.call(
                action, scope.mode() == PauseScope.Mode.ACCOUNT ? "*" : configurationSetArn, call);
    }
}
