package io.sesfeedback.cli;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Made-up SES bounces and complaints, as identity notifications in the shape of events/ses-bounce-permanent.json and
 * events/ses-complaint.json, each in an SNS message of its own.
 */
final class SesNotifications {

    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-feedback-test-feedback";

    private SesNotifications() {
    }

    static SnsMessage bounce(Instant at, String sender, String bounceType, String subType, String... recipients) {
        Map<String, Object> bounce = new LinkedHashMap<>();
        bounce.put("feedbackId", id());
        bounce.put("bounceType", bounceType);
        bounce.put("bounceSubType", subType);
        bounce.put("bouncedRecipients", Arrays.stream(recipients).map(address -> Map.of("emailAddress", address,
                "action", "failed", "status", "5.1.1", "diagnosticCode", "smtp; 550 5.1.1 user unknown")).toList());
        bounce.put("timestamp", at.toString());
        return notification("Bounce", "bounce", bounce, at, sender, recipients);
    }

    /** A complaint; {@code feedbackType} null for one without complaintFeedbackType, as many are. */
    static SnsMessage complaint(Instant at, String sender, String feedbackType, String... recipients) {
        Map<String, Object> complaint = new LinkedHashMap<>();
        complaint.put("feedbackId", id());
        complaint.put("complainedRecipients", Arrays.stream(recipients).map(address -> Map.of("emailAddress", address)).toList());
        complaint.put("timestamp", at.toString());
        if (feedbackType != null) {
            complaint.put("complaintFeedbackType", feedbackType);
        }
        return notification("Complaint", "complaint", complaint, at, sender, recipients);
    }

    private static SnsMessage notification(String type, String key, Map<String, Object> details, Instant at, String sender,
                                           String... recipients) {
        String mailId = id();
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("timestamp", at.minusSeconds(3).toString());
        mail.put("source", sender);
        mail.put("messageId", mailId);
        mail.put("destination", List.of(recipients));
        mail.put("commonHeaders", Map.of("from", List.of(sender), "to", List.of(recipients), "messageId", mailId,
                "subject", "Newsletter"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationType", type);
        body.put(key, details);
        body.put("mail", mail);
        return new SnsMessage(UUID.randomUUID().toString(), TOPIC, null, at.plusSeconds(1), Json.write(body));
    }

    private static String id() {
        return String.format("%016x-%s-000000", UUID.randomUUID().getMostSignificantBits(), UUID.randomUUID());
    }
}
