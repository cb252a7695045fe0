package io.sesfeedback.tools.suppression;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * The suppression exports import recognises, by their header row (case, spaces and a UTF-8 BOM
 * ignored). VERIFIED: the header is in the provider's own documentation; GUESSED: only the
 * provider's JSON field names are documented, or another party's description (docs/operations.md,
 * "Importing a suppression list", cites each).
 */
enum ExportFormat {
    /**
     * Mailchimp Transactional (Mandrill) rejects.csv, VERIFIED: "email, reason, detail, created_at,
     * expires_at, last_event_at, expires_at"
     * (https://mailchimp.com/developer/transactional/api/exports/export-denylist); real exports add
     * subaccount. expires_at is there twice: columns are read by position.
     */
    MANDRILL(
            "Mandrill",
            true,
            List.of(
                    "email",
                    "reason",
                    "detail",
                    "created_at",
                    "expires_at",
                    "last_event_at",
                    "expires_at"),
            0,
            1,
            2,
            3,
            null),
    /**
     * Mailgun bounces, VERIFIED as its import format, "address, code, error, created_at"
     * (https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun/bounces); RFC 2822
     * times.
     */
    MAILGUN_BOUNCES(
            "Mailgun bounces",
            true,
            List.of("address", "code", "error", "created_at"),
            0,
            1,
            2,
            3,
            "bounce"),
    /** Mailgun complaints, VERIFIED as its import format, "address, created_at". */
    MAILGUN_COMPLAINTS(
            "Mailgun complaints",
            true,
            List.of("address", "created_at"),
            0,
            -1,
            -1,
            1,
            "complaint"),
    /** Mailgun unsubscribes, VERIFIED as its import format, "address, tags, created_at". */
    MAILGUN_UNSUBSCRIBES(
            "Mailgun unsubscribes",
            true,
            List.of("address", "tags", "created_at"),
            0,
            -1,
            1,
            2,
            "unsubscribe"),
    /**
     * SendGrid bounces, GUESSED: columns email, created, status, reason as SparkPost's migration
     * guide (SparkPost/sparkpost-cli sendgrid-suppressions.md) describes them; SendGrid's own docs
     * give no header.
     */
    SENDGRID_BOUNCES(
            "SendGrid bounces",
            false,
            List.of("email", "created", "status", "reason"),
            0,
            3,
            2,
            1,
            "bounce"),
    /** SendGrid invalid emails, GUESSED (same source): email, created, reason. */
    SENDGRID_INVALID(
            "SendGrid invalid emails",
            false,
            List.of("email", "created", "reason"),
            0,
            2,
            -1,
            1,
            "invalid email"),
    /** SendGrid spam reports, GUESSED (same source): email, created, ip. */
    SENDGRID_SPAM(
            "SendGrid spam reports",
            false,
            List.of("email", "created", "ip"),
            0,
            -1,
            -1,
            1,
            "spam report"),
    /** SendGrid unsubscribes, GUESSED (same source): email, created. */
    SENDGRID_UNSUBSCRIBES(
            "SendGrid unsubscribes",
            false,
            List.of("email", "created"),
            0,
            -1,
            -1,
            1,
            "unsubscribe"),
    /**
     * Postmark, GUESSED: the suppressions API's JSON names EmailAddress, SuppressionReason, Origin,
     * CreatedAt (https://postmarkapp.com/developer/api/suppressions-api); no CSV is documented.
     */
    POSTMARK(
            "Postmark",
            false,
            List.of("emailaddress", "suppressionreason", "origin", "createdat"),
            0,
            1,
            2,
            3,
            null),
    /**
     * SparkPost, GUESSED: the suppression object's names recipient, type, source, description,
     * created (https://developers.sparkpost.com/api/suppression-list); no CSV is documented.
     */
    SPARKPOST(
            "SparkPost",
            false,
            List.of("recipient", "type", "source", "description", "created", "updated"),
            0,
            2,
            3,
            4,
            null),
    /**
     * This project's own form: a header naming email (or address), reason and date, in any order.
     */
    PLAIN("CSV", true, List.of(), 0, 1, -1, 2, null);

    final String label;
    final boolean verified;
    private final List<String> header;
    final int address;
    final int reason;
    final int detail;
    final int date;

    /** What every row of a list of one kind is, when the file has no reason column. */
    final String kind;

    ExportFormat(
            String label,
            boolean verified,
            List<String> header,
            int address,
            int reason,
            int detail,
            int date,
            String kind) {
        this.label = label;
        this.verified = verified;
        this.header = header;
        this.address = address;
        this.reason = reason;
        this.detail = detail;
        this.date = date;
        this.kind = kind;
    }

    /** A file's columns: its format and where each field is. */
    record Columns(ExportFormat format, int address, int reason, int detail, int date) {
        String cell(List<String> cells, int index) {
            return index >= 0 && index < cells.size() ? cells.get(index).strip() : "";
        }
    }

    /** The format of a file whose first record is {@code first}; empty when none fits. */
    static Optional<Columns> recognise(List<String> first) {
        List<String> names = first.stream().map(ExportFormat::name).toList();
        for (ExportFormat format : values()) {
            if (format != PLAIN
                    && names.size() >= format.header.size()
                    && names.subList(0, format.header.size()).equals(format.header)
                    && (names.size() == format.header.size()
                            || format == MANDRILL
                            || format == SPARKPOST)) {
                return Optional.of(
                        new Columns(
                                format, format.address, format.reason, format.detail, format.date));
            }
        }
        int address =
                names.indexOf("email") >= 0 ? names.indexOf("email") : names.indexOf("address");
        if (address < 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Columns(PLAIN, address, names.indexOf("reason"), -1, names.indexOf("date")));
    }

    /** A file with no header whose first cell is an address: email, reason, date. */
    static Columns headerless() {
        return new Columns(PLAIN, 0, 1, -1, 2);
    }

    private static String name(String cell) {
        return cell.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    /** A reason from this format's list: what SES's list calls it, or empty to skip the row. */
    Optional<SuppressionListReason> sesReason(String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        if (this == MANDRILL && text.equals("soft-bounce")) {
            // Mandrill lifts soft bounces after 24 hours
            // (https://mailchimp.com/developer/transactional/docs/reputation-rejections/)
            return Optional.empty();
        }
        String all = (kind == null ? "" : kind) + " " + text;
        return Optional.of(
                all.contains("bounce") || all.contains("invalid") || this == MAILGUN_BOUNCES
                        ? SuppressionListReason.BOUNCE
                        : SuppressionListReason.COMPLAINT);
    }

    /**
     * A date as providers write them: ISO 8601, Mandrill's "2016-01-14 19:08:17.51258" (UTC), RFC
     * 2822 (Mailgun), epoch seconds (SendGrid's API), or a day; empty when none fits.
     */
    static Optional<Instant> date(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        List<Function<String, Instant>> readers =
                List.of(
                        Instant::parse,
                        v -> OffsetDateTime.parse(v).toInstant(),
                        v -> LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC),
                        v ->
                                ZonedDateTime.parse(
                                                v.replaceFirst(" UTC$", " GMT"),
                                                DateTimeFormatter.RFC_1123_DATE_TIME)
                                        .toInstant(),
                        v -> LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC),
                        v -> Instant.ofEpochSecond(Long.parseLong(v)));
        for (Function<String, Instant> reader : readers) {
            try {
                return Optional.of(reader.apply(value));
            } catch (DateTimeException | NumberFormatException e) {
                // the next form
            }
        }
        return Optional.empty();
    }
}
