package io.sesfeedback.identities;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Each identity's settings from before the stack wired it, kept until the stack lets go of it: one
 * SSM parameter per identity under this stack's path.
 *
 * <p>Not in the PhysicalResourceId: that holds 1 KB (three topic ARNs of one identity can exceed
 * it), and a changed id makes CloudFormation treat an update as a replacement and send a Delete for
 * the old id, which would undo the wiring. Not in the response Data: CloudFormation never hands it
 * back. A parameter per identity stays well under the 4 KB standard-tier limit however many
 * identities there are, costs nothing, and a person can read it.
 */
final class PreviousSettings {

    private final SsmClient ssm;
    private final String path;

    PreviousSettings(SsmClient ssm, String path) {
        this.ssm = ssm;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    Optional<NotificationSettings> find(String identity) {
        String name = name(identity);
        try {
            return Optional.of(
                    NotificationSettings.fromJson(
                            ssm.getParameter(r -> r.name(name)).parameter().value()));
        } catch (ParameterNotFoundException none) {
            return Optional.empty();
        } catch (SdkException failure) {
            throw WiringFailure.of(failure, "ssm:GetParameter", name);
        }
    }

    void save(String identity, NotificationSettings settings) {
        String name = name(identity);
        try {
            ssm.putParameter(
                    r ->
                            r.name(name)
                                    .value(settings.toJson())
                                    .type(ParameterType.STRING)
                                    .overwrite(true)
                                    .description(
                                            "Notification settings of SES identity "
                                                    + identity
                                                    + " before this stack wired it"));
        } catch (SdkException failure) {
            throw WiringFailure.of(failure, "ssm:PutParameter", name);
        }
    }

    void forget(String identity) {
        String name = name(identity);
        try {
            ssm.deleteParameter(r -> r.name(name));
        } catch (ParameterNotFoundException alreadyGone) {
            // nothing to forget
        } catch (SdkException failure) {
            throw WiringFailure.of(failure, "ssm:DeleteParameter", name);
        }
    }

    /**
     * Parameter names allow letters, digits and {@code _.-/} only; an address has {@code @} and may
     * have {@code +}.
     */
    String name(String identity) {
        return path
                + "/"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(identity.getBytes(StandardCharsets.UTF_8));
    }
}
