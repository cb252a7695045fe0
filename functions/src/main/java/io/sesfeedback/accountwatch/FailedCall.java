package io.sesfeedback.accountwatch;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An AWS call that failed with an error from the service, named by the IAM action it needs ({@code ses:GetAccount}),
 * so that the log line says which grant or which limit is at fault.
 */
final class FailedCall extends RuntimeException {

    /** How the handler treats it: throttling and a denied call are logged and wait for the next check. */
    enum Kind {
        THROTTLED("throttled"),
        ACCESS_DENIED("access-denied"),
        OTHER("failed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final Set<String> THROTTLING_CODES = Set.of("TooManyRequestsException", "ThrottlingException",
            "Throttling", "ThrottledException", "RequestLimitExceeded", "LimitExceededException");

    private final String action;
    private final AwsServiceException error;

    private FailedCall(String action, AwsServiceException error) {
        super(action + " failed: " + error.getMessage(), error);
        this.action = action;
        this.error = error;
    }

    /** Makes the call; an error from the service comes back as a FailedCall naming {@code action}. */
    static <T> T of(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw new FailedCall(action, e);
        }
    }

    String action() {
        return action;
    }

    AwsServiceException error() {
        return error;
    }

    String errorCode() {
        return error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
    }

    Kind kind() {
        String code = errorCode();
        if (error.isThrottlingException() || error.statusCode() == 429 || THROTTLING_CODES.contains(code)) {
            return Kind.THROTTLED;
        }
        if (error.statusCode() == 403 || (code != null && (code.contains("AccessDenied") || code.contains("NotAuthorized")))) {
            return Kind.ACCESS_DENIED;
        }
        return Kind.OTHER;
    }
}
