package io.sesfeedback.breaker;

/** Where the breaker says what it did: the feedback topic. Failures are {@link AwsFailure}s. */
interface Announcement {

    void publish(String subject, String body);
}
