package io.sesfeedback.tools.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code status} says about an account, from figures already fetched: SES's standing, the
 * reputation rates beside this stack's alarms and SES's review and pause levels, the sending
 * figures, and the headroom in hard bounces.
 */
record AccountStatus(
        Optional<Standing> standing,
        String standingProblem,
        Optional<Rates> rates,
        String ratesProblem,
        Sending lastDay,
        Sending lastTwoWeeks,
        Thresholds thresholds) {

    /** SES's review and pause levels (AWS documentation, "Sending review process FAQs"). */
    static final double BOUNCE_REVIEW = 0.05;

    static final double BOUNCE_PAUSE = 0.10;
    static final double COMPLAINT_REVIEW = 0.001;
    static final double COMPLAINT_PAUSE = 0.005;

    /** Where a rate stands: under this stack's alarm, over it, at SES's review or pause level. */
    enum Level {
        ok,
        alarm,
        REVIEW,
        PAUSE;

        /** At SES's review or pause level. */
        boolean ses() {
            return this == REVIEW || this == PAUSE;
        }
    }

    static Level level(double value, double alarm, double review, double pause) {
        return value >= pause
                ? Level.PAUSE
                : value >= review ? Level.REVIEW : value >= alarm ? Level.alarm : Level.ok;
    }

    /** The latest bounce rate's level; empty without a datapoint. */
    Optional<Level> bounceLevel() {
        return rates.flatMap(Rates::bounceRate)
                .map(v -> level(v, thresholds.bounceRate(), BOUNCE_REVIEW, BOUNCE_PAUSE));
    }

    /** The latest complaint rate's level; empty without a datapoint. */
    Optional<Level> complaintLevel() {
        return rates.flatMap(Rates::complaintRate)
                .map(v -> level(v, thresholds.complaintRate(), COMPLAINT_REVIEW, COMPLAINT_PAUSE));
    }

    /**
     * sesv2 GetAccount; {@code suppressedReasons} its SuppressionAttributes.SuppressedReasons,
     * empty when left out or empty (both mean off).
     */
    // https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetAccount.html
    record Standing(
            String enforcementStatus,
            boolean sendingEnabled,
            boolean productionAccess,
            double max24HourSend,
            double maxSendRate,
            double sentLast24Hours,
            List<String> suppressedReasons) {

        Standing {
            suppressedReasons = suppressedReasons.stream().sorted().toList();
        }

        /** SES's account-level suppression: on (BOUNCE and COMPLAINT), partial or off. */
        String accountSuppression() {
            if (suppressedReasons.isEmpty()) {
                return "off";
            }
            return suppressedReasons.containsAll(List.of("BOUNCE", "COMPLAINT")) ? "on" : "partial";
        }

        /** What SES does without it and how to turn it on; null when it is on. */
        String accountSuppressionWarning() {
            if (accountSuppression().equals("on")) {
                return null;
            }
            String unsuppressed =
                    suppressedReasons.isEmpty()
                            ? "bounced or complained"
                            : suppressedReasons.contains("BOUNCE") ? "complained" : "bounced";
            return "SES will keep sending to addresses that "
                    + unsuppressed
                    + "; this stack's table still records them. Turn it on: "
                    + TURN_ON_SUPPRESSION;
        }
    }

    static final String TURN_ON_SUPPRESSION =
            "aws sesv2 put-account-suppression-attributes --suppressed-reasons BOUNCE COMPLAINT";

    /**
     * The latest Reputation.BounceRate and Reputation.ComplaintRate datapoints (fractions), when
     * CloudWatch has them.
     */
    record Rates(Optional<Double> bounceRate, Optional<Double> complaintRate) {}

    /** SES's send statistics summed over a window. */
    record Sending(long deliveryAttempts, long bounces, long complaints, long rejects) {}

    /** This stack's alarm thresholds. */
    record Thresholds(double bounceRate, double complaintRate) {}

    /**
     * Hard bounces that would bring the rate over {@code volume} to {@code level}, none when it is
     * there already: SES weighs a representative volume of recent mail, and this takes the volume
     * given as that.
     */
    static long bouncesUntil(double level, long volume, long bounces) {
        return Math.max(0, (long) Math.ceil(level * volume - bounces));
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(
                standing.map(
                                s ->
                                        "SES account: enforcement "
                                                + s.enforcementStatus()
                                                + ", sending "
                                                + (s.sendingEnabled() ? "enabled" : "PAUSED")
                                                + ", "
                                                + (s.productionAccess()
                                                        ? "production access"
                                                        : "sandbox")
                                                + "; sent %s of %s in the last 24 hours, at most %s a second"
                                                        .formatted(
                                                                count(s.sentLast24Hours()),
                                                                count(s.max24HourSend()),
                                                                count(s.maxSendRate())))
                        .orElse("SES account: not available (" + standingProblem + ")"));
        standing.ifPresent(
                s -> {
                    lines.add(
                            "SES account-level suppression: "
                                    + s.accountSuppression()
                                    + (s.suppressedReasons().isEmpty()
                                            ? ""
                                            : " ("
                                                    + String.join(" and ", s.suppressedReasons())
                                                    + ")"));
                    if (s.accountSuppressionWarning() != null) {
                        lines.add("  WARNING: " + s.accountSuppressionWarning());
                    }
                });
        if (rates.isPresent()) {
            lines.add("Reputation now (CloudWatch, latest datapoint):");
            lines.add(
                    rate(
                            "bounce rate",
                            rates.get().bounceRate(),
                            thresholds.bounceRate(),
                            BOUNCE_REVIEW,
                            BOUNCE_PAUSE));
            lines.add(
                    rate(
                            "complaint rate",
                            rates.get().complaintRate(),
                            thresholds.complaintRate(),
                            COMPLAINT_REVIEW,
                            COMPLAINT_PAUSE));
        } else {
            lines.add("Reputation now: not available from CloudWatch (" + ratesProblem + ")");
        }
        lines.add("Sending (SES send statistics)      last 24 hours   last 14 days");
        lines.add(
                row(
                        "delivery attempts",
                        lastDay.deliveryAttempts(),
                        lastTwoWeeks.deliveryAttempts()));
        lines.add(row("bounces", lastDay.bounces(), lastTwoWeeks.bounces()));
        lines.add(row("complaints", lastDay.complaints(), lastTwoWeeks.complaints()));
        lines.add(row("rejects", lastDay.rejects(), lastTwoWeeks.rejects()));
        long volume = lastTwoWeeks.deliveryAttempts();
        if (volume == 0) {
            lines.add(
                    "Headroom: no mail sent in the last 14 days, nothing to weigh bounces against.");
        } else {
            lines.add(
                    "Headroom: about %s more hard bounces at this volume until SES reviews the account (%s), %s until it may pause sending (%s)."
                            .formatted(
                                    count(
                                            bouncesUntil(
                                                    BOUNCE_REVIEW, volume, lastTwoWeeks.bounces())),
                                    percent(BOUNCE_REVIEW),
                                    count(
                                            bouncesUntil(
                                                    BOUNCE_PAUSE, volume, lastTwoWeeks.bounces())),
                                    percent(BOUNCE_PAUSE)));
            lines.add(
                    "  Assumed: SES weighs a representative volume of recent mail, not a fixed window; this takes the last"
                            + " 14 days' "
                            + count(volume)
                            + " delivery attempts as that volume, and the send statistics' bounces"
                            + " (SES does not say whether they are hard bounces only) as the bounces so far.");
        }
        return lines;
    }

    private static String rate(
            String name, Optional<Double> value, double alarm, double review, double pause) {
        String now = value.map(v -> "%.4f".formatted(v)).orElse("no datapoint");
        String mark =
                value.map(
                                v ->
                                        switch (level(v, alarm, review, pause)) {
                                            case PAUSE -> "  AT SES'S PAUSE LEVEL";
                                            case REVIEW -> "  AT SES'S REVIEW LEVEL";
                                            case alarm -> "  over this stack's alarm";
                                            case ok -> "";
                                        })
                        .orElse("");
        return String.format(
                Locale.ROOT,
                "  %-15s %-12s this stack's alarm %.4f, SES reviews at %.4f, may pause at %.4f%s",
                name,
                now,
                alarm,
                review,
                pause,
                mark);
    }

    private static String row(String name, long day, long weeks) {
        return String.format(Locale.ROOT, "  %-30s %15s %14s", name, count(day), count(weeks));
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,d", (long) value);
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.0f%%", level * 100);
    }
}
