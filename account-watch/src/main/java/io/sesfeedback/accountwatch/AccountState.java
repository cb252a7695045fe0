package io.sesfeedback.accountwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What SES says about the account in one region, as far as a change of it is news: enforcement status, whether it may
 * send, whether it is out of the sandbox, its quota and the open Virtual Deliverability Manager recommendations.
 * {@code SentLast24Hours} is left out: it changes with every mail sent.
 */
public record AccountState(String enforcementStatus, boolean sendingEnabled, boolean productionAccessEnabled,
                           double max24HourSend, double maxSendRate, boolean vdmEnabled,
                           List<Recommendation> recommendations) {

    /** The one enforcement status with nothing to act on; PROBATION (under review) and SHUTDOWN (paused) are not. */
    public static final String HEALTHY = "HEALTHY";

    public AccountState {
        Objects.requireNonNull(enforcementStatus, "enforcementStatus");
        recommendations = recommendations.stream().sorted().distinct().toList();
    }

    public boolean healthy() {
        return HEALTHY.equals(enforcementStatus);
    }

    /** What differs from {@code previous}, most serious first; with no previous check, every field as it is now. */
    public List<Change> changesSince(AccountState previous) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "enforcementStatus", previous == null ? null : previous.enforcementStatus, enforcementStatus);
        compare(changes, "sendingEnabled", previous == null ? null : previous.sendingEnabled, sendingEnabled);
        compare(changes, "productionAccessEnabled", previous == null ? null : previous.productionAccessEnabled, productionAccessEnabled);
        compare(changes, "max24HourSend", previous == null ? null : number(previous.max24HourSend), number(max24HourSend));
        compare(changes, "maxSendRate", previous == null ? null : number(previous.maxSendRate), number(maxSendRate));
        compare(changes, "vdmEnabled", previous == null ? null : previous.vdmEnabled, vdmEnabled);
        List<Recommendation> before = previous == null ? List.of() : previous.recommendations;
        recommendations.stream().filter(r -> !before.contains(r))
                .forEach(r -> changes.add(new Change("recommendation", null, r.describe())));
        before.stream().filter(r -> !recommendations.contains(r))
                .forEach(r -> changes.add(new Change("recommendation", r.describe(), null)));
        return changes;
    }

    private static void compare(List<Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from == null ? null : from.toString(), to.toString()));
        }
    }

    /** 50000.0 as 50000, 14.5 as 14.5: the quota as SES's console shows it. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
