package io.sesfeedback.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** One text form for every stored time, so that times sort as strings: {@code 2026-11-20T10:15:30.123Z}. */
public final class Timestamps {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** CloudWatch alarm messages write the offset without a colon: {@code 2026-11-20T10:15:29.876+0000}. */
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return STORED.format(instant);
    }

    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant());
            } catch (DateTimeParseException notCompact) {
                return Optional.empty();
            }
        }
    }
}
