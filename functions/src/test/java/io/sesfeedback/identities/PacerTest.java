package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SES's identity calls are spaced, so that a long identity list is not throttled. */
class PacerTest {

    @Test
    void callsAreSpacedAtLeastTheSpacingApart() {
        Pacer pacer = new Pacer(Duration.ofMillis(100));

        long start = System.nanoTime();
        for (int call = 0; call < 4; call++) {
            pacer.await();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void firstCallDoesNotWait() {
        Pacer pacer = new Pacer(Duration.ofSeconds(10));

        long start = System.nanoTime();
        pacer.await();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
