package io.sesfeedback.notification;

import java.util.Locale;

/**
 * One address a message names, lower-cased, with what the reporting MTA said about it where SES passes that on.
 * {@code status}, {@code action} and {@code diagnosticCode} are null when the message does not carry them, and
 * capped by {@link TextFields}.
 */
public record Recipient(String address, String status, String action, String diagnosticCode) {

    /** The longest address SMTP allows; anything longer is not an address. */
    static final int MAX_ADDRESS_LENGTH = 254;

    public Recipient {
        address = normalise(address);
        status = TextFields.capped(status);
        action = TextFields.capped(action);
        diagnosticCode = TextFields.capped(diagnosticCode);
    }

    public static Recipient of(String address) {
        return new Recipient(address, null, null, null);
    }

    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /** A mailbox: something before and after one {@code @}, no spaces, within the length SMTP allows. */
    boolean isAddress() {
        int at = address.indexOf('@');
        return at > 0 && at == address.lastIndexOf('@') && at < address.length() - 1
                && address.length() <= MAX_ADDRESS_LENGTH && address.codePoints().noneMatch(Recipient::isSpace);
    }

    /** {@code "Jane Doe" <Jane.Doe@Example.COM>} and {@code Jane.Doe@Example.COM } both become {@code jane.doe@example.com}. */
    static String normalise(String address) {
        String trimmed = trimSpaces(address);
        int open = trimmed.lastIndexOf('<');
        int close = trimmed.lastIndexOf('>');
        if (open >= 0 && close > open) {
            trimmed = trimSpaces(trimmed.substring(open + 1, close));
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Like {@link String#strip()}, but no-break spaces go too. */
    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
