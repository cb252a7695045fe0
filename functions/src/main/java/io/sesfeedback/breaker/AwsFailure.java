package io.sesfeedback.breaker;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A call the breaker could not make, sorted by what to do about it: DENIED needs a permission (Lambda's retry passes
 * only once it is granted), THROTTLED and OTHER may pass on the retry. No stack trace: the handler's log line says all
 * of it.
 */
final class AwsFailure extends RuntimeException {

    enum Kind { DENIED, THROTTLED, OTHER }

    private final Kind kind;
    private final String action;
    private final String resource;

    AwsFailure(Kind kind, String action, String resource, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.action = action;
        this.resource = resource;
    }

    static AwsFailure of(SdkException failure, String action, String resource) {
        if (!(failure instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            return new AwsFailure(Kind.OTHER, action, resource, failure.getMessage());
        }
        String code = String.valueOf(service.awsErrorDetails().errorCode());
        Kind kind;
        if (code.startsWith("AccessDenied") || code.equals("AuthorizationError") || code.startsWith("KMSAccessDenied")) {
            kind = Kind.DENIED;
        } else if (service.isThrottlingException()) {
            kind = Kind.THROTTLED;
        } else {
            kind = Kind.OTHER;
        }
        return new AwsFailure(kind, action, resource, code + ": " + service.awsErrorDetails().errorMessage());
    }

    Kind kind() {
        return kind;
    }

    String action() {
        return action;
    }

    String resource() {
        return resource;
    }
}
