package io.sesfeedback.identities;

import java.time.Duration;

/** Spaces calls: SES allows its identity calls about once a second per account. */
final class Pacer {

    /** SES's documented rate for SetIdentityNotificationTopic and the GetIdentity*Attributes calls. */
    static final Duration SES_IDENTITY_CALLS = Duration.ofSeconds(1);

    private final long spacingNanos;
    private long lastCall = Long.MIN_VALUE;

    Pacer(Duration spacing) {
        this.spacingNanos = spacing.toNanos();
    }

    /** Returns when at least the spacing has passed since the last call returned from here. */
    synchronized void await() {
        if (lastCall != Long.MIN_VALUE) {
            long wait = lastCall + spacingNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while pacing SES calls", e);
                }
            }
        }
        lastCall = System.nanoTime();
    }
}
