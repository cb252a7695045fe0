package io.sesfeedback.cli;

/** A problem the user can act on, said in one line. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
