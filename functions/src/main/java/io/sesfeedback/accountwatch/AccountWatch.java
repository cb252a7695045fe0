package io.sesfeedback.accountwatch;

import io.sesfeedback.support.SnsTopic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check: publish the last change first if an earlier check stored it but could not publish it,
 * then read the account and its tenants, compare them with the last change stored (each tenant with
 * its own item), and when they differ store the change (marked unpublished), the changed tenants'
 * states, and publish it. Nothing changed, nothing written or sent. The store's writes are
 * conditional on the last change it read, so that of two checks that overlap only one stores and
 * only one publishes a change; one whose publish succeeded and was recorded is never published
 * again.
 *
 * <p>A member of a hub also puts each change on its event bus, after the topic: a change is
 * published once it is on both. When the bus refuses it, the change is marked as on the topic
 * already and the check fails; the next check that takes it over puts it on the bus alone, never on
 * the topic again. Later changes wait for it, as they wait for an unpublished one: none is lost,
 * and the hub receives them in order.
 */
public final class AccountWatch {

    /**
     * Longer than a check can run (the function's 30 s timeout), shorter than 5 minutes, the
     * shortest AccountCheckMinutes.
     */
    static final Duration PUBLISH_HOLD = Duration.ofMinutes(2);

    /** SES's view of the account. */
    public interface AccountSource {
        Reading read();
    }

    /**
     * What SES answered: the state, the day's sends (not part of it), whether every open
     * recommendation was listed, the tenants and whether every one was listed ({@code
     * tenantsProblem}: the failed call that stopped the listing, null when none failed).
     */
    public record Reading(
            AccountState state,
            double sentLast24Hours,
            boolean recommendationsComplete,
            List<TenantState> tenants,
            boolean tenantsComplete,
            String tenantsProblem) {

        /** An account without tenants. */
        public Reading(
                AccountState state, double sentLast24Hours, boolean recommendationsComplete) {
            this(state, sentLast24Hours, recommendationsComplete, List.of(), true, null);
        }
    }

    /**
     * The last change stored: the state it left and when it was seen; until it is published, also
     * until when the check publishing it holds it ({@code publishHeldUntil}, null once published).
     */
    public record Latest(
            AccountState state,
            Instant changedAt,
            Instant publishHeldUntil,
            boolean publishedToTopic) {

        /** A change not yet on the topic (or published: {@code publishHeldUntil} null). */
        public Latest(AccountState state, Instant changedAt, Instant publishHeldUntil) {
            this(state, changedAt, publishHeldUntil, false);
        }

        public boolean unpublished() {
            return publishHeldUntil != null;
        }

        /** The same change, held by a check until {@code heldUntil} (null: published). */
        Latest heldUntil(Instant heldUntil) {
            return new Latest(state, changedAt, heldUntil, heldUntil != null && publishedToTopic);
        }
    }

    /** The stored changes of the account in one region. */
    public interface StatusHistory {
        Optional<Latest> latest();

        /**
         * Stores the change, unpublished and held by this check until {@code heldUntil}, unless
         * another check stored one since {@code previous} was read: then false.
         */
        boolean record(
                AccountCheck check,
                Latest previous,
                List<Change> changes,
                AccountStatusMessage message,
                Instant heldUntil);

        /**
         * Holds the unpublished change of {@code latest} until {@code heldUntil}, unless another
         * check took it since: then false.
         */
        boolean hold(Latest latest, Instant heldUntil);

        /** Each tenant as the last change that named it stored it, by ARN; none before tenants. */
        Map<String, TenantState> tenants();

        /**
         * Stores the tenants' states that {@code changes} holds and forgets the deleted ones: after
         * {@link #record} stored the change, before it is published.
         */
        void storeTenants(TenantChanges changes);

        /** The message stored with the change of {@code latest}; empty if its item is gone. */
        Optional<AccountStatusMessage> message(Latest latest);

        /**
         * Marks the change that {@code held} holds as published, unless another check has taken it
         * over since.
         */
        void published(Latest held);

        /**
         * Marks the change that {@code held} holds as on the topic but not yet on the bus, still
         * held until its time, unless another check has taken it over since.
         */
        void publishedToTopic(Latest held);
    }

    /** The feedback topic. */
    public interface Topic {
        /** Publishes the message and answers SNS's MessageId. */
        String publish(AccountStatusMessage message);

        /** The stack's topic on SNS. */
        static Topic on(SnsTopic sns) {
            return message -> sns.publish(message.subject(), message.body());
        }
    }

    /**
     * The event bus a member puts its changes on for the hub (EVENT_BUS_NAME); none outside a
     * member.
     */
    public interface Bus {
        /** Puts the change on the bus and answers EventBridge's event id. */
        String put(AccountStatusMessage message);
    }

    /**
     * A change an earlier check stored but could not publish, published by this one: {@code
     * snsMessageId} null when it was on the topic already, {@code eventId} null without a bus.
     */
    public record Republished(Instant changedAt, String snsMessageId, String eventId) {}

    /**
     * What a check did; {@code message} only when something changed, {@code snsMessageId} only when
     * it published ({@code eventId} too when it put the change on a bus), {@code republished} only
     * when it published an earlier check's change.
     */
    public record Outcome(
            AccountCheck check,
            List<Change> changes,
            Result result,
            AccountStatusMessage message,
            String snsMessageId,
            String eventId,
            Republished republished,
            boolean recommendationsComplete,
            String tenantsProblem) {}

