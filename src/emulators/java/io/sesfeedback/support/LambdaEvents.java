package io.sesfeedback.support;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.testing.lambda.LambdaSnsEvent;
import java.io.InputStream;

/** The Lambda events that deliver the recorder's input. */
public final class LambdaEvents {

    private LambdaEvents() {}

    /** An SNS event holding {@code sns} alone, as the bytes Lambda delivers. */
    public static InputStream sns(SnsMessage sns) {
        return LambdaSnsEvent.of(
                sns.messageId(), sns.topicArn(), sns.subject(), sns.body(), sns.publishedAt());
    }
}
