package io.sesfeedback.identities;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the custom resource does: wires identities to the topic, and gives them back their previous
 * settings.
 */
final class IdentityWiring {

    private final SesIdentities ses;
    private final PreviousSettings previous;
    private final Consumer<String> log;

    /**
     * What a create or update did: the identities it wired, and those it gave their previous
     * settings back.
     */
    record Wired(List<String> wired, List<String> restored) {}

    IdentityWiring(SesIdentities ses, PreviousSettings previous, Consumer<String> log) {
        this.ses = ses;
        this.previous = previous;
        this.log = log;
    }

    /**
     * Create (nothing wired before) and update: checks every identity before changing any, records
     * each one's settings the first time, wires it and puts the guard's policy on it (or takes it
     * off when the guard is off), then restores the identities the old properties named and the new
     * ones do not.
     */
    Wired wire(WiringRequest request, List<String> wiredBefore) {
        List<String> identities = request.identities();
        if (!identities.isEmpty()) {
            ses.requireVerified(identities);
        }
        Map<String, NotificationSettings> current =
                identities.isEmpty() ? Map.of() : ses.settings(identities);
        for (String identity : identities) {
            NotificationSettings now = current.get(identity);
            NotificationSettings before =
                    recorded(identity, now, request.topicArn(), wiredBefore.contains(identity));
            NotificationSettings wired = before.wiredBy(request);
            ses.change(identity, now, wired);
            log.accept("wired " + identity + ": " + wired + " (previously " + before + ")");
            guard(identity, request);
        }
        List<String> released = new ArrayList<>(wiredBefore);
        released.removeAll(Set.copyOf(identities));
        return new Wired(identities, restore(released, request.guardPolicyName()));
    }

    /**
     * Delete: each identity gets its recorded settings back and loses the guard's policy; one that
     * SES no longer knows is reported and skipped. Returns the identities restored.
     */
    List<String> unwire(List<String> identities, String guardPolicyName) {
        return restore(identities, guardPolicyName);
    }

    private void guard(String identity, WiringRequest request) {
        if (request.guard().enabled()) {
            ses.putPolicy(
                    identity,
                    request.guardPolicyName(),
                    request.guard().policy(request.identityArnPrefix() + identity));
            log.accept(
                    "guarded "
                            + identity
                            + ": policy "
                            + request.guardPolicyName()
                            + " denies sending to "
                            + String.join(", ", request.guard().domains()));
        } else {
            ses.deletePolicy(identity, request.guardPolicyName());
        }
    }

    private NotificationSettings recorded(
            String identity, NotificationSettings now, String topicArn, boolean wiredBefore) {
        Optional<NotificationSettings> recorded = previous.find(identity);
        // An identity this resource wired already keeps the settings recorded the first time, and
        // so does one that a
        // retried request wired a moment ago (it points at the topic already). Anything else is
        // recorded as it is now:
        // a record left behind by an earlier stack of the same name must not win over what the
        // identity has today.
        if (recorded.isPresent() && (wiredBefore || now.bouncesAndComplaintsGoTo(topicArn))) {
            return recorded.get();
        }
        previous.save(identity, now);
        return now;
    }

    private List<String> restore(List<String> identities, String guardPolicyName) {
        List<String> restored = new ArrayList<>();
        if (identities.isEmpty()) {
            return restored;
        }
        Set<String> known = ses.verification(identities).keySet();
        for (String identity : identities) {
            Optional<NotificationSettings> recorded = previous.find(identity);
            if (known.contains(identity) && !guardPolicyName.isEmpty()) {
                ses.deletePolicy(identity, guardPolicyName);
            }
            if (recorded.isEmpty()) {
                log.accept("nothing recorded for " + identity + ": left as it is");
            } else if (!known.contains(identity)) {
                log.accept(identity + " is no longer an SES identity here: nothing to restore");
                previous.forget(identity);
            } else {
                NotificationSettings now = ses.settings(List.of(identity)).get(identity);
                ses.change(identity, now, recorded.get());
                previous.forget(identity);
                restored.add(identity);
                log.accept("restored " + identity + ": " + recorded.get());
            }
        }
        return restored;
    }
}
