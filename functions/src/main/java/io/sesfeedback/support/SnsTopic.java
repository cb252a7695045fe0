package io.sesfeedback.support;

import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The stack's feedback topic: the inbox's subscription and the recorder receive what a function
 * publishes here.
 */
public final class SnsTopic {

    private final SnsClient sns;
    private final String topicArn;

    public SnsTopic(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /**
     * Publishes the message and answers SNS's MessageId; a failure is a {@link FailedCall} of
     * sns:Publish on the topic.
     */
    public String publish(String subject, String body) {
        return FailedCall.call(
                        "sns:Publish",
                        topicArn,
                        () ->
                                sns.publish(
                                        request ->
                                                request.topicArn(topicArn)
                                                        .subject(subject)
                                                        .message(body)))
                .messageId();
    }
}
