package io.sesfeedback.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One text form for every stored time, so that times sort as strings: {@code
 * 2026-11-20T10:15:30.123Z}. Only years 1 to 9999 have that form; {@link #read} refuses the others.
 */
public final class Timestamps {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * CloudWatch alarm messages write the offset without a colon: {@code
     * 2026-11-20T10:15:29.876+0000}.
     */
    private static final DateTimeFormatter COMPACT_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ");

    private Timestamps() {}

    public static String format(Instant instant) {
        return STORED.format(instant);
    }

    /** The time a message field holds, or why it cannot be stored as one. */
    static Reading read(String text) {
        Optional<Instant> instant = parse(text);
        if (instant.isEmpty()) {
            return new Reading(null, "'" + TextFields.capped(text) + "' is not a time");
        }
        if (instant.get().isBefore(EARLIEST) || instant.get().isAfter(LATEST)) {
            return new Reading(
                    null, "'" + TextFields.capped(text) + "' is outside the years 1 to 9999");
        }
        return new Reading(instant.get(), null);
    }

    /** {@code instant} when the text was a storable time, {@code problem} otherwise. */
    record Reading(Instant instant, String problem) {}

    private static Optional<Instant> parse(String text) {
        try {
            return Optional.of(
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant());
            } catch (DateTimeParseException notCompact) {
                return Optional.empty();
            }
        }
    }
}
