package io.sesfeedback.notification;

/**
 * One address a message names, in the key form {@link EmailAddress#parse} gives, with what the
 * reporting MTA said about it where SES passes that on. {@code status}, {@code action} and {@code
 * diagnosticCode} are null when the message does not carry them, and capped by {@link TextFields}.
 */
public record Recipient(String address, String status, String action, String diagnosticCode) {

    public Recipient {
        status = TextFields.capped(status);
        action = TextFields.capped(action);
        diagnosticCode = TextFields.capped(diagnosticCode);
    }

    public static Recipient of(String address) {
        return new Recipient(address, null, null, null);
    }

    public String domain() {
        return EmailAddress.domainOf(address);
    }
}
