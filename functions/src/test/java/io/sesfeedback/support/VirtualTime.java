package io.sesfeedback.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Time that passes only when the pacer sleeps, so that a test of a second's pacing takes no second.
 */
public final class VirtualTime implements Pacer.Ticker {

    private long nanos;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        nanos += duration.toNanos();
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
