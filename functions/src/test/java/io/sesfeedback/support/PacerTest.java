package io.sesfeedback.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Calls are spaced to an API's documented rate, so that a long identity list is not throttled; in
 * virtual time.
 */
class PacerTest {

    private final VirtualTime time = new VirtualTime();

    @Test
    void callsAreSpacedAtLeastTheSpacingApart() {
        Pacer pacer = new Pacer(Duration.ofMillis(100), time);

        long start = time.nanoTime();
        for (int call = 0; call < 4; call++) {
            pacer.awaitTurn();
        }
        Duration elapsed = Duration.ofNanos(time.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void firstCallDoesNotWait() {
        Pacer pacer = new Pacer(Duration.ofSeconds(10), time);

        long start = time.nanoTime();
        pacer.awaitTurn();

        assertThat(Duration.ofNanos(time.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
