package io.sesfeedback.accountwatch;

import software.amazon.awssdk.services.sns.SnsClient;

/** The feedback topic: the inbox's subscription and the recorder receive what is published here. */
final class SnsTopic implements AccountWatch.Topic {

    private final SnsClient sns;
    private final String topicArn;

    SnsTopic(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String publish(AccountStatusMessage message) {
        return FailedCall.of("sns:Publish", () -> sns.publish(request -> request
                .topicArn(topicArn).subject(message.subject()).message(message.body()))).messageId();
    }
}
