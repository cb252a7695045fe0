package io.sesfeedback.notification;

/**
 * What one message does to the standing of one address: the counter it adds one to and, for a
 * permanent bounce or a complaint, why the address is now suppressed ({@code suppressionReason} is
 * null otherwise).
 */
public record StatusChange(Counter counter, String suppressionReason) {

    public enum Counter {
        PERMANENT_BOUNCES("permanentBounces"),
        TRANSIENT_BOUNCES("transientBounces"),
        UNDETERMINED_BOUNCES("undeterminedBounces"),
        COMPLAINTS("complaints"),
        /**
         * Complaints whose recipient reported the mail as not spam (rescued it): counted apart,
         * never suppressing.
         */
        NOT_SPAM_COMPLAINTS("notSpamComplaints"),
        /**
         * Bounces SES never tried to deliver, the address on its suppression list (see {@link
         * PreventedSend}): not bounces, so not {@link #PERMANENT_BOUNCES}.
         */
        PREVENTED_SENDS("preventedSends");

        private final String attribute;

        Counter(String attribute) {
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    public boolean suppresses() {
        return suppressionReason != null;
    }
}
