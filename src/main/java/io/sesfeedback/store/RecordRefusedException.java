package io.sesfeedback.store;

/**
 * DynamoDB refused the items built from a message as invalid (a key too long, say): retrying cannot
 * help.
 */
public final class RecordRefusedException extends RuntimeException {

    RecordRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
