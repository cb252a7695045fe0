package io.sesfeedback.notification;

import java.util.List;
import java.util.Objects;

/**
 * What the recorder could not read in a message: {@code text} may quote the message (capped by
 * {@link TextFields}), {@code kind} names the same problem without quoting anything.
 */
public record Problem(ProblemKind kind, String text) {

    public Problem {
        Objects.requireNonNull(kind, "kind");
        text = TextFields.capped(Objects.requireNonNull(text, "text"));
    }

    /**
     * The times a message's fields could not be read, as one problem; null when there were none.
     */
    static Problem unreadableTimes(List<String> problems) {
        return problems.isEmpty()
                ? null
                : new Problem(ProblemKind.UNREADABLE_TIME, String.join("; ", problems));
    }
}
