package io.sesfeedback.breaker;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** The stack's feedback topic, where the inbox and the recorder hear what the breaker did. */
final class FeedbackTopic implements Announcement {

    private final SnsClient sns;
    private final String topicArn;

    FeedbackTopic(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(String subject, String body) {
        try {
            sns.publish(r -> r.topicArn(topicArn).subject(subject).message(body));
        } catch (SdkException failure) {
            throw AwsFailure.of(failure, "sns:Publish", topicArn);
        }
    }
}
