package io.sesfeedback.accountwatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One check: read the account, compare it with the last change stored, and when it differs store the change and
 * publish it. Nothing changed, nothing written or sent. The store's write is conditional on the last change it read,
 * so that of two checks that overlap only one stores and publishes a change.
 */
public final class AccountWatch {

    /** SES's view of the account. */
    public interface AccountSource {
        Reading read();
    }

    /** What SES answered: the state, and the day's sends, which are not part of it. */
    public record Reading(AccountState state, double sentLast24Hours) {
    }

    /** The last change stored: the state it left, and when it was seen. */
    public record Latest(AccountState state, Instant changedAt) {
    }

    /** The stored changes of the account in one region. */
    public interface StatusHistory {
        Optional<Latest> latest();

        /** Stores the change unless another check stored one since {@code previous} was read: then false. */
        boolean record(AccountCheck check, Latest previous, List<Change> changes, AccountStatusMessage message);
    }

    /** The feedback topic. */
    public interface Topic {
        /** Publishes the message and answers SNS's MessageId. */
        String publish(AccountStatusMessage message);
    }

    /** What a check did; {@code message} only when something changed, {@code snsMessageId} only when it published. */
    public record Outcome(AccountCheck check, List<Change> changes, Result result, AccountStatusMessage message,
                          String snsMessageId) {
    }

    public enum Result {
        UNCHANGED("unchanged"),
        PUBLISHED("published"),
        /** Another check, overlapping this one, stored and published the same change. */
        STORED_BY_ANOTHER_CHECK("stored-by-another-check");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String region;
    private final AccountSource source;
    private final StatusHistory history;
    private final Topic topic;
    private final Clock clock;

    public AccountWatch(String region, AccountSource source, StatusHistory history, Topic topic, Clock clock) {
        this.region = region;
        this.source = source;
        this.history = history;
        this.topic = topic;
        this.clock = clock;
    }

    public Outcome check() {
        Reading reading = source.read();
        AccountCheck check = new AccountCheck(clock.instant(), region, reading.state(), reading.sentLast24Hours());
        Optional<Latest> latest = history.latest();
        AccountState previous = latest.map(Latest::state).orElse(null);
        List<Change> changes = check.state().changesSince(previous);
        if (changes.isEmpty()) {
            return new Outcome(check, changes, Result.UNCHANGED, null, null);
        }
        AccountStatusMessage message = AccountStatusMessage.of(check, previous, changes);
        if (!history.record(check, latest.orElse(null), changes, message)) {
            return new Outcome(check, changes, Result.STORED_BY_ANOTHER_CHECK, message, null);
        }
        return new Outcome(check, changes, Result.PUBLISHED, message, topic.publish(message));
    }
}
