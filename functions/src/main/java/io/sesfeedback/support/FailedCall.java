package io.sesfeedback.support;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS call that failed, named by the IAM action it needs ({@code ses:GetAccount}) and the
 * resource it acted on, and sorted by what to do about it ({@link Kind}): the one place where
 * "denied", "throttled" and "not found" are decided. No stack trace of its own (the cause keeps the
 * SDK's): the handler's log line says what failed and why.
 */
public final class FailedCall extends RuntimeException {

    /** What the failure asks for: a permission, time, the resource, or a look at the error. */
    public enum Kind {
        /** The role or a policy refused the call: a retry passes only once it is granted. */
        DENIED,
        /** The service refused the call's rate: a later call may pass. */
        THROTTLED,
        /** The resource named does not exist (HTTP 404, or an error code ending in NotFound). */
        NOT_FOUND,
        /** Anything else: a refused request, a timeout, a broken connection. */
        OTHER
    }

    private static final Set<String> THROTTLING_CODES =
            Set.of(
                    "TooManyRequestsException",
                    "ThrottlingException",
                    "Throttling",
                    "ThrottledException",
                    "RequestLimitExceeded",
                    "LimitExceededException");

    private final String action;
    private final String resource;
    private final SdkException error;
    private final Kind kind;

    private FailedCall(String action, String resource, SdkException error) {
        super(action + " failed: " + error.getMessage(), error, false, false);
        this.action = action;
        this.resource = resource;
        this.error = error;
        this.kind = kindOf(error);
    }

    /**
     * Makes the call; an SDK failure comes back as a FailedCall naming {@code action} on {@code
     * resource}.
     */
    public static <T> T call(String action, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new FailedCall(action, resource, e);
        }
    }

    public static FailedCall of(SdkException error, String action, String resource) {
        return new FailedCall(action, resource, error);
    }

    /**
     * The decision: throttling first (the SDK's own list, HTTP 429 and the codes services use),
     * then a refusal.
     */
    public static Kind kindOf(SdkException failure) {
        if (!(failure instanceof AwsServiceException service)) {
            return Kind.OTHER;
        }
        String code =
                service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        if (service.isThrottlingException()
                || service.statusCode() == 429
                || (code != null && THROTTLING_CODES.contains(code))) {
            return Kind.THROTTLED;
        }
        if (service.statusCode() == 403
                || (code != null
                        && (code.contains("AccessDenied")
                                || code.contains("NotAuthorized")
                                || code.equals("AuthorizationError")))) {
            return Kind.DENIED;
        }
        if (service.statusCode() == 404
                || (code != null
                        && (code.endsWith("NotFound") || code.endsWith("NotFoundException")))) {
            return Kind.NOT_FOUND;
        }
        return Kind.OTHER;
    }

    public Kind kind() {
        return kind;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    public SdkException error() {
        return error;
    }

    /** The service's error code; null when no service answered. */
    public String errorCode() {
        return service() == null || service().awsErrorDetails() == null
                ? null
                : service().awsErrorDetails().errorCode();
    }

    /** The service's HTTP status; null when no service answered. */
    public Integer statusCode() {
        return service() == null ? null : service().statusCode();
    }

    /** The service's request id; null when no service answered. */
    public String requestId() {
        return service() == null ? null : service().requestId();
    }

    /** The service's own words, else the SDK's. */
    public String errorMessage() {
        return service() == null || service().awsErrorDetails() == null
                ? error.getMessage()
                : service().awsErrorDetails().errorMessage();
    }

    /**
     * The error code and the service's words ({@code AccessDenied: ...}), else the SDK's message.
     */
    public String detail() {
        return errorCode() == null ? error.getMessage() : errorCode() + ": " + errorMessage();
    }

    private AwsServiceException service() {
        return error instanceof AwsServiceException service ? service : null;
    }
}
