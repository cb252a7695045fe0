package io.sesfeedback.identities;

import io.sesfeedback.support.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.NotificationType;
import software.amazon.awssdk.services.ses.model.VerificationStatus;

/**
 * The SES v1 identity calls: verification, notification attributes, topics, feedback forwarding and
 * the guard's policy.
 */
final class SesIdentities {

    /**
     * SES allows its identity calls about once a second per account: SetIdentityNotificationTopic,
     * GetIdentity*Attributes.
     */
    static final Duration CALL_INTERVAL = Duration.ofSeconds(1);

    /** GetIdentity*Attributes take at most 100 identities a call. */
    private static final int PER_CALL = 100;

    private final SesClient ses;
    private final String region;
    private final Pacer pacer;

    SesIdentities(SesClient ses, String region, Pacer pacer) {
        this.ses = ses;
        this.region = region;
        this.pacer = pacer;
    }

    /**
     * Each identity's verification status; an identity SES does not know in this region is absent.
     */
    Map<String, VerificationStatus> verification(List<String> identities) {
        Map<String, VerificationStatus> statuses = new HashMap<>();
        for (List<String> chunk : chunks(identities)) {
            pacer.awaitTurn();
            try {
                ses.getIdentityVerificationAttributes(r -> r.identities(chunk))
                        .verificationAttributes()
                        .forEach(
                                (identity, attributes) ->
                                        statuses.put(identity, attributes.verificationStatus()));
            } catch (SdkException failure) {
                throw WiringFailure.of(
                        failure, "ses:GetIdentityVerificationAttributes", String.join(", ", chunk));
            }
        }
        return statuses;
    }

    /**
     * Fails, naming every identity that SES would refuse and what to do about it, before anything
     * is changed.
     */
    void requireVerified(List<String> identities) {
        Map<String, VerificationStatus> statuses = verification(identities);
        List<String> problems = new ArrayList<>();
        for (String identity : identities) {
            VerificationStatus status = statuses.get(identity);
            if (status == null) {
                problems.add(
                        identity
                                + " is not an SES identity in "
                                + region
                                + " (verify it in "
                                + region
                                + ", or deploy this stack in the region where it is verified)");
            } else if (status != VerificationStatus.SUCCESS) {
                problems.add(
                        identity
                                + " is not verified in "
                                + region
                                + " (status "
                                + status
                                + "): finish its verification first (the DNS records, or the link in the confirmation email)");
            }
        }
        if (!problems.isEmpty()) {
            throw new WiringFailure(
                    "Cannot wire SES identities to the feedback topic: "
                            + String.join("; ", problems)
                            + ". Nothing was changed.");
        }
    }

    /** The identities' current settings; an identity SES reports nothing for has SES's defaults. */
    Map<String, NotificationSettings> settings(List<String> identities) {
        Map<String, NotificationSettings> settings = new HashMap<>();
        for (List<String> chunk : chunks(identities)) {
            pacer.awaitTurn();
            try {
                ses.getIdentityNotificationAttributes(r -> r.identities(chunk))
                        .notificationAttributes()
                        .forEach(
                                (identity, attributes) ->
                                        settings.put(
                                                identity, NotificationSettings.of(attributes)));
            } catch (SdkException failure) {
                throw WiringFailure.of(
                        failure, "ses:GetIdentityNotificationAttributes", String.join(", ", chunk));
            }
        }
        for (String identity : identities) {
            settings.putIfAbsent(identity, NotificationSettings.SES_DEFAULT);
        }
        return settings;
    }

    /**
     * Changes an identity from one setting to another, calling SES only for what differs. SES
     * refuses to turn forwarding off unless Bounce and Complaint have topics: forwarding goes on
     * before topics are cleared, and off after they are set.
     */
    void change(String identity, NotificationSettings from, NotificationSettings to) {
        if (to.forwardingEnabled() && !from.forwardingEnabled()) {
            forwarding(identity, true);
        }
        topic(identity, NotificationType.BOUNCE, from.bounceTopic(), to.bounceTopic());
        topic(identity, NotificationType.COMPLAINT, from.complaintTopic(), to.complaintTopic());
        topic(identity, NotificationType.DELIVERY, from.deliveryTopic(), to.deliveryTopic());
        if (!to.forwardingEnabled() && from.forwardingEnabled()) {
            forwarding(identity, false);
        }
    }

    private void topic(String identity, NotificationType type, String from, String to) {
        if (Objects.equals(from, to)) {
            return;
        }
        pacer.awaitTurn();
        try {
            // a null topic clears it: SES stops publishing that type for the identity
            ses.setIdentityNotificationTopic(
                    r -> r.identity(identity).notificationType(type).snsTopic(to));
        } catch (SdkException failure) {
            throw WiringFailure.of(
                    failure, "ses:SetIdentityNotificationTopic (" + type + ")", identity);
        }
    }

    private void forwarding(String identity, boolean enabled) {
        pacer.awaitTurn();
        try {
            ses.setIdentityFeedbackForwardingEnabled(
                    r -> r.identity(identity).forwardingEnabled(enabled));
        } catch (SdkException failure) {
            throw WiringFailure.of(
                    failure,
                    "ses:SetIdentityFeedbackForwardingEnabled (" + enabled + ")",
                    identity);
        }
    }

    /**
     * Puts the policy of this name on the identity, replacing one of the same name; the identity's
     * other policies stay.
     */
    void putPolicy(String identity, String name, String policy) {
        pacer.awaitTurn();
        try {
            ses.putIdentityPolicy(r -> r.identity(identity).policyName(name).policy(policy));
        } catch (SdkException failure) {
            throw WiringFailure.of(failure, "ses:PutIdentityPolicy (" + name + ")", identity);
        }
    }

    /**
     * Deletes the policy of this name from the identity; SES answers success when there is none.
     */
    void deletePolicy(String identity, String name) {
        pacer.awaitTurn();
        try {
            ses.deleteIdentityPolicy(r -> r.identity(identity).policyName(name));
        } catch (SdkException failure) {
            throw WiringFailure.of(failure, "ses:DeleteIdentityPolicy (" + name + ")", identity);
        }
    }

    private static List<List<String>> chunks(List<String> identities) {
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < identities.size(); start += PER_CALL) {
            chunks.add(identities.subList(start, Math.min(identities.size(), start + PER_CALL)));
        }
        return chunks;
    }
}
