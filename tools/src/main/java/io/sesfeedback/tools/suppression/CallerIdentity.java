package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.targets.Target;
import software.amazon.awssdk.services.sts.StsClient;

/** Who makes a change: the caller's ARN, as its history item and its event name it. */
final class CallerIdentity {

    private CallerIdentity() {}

    /**
     * GetCallerIdentity's ARN (needs no permission:
     * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html); on the local
     * store, which has no account, the operating system's user.
     */
    static String of(Target target) {
        if (target.localStore()) {
            return "local:" + System.getProperty("user.name", "unknown");
        }
        return target.client(StsClient.builder(), "sts").getCallerIdentity().arn();
    }
}
