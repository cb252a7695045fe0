package io.sesfeedback.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the recorder understood of one SNS message, its text fields capped by {@link TextFields}.
 * {@code sesMessageId}, {@code sender}, {@code subject} and {@code configurationSet} are null where the message has
 * none; {@code problem} says why an {@link MessageType#UNRECOGNISED} message could not be read, and is null otherwise.
 */
public record FeedbackMessage(
        SnsMessage sns,
        MessageType type,
        Format format,
        Instant occurredAt,
        String sesMessageId,
        String sender,
        String subject,
        String configurationSet,
        Map<String, String> details,
        List<Recipient> recipients,
        String problem) {

    /** Where the message came from. */
    public enum Format {
        SES_NOTIFICATION("ses-notification"),
        SES_EVENT("ses-event"),
        CLOUDWATCH_ALARM("cloudwatch-alarm"),
        TEXT("text"),
        UNKNOWN("unknown");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public FeedbackMessage {
        sender = TextFields.capped(sender);
        subject = TextFields.capped(subject);
        configurationSet = TextFields.capped(configurationSet);
        details = details.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> TextFields.capped(e.getValue())));
        recipients = List.copyOf(recipients);
    }

    static FeedbackMessage unrecognised(SnsMessage sns, Format format, String problem) {
        return new FeedbackMessage(sns, MessageType.UNRECOGNISED, format, sns.publishedAt(), null, null, null, null,
                Map.of(), List.of(), problem);
    }

    /** The same SNS message, kept raw only, with the reason it could not be kept as understood. */
    public FeedbackMessage asUnrecognised(String reason) {
        return unrecognised(sns, format, reason);
    }

    public String snsMessageId() {
        return sns.messageId();
    }

    public String detail(String name) {
        return details.get(name);
    }

    /** How this message changes the standing of {@code recipient}: only bounces and complaints do. */
    public Optional<StatusChange> statusChangeFor(Recipient recipient) {
        return switch (type) {
            case BOUNCE -> Optional.of(bounceStatusChange(recipient));
            case COMPLAINT -> Optional.of(new StatusChange(StatusChange.Counter.COMPLAINTS,
                    describe("Complaint", detail("complaintFeedbackType"), null)));
            default -> Optional.empty();
        };
    }

    private StatusChange bounceStatusChange(Recipient recipient) {
        String bounceType = detail("bounceType");
        if ("Permanent".equals(bounceType)) {
            return new StatusChange(StatusChange.Counter.PERMANENT_BOUNCES,
                    describe("Permanent bounce", detail("bounceSubType"), recipient.diagnosticCode()));
        }
        if ("Transient".equals(bounceType)) {
            return new StatusChange(StatusChange.Counter.TRANSIENT_BOUNCES, null);
        }
        return new StatusChange(StatusChange.Counter.UNDETERMINED_BOUNCES, null);
    }

    private static String describe(String what, String kind, String diagnostic) {
        String reason = kind == null ? what : what + " (" + kind + ")";
        return diagnostic == null ? reason : reason + ": " + diagnostic;
    }
}
