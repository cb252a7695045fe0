package io.sesfeedback.notification;

/**
 * An entry of a message's recipient list that is not an address, and why; both capped by {@link
 * TextFields}.
 */
public record LeftOut(String entry, String reason) {

    public LeftOut {
        entry = TextFields.capped(entry);
        reason = TextFields.capped(reason);
    }
}
