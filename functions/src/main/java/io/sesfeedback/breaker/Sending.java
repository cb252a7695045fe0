package io.sesfeedback.breaker;

/**
 * SES's sending switch for one {@link PauseScope}. Failures are {@link
 * io.sesfeedback.support.FailedCall}s.
 */
interface Sending {

    boolean enabled();

    void pause();
}
