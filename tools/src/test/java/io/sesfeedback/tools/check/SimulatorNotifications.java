package io.sesfeedback.tools.check;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.testing.ses.SesV2StandIn;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What SES publishes for a mail to its mailbox simulator (SES Developer Guide, "Using the mailbox
 * simulator"): success is delivered, bounce bounces (Permanent, General), complaint is delivered
 * and complained about, suppressionlist bounces as on the suppression list (Permanent,
 * OnAccountSuppressionList). An identity's own notifications carry {@code notificationType}; a
 * configuration set's events {@code eventType}.
 */
final class SimulatorNotifications {

    private SimulatorNotifications() {}

    static List<SnsMessage> of(SesV2StandIn.Sent mail, String topicArn) {
        String recipient = mail.to().get(0);
        Instant at = Instant.now();
        return switch (recipient.substring(0, recipient.indexOf('@'))) {
            case "success" ->
                    List.of(
                            message(
                                    mail,
                                    topicArn,
                                    at,
                                    "Delivery",
                                    "delivery",
                                    delivery(recipient, at)));
            case "bounce" ->
                    List.of(
                            message(
                                    mail,
                                    topicArn,
                                    at,
                                    "Bounce",
                                    "bounce",
                                    bounce(recipient, at, "General")));
            case "suppressionlist" ->
                    List.of(
                            message(
                                    mail,
                                    topicArn,
                                    at,
                                    "Bounce",
                                    "bounce",
                                    bounce(recipient, at, "OnAccountSuppressionList")));
            case "complaint" ->
                    List.of(
                            message(
                                    mail,
                                    topicArn,
                                    at,
                                    "Delivery",
                                    "delivery",
                                    delivery(recipient, at)),
                            message(
                                    mail,
                                    topicArn,
                                    at.plusSeconds(1),
                                    "Complaint",
                                    "complaint",
                                    Map.of(
                                            "feedbackId",
                                            UUID.randomUUID().toString(),
                                            "complaintFeedbackType",
                                            "abuse",
                                            "complainedRecipients",
                                            List.of(Map.of("emailAddress", recipient)),
                                            "timestamp",
                                            at.toString())));
            default -> List.of();
        };
    }

    private static Map<String, Object> bounce(String recipient, Instant at, String subType) {
        return Map.of(
                "feedbackId",
                UUID.randomUUID().toString(),
                "bounceType",
                "Permanent",
                "bounceSubType",
                subType,
                "bouncedRecipients",
                List.of(
                        Map.of(
                                "emailAddress",
                                recipient,
                                "action",
                                "failed",
                                "status",
                                "5.1.1",
                                "diagnosticCode",
                                "smtp; 550 5.1.1 user unknown")),
                "timestamp",
                at.toString());
    }

    private static Map<String, Object> delivery(String recipient, Instant at) {
        return Map.of(
                "timestamp",
                at.toString(),
                "processingTimeMillis",
                512,
                "recipients",
                List.of(recipient),
                "smtpResponse",
                "250 2.6.0 Message received",
                "reportingMTA",
                "a8-70.smtp-out.amazonses.com");
    }

    private static SnsMessage message(
            SesV2StandIn.Sent mail,
            String topicArn,
            Instant at,
            String type,
            String key,
            Map<String, Object> details) {
        Map<String, Object> sesMail = new LinkedHashMap<>();
        sesMail.put("timestamp", at.minusSeconds(2).toString());
        sesMail.put("source", mail.from());
        sesMail.put("messageId", mail.messageId());
        sesMail.put("destination", mail.to());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(mail.configurationSet() == null ? "notificationType" : "eventType", type);
        body.put(key, details);
        body.put("mail", sesMail);
        return new SnsMessage(UUID.randomUUID().toString(), topicArn, null, at, Json.write(body));
    }
}
