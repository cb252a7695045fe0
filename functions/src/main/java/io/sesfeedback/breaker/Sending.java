package io.sesfeedback.breaker;

/** SES's sending switch for one {@link PauseScope}. Failures are {@link AwsFailure}s. */
interface Sending {

    boolean enabled();

    void pause();
}