    public enum Result {
        UNCHANGED("unchanged"),
        PUBLISHED("published"),
        /** Another check, overlapping this one, stored and published the same change. */
        STORED_BY_ANOTHER_CHECK("stored-by-another-check"),
        /**
         * The last change is not published yet and another check holds it to publish it: this one
         * stores nothing.
         */
        WAITING_FOR_ANOTHER_CHECK("waiting-for-another-check");

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

    /** Null outside a member of a hub. */
    private final Bus bus;

    private final Clock clock;

    public AccountWatch(
            String region, AccountSource source, StatusHistory history, Topic topic, Clock clock) {
        this(region, source, history, topic, null, clock);
    }

    /** A watch that also puts each change on {@code bus} (null: none). */
    public AccountWatch(
            String region,
            AccountSource source,
            StatusHistory history,
            Topic topic,
            Bus bus,
            Clock clock) {
        this.region = region;
        this.source = source;
        this.history = history;
        this.topic = topic;
        this.bus = bus;
        this.clock = clock;
    }

    public Outcome check() {
        Instant now = clock.instant();
        Optional<Latest> latest = history.latest();
        Earlier earlier =
                latest.filter(Latest::unpublished)
                        .map(unpublished -> publishEarlier(unpublished, now))
                        .orElse(Earlier.NONE);
        latest =
                latest.map(
                        last ->
                                earlier.waiting()
                                        ? last
                                        : new Latest(last.state(), last.changedAt(), null));
        Reading reading = source.read();
        AccountState previous = latest.map(Latest::state).orElse(null);
        boolean complete = reading.recommendationsComplete();
        // a partial list would read as closed recommendations: keep the last complete one instead
        AccountState state =
                complete || previous == null
                        ? reading.state()
                        : reading.state().withRecommendationsOf(previous);
        AccountCheck check = new AccountCheck(now, region, state, reading.sentLast24Hours());
        TenantChanges tenants =
                earlier.waiting()
                        ? TenantChanges.NONE
                        : TenantChanges.between(
                                history.tenants(),
                                reading.tenants(),
                                reading.tenantsComplete(),
                                complete);
        List<Change> changes = new ArrayList<>(state.changesSince(previous));
        changes.addAll(tenants.changes());
        if (earlier.waiting() || changes.isEmpty()) {
            Result result = earlier.waiting() ? Result.WAITING_FOR_ANOTHER_CHECK : Result.UNCHANGED;
            return new Outcome(
                    check,
                    changes,
                    result,
                    null,
                    null,
                    null,
                    earlier.republished(),
                    complete,
                    reading.tenantsProblem());
        }
        AccountStatusMessage message = AccountStatusMessage.of(check, previous, changes);
        Latest held = new Latest(state, now, now.plus(PUBLISH_HOLD));
        if (!history.record(
                check, latest.orElse(null), changes, message, held.publishHeldUntil())) {
            return new Outcome(
                    check,
                    changes,
                    Result.STORED_BY_ANOTHER_CHECK,
                    message,
                    null,
                    null,
                    earlier.republished(),
                    complete,
                    reading.tenantsProblem());
        }
        // a check that dies before this publishes these tenants' changes again: at least once
        history.storeTenants(tenants);
        String snsMessageId = topic.publish(message);
        String eventId = putOnBus(held, message);
        history.published(held);
        return new Outcome(
                check,
                changes,
                Result.PUBLISHED,
                message,
                snsMessageId,
                eventId,
                earlier.republished(),
                complete,
                reading.tenantsProblem());
    }

    /**
     * What became of an earlier check's unpublished change: published now, or held by another
     * check.
     */
    private record Earlier(boolean waiting, Republished republished) {
        static final Earlier NONE = new Earlier(false, null);
    }

    private Earlier publishEarlier(Latest unpublished, Instant now) {
        Latest held = unpublished.heldUntil(now.plus(PUBLISH_HOLD));
        if (unpublished.publishHeldUntil().isAfter(now)
                || !history.hold(unpublished, held.publishHeldUntil())) {
            return new Earlier(true, null);
        }
        Republished republished =
                history.message(unpublished)
                        .map(
                                message -> {
                                    // on the topic already: the bus alone, so no inbox gets it
                                    // twice
                                    String snsMessageId =
                                            unpublished.publishedToTopic()
                                                    ? null
                                                    : topic.publish(message);
                                    return new Republished(
                                            unpublished.changedAt(),
                                            snsMessageId,
                                            putOnBus(held, message));
                                })
                        .orElse(null);
        history.published(held);
        return new Earlier(false, republished);
    }

    /**
     * Puts the change that {@code held} holds on the bus, if there is one, and answers the event's
     * id. When the bus refuses it, the change is marked as on the topic before the failure goes on:
     * the check that takes it over next puts it on the bus alone.
     */
    private String putOnBus(Latest held, AccountStatusMessage message) {
        if (bus == null) {
            return null;
        }
        try {
            return bus.put(message);
        } catch (RuntimeException refused) {
            try {
                history.publishedToTopic(held);
            } catch (RuntimeException unmarked) {
                // unmarked, the next check publishes it to the topic again: at least once
                refused.addSuppressed(unmarked);
            }
            throw refused;
        }
    }
}
