package io.sesfeedback.accountwatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What SES says about the account in one region, as far as a change of it is news: enforcement
 * status, whether it may send, whether it is out of the sandbox, its quota and the open Virtual
 * Deliverability Manager recommendations, and SES's account-level suppression ({@code
 * accountSuppression}, null in a state stored before it was read). {@code SentLast24Hours} is left
 * out: it changes with every mail sent. {@code openRecommendations} holds the {@link
 * Recommendation#digest()} of every open recommendation; {@code recommendations} those known in
 * full (all of them as SES lists them, the {@value #STORED_IN_FULL} most severe as the table keeps
 * them).
 */
public record AccountState(
        String enforcementStatus,
        boolean sendingEnabled,
        boolean productionAccessEnabled,
        double max24HourSend,
        double maxSendRate,
        boolean vdmEnabled,
        AccountSuppression accountSuppression,
        List<Recommendation> recommendations,
        Set<String> openRecommendations) {

    /**
     * The one enforcement status with nothing to act on; PROBATION (under review) and SHUTDOWN
     * (paused) are not.
     */
    public static final String HEALTHY = "HEALTHY";

    /** The change of SES's account-level suppression. */
    public static final String ACCOUNT_SUPPRESSION = "accountSuppression";

    /** Recommendations kept and published in full, the most severe first; the rest are counted. */
    public static final int STORED_IN_FULL = 20;

    public AccountState {
        Objects.requireNonNull(enforcementStatus, "enforcementStatus");
        recommendations = recommendations.stream().sorted().distinct().toList();
        Set<String> open = new TreeSet<>(openRecommendations);
        recommendations.forEach(r -> open.add(r.digest()));
        openRecommendations = Collections.unmodifiableSet(open);
    }

    /** As SES lists it: every open recommendation in full. */
    public AccountState(
            String enforcementStatus,
            boolean sendingEnabled,
            boolean productionAccessEnabled,
            double max24HourSend,
            double maxSendRate,
            boolean vdmEnabled,
            AccountSuppression accountSuppression,
            List<Recommendation> recommendations) {
        this(
                enforcementStatus,
                sendingEnabled,
                productionAccessEnabled,
                max24HourSend,
                maxSendRate,
                vdmEnabled,
                accountSuppression,
                recommendations,
                Set.of());
    }

    /**
     * As SES lists it, with account-level suppression on for both reasons (SES's default for
     * accounts created since 2019-11-25).
     */
    public AccountState(
            String enforcementStatus,
            boolean sendingEnabled,
            boolean productionAccessEnabled,
            double max24HourSend,
            double maxSendRate,
            boolean vdmEnabled,
            List<Recommendation> recommendations) {
        this(
                enforcementStatus,
                sendingEnabled,
                productionAccessEnabled,
                max24HourSend,
                maxSendRate,
                vdmEnabled,
                AccountSuppression.of(
                        List.of(AccountSuppression.BOUNCE, AccountSuppression.COMPLAINT)),
                recommendations);
    }

    /** This state with SES's account-level suppression as {@code suppression}. */
    public AccountState withAccountSuppression(AccountSuppression suppression) {
        return new AccountState(
                enforcementStatus,
                sendingEnabled,
                productionAccessEnabled,
                max24HourSend,
                maxSendRate,
                vdmEnabled,
                suppression,
                recommendations,
                openRecommendations);
    }

    public boolean healthy() {
        return HEALTHY.equals(enforcementStatus);
    }

    /** The {@code limit} most severe of the recommendations known in full. */
    public List<Recommendation> mostSevere(int limit) {
        return recommendations.stream()
                .sorted(Recommendation.MOST_SEVERE_FIRST)
                .limit(limit)
                .toList();
    }

    /**
     * This state with the recommendations of {@code other}: for a check that could not list them
     * all.
     */
    public AccountState withRecommendationsOf(AccountState other) {
        return new AccountState(
                enforcementStatus,
                sendingEnabled,
                productionAccessEnabled,
                max24HourSend,
                maxSendRate,
                vdmEnabled,
                accountSuppression,
                other.recommendations,
                other.openRecommendations);
    }

    /**
     * What differs from {@code previous}, most serious first; with no previous check, every field
     * as it is now. A recommendation is compared by its digest; one that closed and was not kept in
     * full is counted, not described.
     */
    public List<Change> changesSince(AccountState previous) {
        List<Change> changes = new ArrayList<>();
        compare(
                changes,
                "enforcementStatus",
                previous == null ? null : previous.enforcementStatus,
                enforcementStatus);
        compare(
                changes,
                "sendingEnabled",
                previous == null ? null : previous.sendingEnabled,
                sendingEnabled);
        compare(
                changes,
                "productionAccessEnabled",
                previous == null ? null : previous.productionAccessEnabled,
                productionAccessEnabled);
        compare(
                changes,
                "max24HourSend",
                previous == null ? null : number(previous.max24HourSend),
                number(max24HourSend));
        compare(
                changes,
                "maxSendRate",
                previous == null ? null : number(previous.maxSendRate),
                number(maxSendRate));
        compare(changes, "vdmEnabled", previous == null ? null : previous.vdmEnabled, vdmEnabled);
        compareSuppression(changes, previous);
        Set<String> before = previous == null ? Set.of() : previous.openRecommendations;
        recommendations.stream()
                .sorted(Recommendation.MOST_SEVERE_FIRST)
                .filter(r -> !before.contains(r.digest()))
                .forEach(r -> changes.add(new Change("recommendation", null, r.describe())));
        if (previous != null) {
            previous.recommendations.stream()
                    .sorted(Recommendation.MOST_SEVERE_FIRST)
                    .filter(r -> !openRecommendations.contains(r.digest()))
                    .forEach(r -> changes.add(new Change("recommendation", r.describe(), null)));
            Set<String> named = digests(previous.recommendations);
            long closedUnnamed =
                    previous.openRecommendations.stream()
                            .filter(
                                    digest ->
                                            !openRecommendations.contains(digest)
                                                    && !named.contains(digest))
                            .count();
            if (closedUnnamed > 0) {
                changes.add(
                        new Change(
                                "recommendation",
                                closedUnnamed + (closedUnnamed == 1 ? " other" : " others"),
                                null));
            }
        }
        return changes;
    }

    /**
     * A state stored before the watch read account-level suppression has none: then only
     * suppression not fully on is news, once.
     */
    private void compareSuppression(List<Change> changes, AccountState previous) {
        AccountSuppression before = previous == null ? null : previous.accountSuppression;
        if (accountSuppression == null
                || (previous != null && before == null && accountSuppression.on())) {
            return;
        }
        compare(
                changes,
                ACCOUNT_SUPPRESSION,
                before == null ? null : before.describe(),
                accountSuppression.describe());
    }

    private static Set<String> digests(Collection<Recommendation> recommendations) {
        Set<String> digests = new TreeSet<>();
        recommendations.forEach(r -> digests.add(r.digest()));
        return digests;
    }

    private static void compare(List<Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from == null ? null : from.toString(), to.toString()));
        }
    }

    /** 50000.0 as 50000, 14.5 as 14.5: the quota as SES's console shows it. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
