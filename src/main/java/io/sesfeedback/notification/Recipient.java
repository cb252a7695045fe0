package io.sesfeedback.notification;

import java.util.Locale;

/**
 * One address a message names, lower-cased, with what the reporting MTA said about it where SES passes that on.
 * {@code status}, {@code action} and {@code diagnosticCode} are null when the message does not carry them.
 */
public record Recipient(String address, String status, String action, String diagnosticCode) {

    public Recipient {
        address = normalise(address);
    }

    public static Recipient of(String address) {
        return new Recipient(address, null, null, null);
    }

    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /** {@code "Jane Doe" <Jane.Doe@Example.COM>} and {@code Jane.Doe@Example.COM } both become {@code jane.doe@example.com}. */
    static String normalise(String address) {
        String trimmed = address.trim();
        int open = trimmed.lastIndexOf('<');
        int close = trimmed.lastIndexOf('>');
        if (open >= 0 && close > open) {
            trimmed = trimmed.substring(open + 1, close).trim();
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
