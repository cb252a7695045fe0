package io.sesfeedback.notification;

/** A field holds something other than what the format promises; the message is kept raw with this reason. */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
