package io.sesfeedback.accountwatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Each check a quarter of an hour after the last, as the schedule runs them: every reading of the
 * clock is a new check.
 */
final class Schedule extends Clock {

    private Instant next;

    Schedule(Instant first) {
        next = first;
    }

    @Override
    public synchronized Instant instant() {
        Instant now = next;
        next = next.plus(Duration.ofMinutes(15));
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
