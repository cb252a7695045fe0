package io.sesfeedback.accountwatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One reading of the account in {@code region}, taken at {@code checkedAt}, with the day's sends
 * beside the state.
 */
public record AccountCheck(
        Instant checkedAt, String region, AccountState state, double sentLast24Hours) {

    /** Fixed width, millisecond precision, so that sort keys made of it sort in time order. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static String format(Instant instant) {
        return TIME.format(instant);
    }

    public String checkedAtText() {
        return format(checkedAt);
    }
}
