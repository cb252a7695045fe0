package io.sesfeedback.accountwatch;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * SES's account-level suppression: the reasons (BOUNCE, COMPLAINT) for which SES stops sending to
 * an address on the account's suppression list. On with both, partial with one, off with none.
 */
// https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SuppressionAttributes.html
public record AccountSuppression(Set<String> suppressedReasons) {

    public static final String BOUNCE = "BOUNCE";
    public static final String COMPLAINT = "COMPLAINT";

    /** The command that turns it on for both reasons. */
    static final String TURN_ON =
            "aws sesv2 put-account-suppression-attributes --suppressed-reasons BOUNCE COMPLAINT";

    public AccountSuppression {
        suppressedReasons = Set.copyOf(suppressedReasons);
    }

    /** GetAccount's SuppressedReasons: left out or empty, both read as off. */
    public static AccountSuppression of(Collection<String> suppressedReasons) {
        return new AccountSuppression(
                suppressedReasons == null ? Set.of() : new TreeSet<>(suppressedReasons));
    }

    public boolean on() {
        return suppressedReasons.contains(BOUNCE) && suppressedReasons.contains(COMPLAINT);
    }

    /** The reasons in order, for the table and the message. */
    public List<String> reasons() {
        return List.copyOf(new TreeSet<>(suppressedReasons));
    }

    /** {@code on (BOUNCE, COMPLAINT)}, {@code partial (BOUNCE only)} or {@code off}. */
    public String describe() {
        if (suppressedReasons.isEmpty()) {
            return "off";
        }
        String reasons = String.join(", ", reasons());
        return on() ? "on (" + reasons + ")" : "partial (" + reasons + " only)";
    }

    /** What it means for the reader and how to turn it on; empty when it is on. */
    String advice() {
        if (on()) {
            return "";
        }
        String unsuppressed =
                suppressedReasons.isEmpty()
                        ? "addresses that bounced or complained"
                        : suppressedReasons.contains(BOUNCE)
                                ? "addresses that complained"
                                : "addresses that bounced";
        return "SES's account-level suppression is "
                + describe()
                + ": SES will keep sending to "
                + unsuppressed
                + ", which counts against the account's reputation; this stack's table still records"
                + " them. Turn it on with: "
                + TURN_ON;
    }
}
