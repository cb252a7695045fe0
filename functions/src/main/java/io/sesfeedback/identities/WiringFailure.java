package io.sesfeedback.identities;

import io.sesfeedback.support.FailedCall;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why the custom resource failed, in words a person can act on; CloudFormation shows it as the
 * resource's reason.
 */
final class WiringFailure extends RuntimeException {

    WiringFailure(String message) {
        super(message);
    }

    WiringFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** An AWS call that failed: access denied, refused by SES, or not answered. */
    static WiringFailure of(SdkException failure, String action, String subject) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            if (FailedCall.kindOf(service) == FailedCall.Kind.DENIED) {
                return new WiringFailure(
                        "Access denied: "
                                + action
                                + " on "
                                + subject
                                + " ("
                                + message
                                + "). The function's"
                                + " role allows it on this account's SES identities in this region only; an identity that another"
                                + " account owns cannot be wired from here.",
                        failure);
            }
            return new WiringFailure(
                    action + " on " + subject + " was refused: " + code + ": " + message, failure);
        }
        return new WiringFailure(
                action + " on " + subject + " failed: " + failure.getMessage(), failure);
    }
}
