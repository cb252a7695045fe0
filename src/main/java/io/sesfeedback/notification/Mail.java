package io.sesfeedback.notification;

/**
 * The SES mail a message is about, its text fields capped by {@link TextFields}; each field null
 * where the message has none, and {@link #NONE} for a message about the account rather than about
 * mail. {@code tenant} is the SES tenant the mail was sent through, from the {@code
 * ses:tenant-name} tag SES adds to {@code mail.tags}
 * (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html).
 */
public record Mail(
        String sesMessageId,
        String sender,
        String subject,
        String configurationSet,
        String tenant) {

    public static final Mail NONE = new Mail(null, null, null, null, null);

    public Mail {
        sender = TextFields.capped(sender);
        subject = TextFields.capped(subject);
        configurationSet = TextFields.capped(configurationSet);
        tenant = TextFields.capped(tenant);
    }

    /** A message that names no mail but has a subject of its own (an alarm's, say). */
    static Mail subjectOnly(String subject) {
        return new Mail(null, null, subject, null, null);
    }
}
