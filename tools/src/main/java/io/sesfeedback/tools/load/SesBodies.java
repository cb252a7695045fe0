package io.sesfeedback.tools.load;

import io.sesfeedback.notification.Json;
import io.sesfeedback.tools.load.LoadGenerator.Format;
import io.sesfeedback.tools.load.LoadGenerator.Mail;
import io.sesfeedback.tools.load.LoadGenerator.SesEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SNS message bodies as SES writes them (see events/): an identity notification ({@code
 * notificationType}) or an event-publishing record ({@code eventType}, with {@code mail.tags}).
 * Both formats of one event carry the same type object: same feedbackId, recipients and timestamps.
 */
public final class SesBodies {

    private static final DateTimeFormatter SES_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String SENDER = "noreply@mail.example.com";
    private static final String REPORTING_MTA = "b224-13.smtp-out.eu-west-1.amazonses.com";

    private SesBodies() {}

    public static String of(SesEvent event, Format format) {
        Map<String, Object> body =
                object(
                        format == Format.IDENTITY_NOTIFICATION ? "notificationType" : "eventType",
                        event.kind().sesName(),
                        "mail",
                        mail(event.mail(), format),
                        objectKey(event),
                        typeObject(event));
        return Json.write(body);
    }

    private static Map<String, Object> mail(Mail mail, Format format) {
        Map<String, Object> json =
                object(
                        "timestamp",
                        time(mail.sentAt()),
                        "source",
                        SENDER,
                        "sourceArn",
                        "arn:aws:ses:eu-west-1:123456789012:identity/mail.example.com");
        if (format == Format.IDENTITY_NOTIFICATION) {
            json.putAll(
                    object("sourceIp", "192.0.2.10", "callerIdentity", "ses-feedback-load-sender"));
        }
        json.putAll(
                object(
                        "sendingAccountId",
                        "123456789012",
                        "messageId",
                        mail.messageId(),
                        "destination",
                        mail.destination(),
                        "headersTruncated",
                        false,
                        "commonHeaders",
                        object(
                                "from",
                                List.of("Example <" + SENDER + ">"),
                                "to",
                                mail.destination(),
                                "messageId",
                                mail.messageId(),
                                "subject",
                                "Load run")));
        if (format == Format.EVENT_PUBLISHING) {
            json.put(
                    "tags",
                    object(
                            "ses:operation",
                            List.of("SendEmail"),
                            "ses:configuration-set",
                            List.of("ses-feedback-load"),
                            "ses:source-ip",
                            List.of("192.0.2.10"),
                            "ses:from-domain",
                            List.of("mail.example.com"),
                            "campaign",
                            List.of("load-run")));
        }
        return json;
    }

    private static Map<String, Object> typeObject(SesEvent event) {
        String at = time(event.at());
        return switch (event.kind()) {
            case PERMANENT_BOUNCE ->
                    bounce(event, "Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown");
            case TRANSIENT_BOUNCE ->
                    bounce(
                            event,
                            "Transient",
                            "MailboxFull",
                            "5.2.2",
                            "smtp; 552 5.2.2 Mailbox full");
            case UNDETERMINED_BOUNCE ->
                    bounce(
                            event,
                            "Undetermined",
                            "Undetermined",
                            "5.0.0",
                            "smtp; 550 5.0.0 unknown");
            case COMPLAINT ->
                    object(
                            "feedbackId",
                            event.feedbackId(),
                            "complainedRecipients",
                            event.recipients().stream()
                                    .map(a -> object("emailAddress", a))
                                    .toList(),
                            "timestamp",
                            at,
                            "userAgent",
                            "Yahoo!-Mail-Feedback/2.0",
                            "complaintFeedbackType",
                            "abuse",
                            "arrivalDate",
                            time(event.mail().sentAt().plusSeconds(3)));
            case DELIVERY ->
                    object(
                            "timestamp",
                            at,
                            "processingTimeMillis",
                            event.at().toEpochMilli() - event.mail().sentAt().toEpochMilli(),
                            "recipients",
                            event.recipients(),
                            "smtpResponse",
                            "250 2.0.0 OK",
                            "remoteMtaIp",
                            "203.0.113.45",
                            "reportingMTA",
                            REPORTING_MTA);
            case OPEN ->
                    object(
                            "ipAddress",
                            "198.51.100.77",
                            "timestamp",
                            at,
                            "userAgent",
                            "Mozilla/5.0");
            case CLICK ->
                    object(
                            "ipAddress",
                            "198.51.100.77",
                            "timestamp",
                            at,
                            "userAgent",
                            "Mozilla/5.0",
                            "link",
                            "https://www.example.com/orders/12345?utm_source=ses",
                            "linkTags",
                            object("campaign", List.of("receipt")));
            case DELIVERY_DELAY ->
                    object(
                            "timestamp",
                            at,
                            "delayType",
                            "TransientCommunicationFailure",
                            "expirationTime",
                            time(event.mail().sentAt().plusSeconds(14 * 3600)),
                            "delayedRecipients",
                            event.recipients().stream()
                                    .map(
                                            a ->
                                                    object(
                                                            "emailAddress",
                                                            a,
                                                            "status",
                                                            "4.4.1",
                                                            "diagnosticCode",
                                                            "smtp; 421 4.4.1 Unable to connect to remote host"))
                                    .toList(),
                            "reportingMTA",
                            REPORTING_MTA);
            // SES's send object is empty: no timestamp of its own
            case SEND -> object();
        };
    }

    private static Map<String, Object> bounce(
            SesEvent event, String type, String subType, String status, String diagnosticCode) {
        return object(
                "feedbackId",
                event.feedbackId(),
                "bounceType",
                type,
                "bounceSubType",
                subType,
                "bouncedRecipients",
                event.recipients().stream()
                        .map(
                                a ->
                                        object(
                                                "emailAddress",
                                                a,
                                                "action",
                                                "failed",
                                                "status",
                                                status,
                                                "diagnosticCode",
                                                diagnosticCode))
                        .toList(),
                "timestamp",
                time(event.at()),
                "remoteMtaIp",
                "198.51.100.23",
                "reportingMTA",
                "dsn; " + REPORTING_MTA);
    }

    private static String objectKey(SesEvent event) {
        String name = event.kind().sesName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * A JSON object with its fields in the order given, so that a seed always gives the same bytes.
     */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static String time(Instant instant) {
        return SES_TIME.format(instant);
    }
}
