package io.sesfeedback.tools;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time as operators write it: {@code 24h}, {@code 7d}, {@code 30m} ago, a UTC date or an
 * ISO instant.
 */
public final class Since implements ITypeConverter<Instant> {

    private static final Pattern AGO = Pattern.compile("(\\d{1,6})([mhdw])");

    private final Clock clock;

    Since() {
        this(Clock.systemUTC());
    }

    Since(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration duration =
                    switch (ago.group(2)) {
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "d" -> Duration.ofDays(amount);
                        default -> Duration.ofDays(7 * amount);
                    };
            return clock.instant().minus(duration);
        }
        try {
            return value.contains("T")
                    ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'"
                            + value
                            + "' is not a time: write 30m, 24h, 7d, 2w, 2026-11-20 or 2026-11-20T10:00:00Z");
        }
    }
}
