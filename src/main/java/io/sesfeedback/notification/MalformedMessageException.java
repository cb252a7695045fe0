package io.sesfeedback.notification;

/**
 * A field holds something other than what the format promises; the message is kept raw with this
 * reason.
 */
final class MalformedMessageException extends RuntimeException {

    private final ProblemKind kind;

    MalformedMessageException(ProblemKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    ProblemKind kind() {
        return kind;
    }
}
