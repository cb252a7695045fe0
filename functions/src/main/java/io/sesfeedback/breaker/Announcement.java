package io.sesfeedback.breaker;

/**
 * Where the breaker says what it did: the feedback topic ({@link io.sesfeedback.support.SnsTopic}).
 * Failures are {@link io.sesfeedback.support.FailedCall}s.
 */
interface Announcement {

    void publish(String subject, String body);
}
