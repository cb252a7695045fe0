package io.sesfeedback.support;

import java.time.Duration;

/**
 * Keeps at least {@code interval} between the starts of two calls: an API's documented rate, kept
 * before it throttles.
 */
public final class Pacer {

    /** Time as the pacer reads and spends it: the JVM's, or a test's. */
    public interface Ticker {
        long nanoTime();

        void sleep(Duration duration);

        Ticker SYSTEM =
                new Ticker() {
                    @Override
                    public long nanoTime() {
                        return System.nanoTime();
                    }

                    @Override
                    public void sleep(Duration duration) {
                        try {
                            Thread.sleep(
                                    duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while pacing calls", e);
                        }
                    }
                };
    }

    private final Duration interval;
    private final Ticker ticker;
    private Long lastStart;

    public Pacer(Duration interval, Ticker ticker) {
        this.interval = interval;
        this.ticker = ticker;
    }

    /**
     * Waits until {@code interval} has passed since the last call started, then counts this one as
     * started.
     */
    public synchronized void awaitTurn() {
        if (lastStart != null) {
            long wait = lastStart + interval.toNanos() - ticker.nanoTime();
            if (wait > 0) {
                ticker.sleep(Duration.ofNanos(wait));
            }
        }
        lastStart = ticker.nanoTime();
    }
}
