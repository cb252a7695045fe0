package io.sesfeedback.tools;

/** A problem the user can act on, said in one line. */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
