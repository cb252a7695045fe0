package io.sesfeedback.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the recorder understood of one SNS message, its text fields capped by {@link TextFields}.
 * {@code leftOut} lists the recipient entries that are not addresses. {@code problem} says what
 * could not be read: why an {@link MessageType#UNRECOGNISED} message is kept raw only, or what an
 * understood one lacked (an unreadable time, say); null when there was nothing.
 */
public record FeedbackMessage(
        SnsMessage sns,
        MessageType type,
        Format format,
        Instant occurredAt,
        Mail mail,
        Map<String, String> details,
        List<Recipient> recipients,
        List<LeftOut> leftOut,
        Problem problem) {

    /** Where the message came from. */
    public enum Format {
        SES_NOTIFICATION("ses-notification"),
        SES_EVENT("ses-event"),
        CLOUDWATCH_ALARM("cloudwatch-alarm"),
        ACCOUNT_WATCH("account-watch"),
        CIRCUIT_BREAKER("circuit-breaker"),
        /**
         * An EventBridge event that is not an email event: SES's status events, a member's account
         * status change, a CloudWatch alarm state change, and what is kept raw. An email event's
         * detail is the configuration set's record: {@link #SES_EVENT}.
         */
        EVENTBRIDGE("eventbridge"),
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
        mail =
                java.util.Objects.requireNonNull(
                        mail, "mail: Mail.NONE where the message names none");
        details =
                details.entrySet().stream()
                        .collect(
                                Collectors.toUnmodifiableMap(
                                        Map.Entry::getKey, e -> TextFields.capped(e.getValue())));
        recipients = List.copyOf(recipients);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * A message about the account rather than about mail (an alarm, an account status): no
     * recipients, no SES ids.
     */
    static FeedbackMessage notice(
            SnsMessage sns,
            MessageType type,
            Format format,
            Instant occurredAt,
            Map<String, String> details,
            Problem problem) {
        return new FeedbackMessage(
                sns,
                type,
                format,
                occurredAt,
                Mail.subjectOnly(sns.subject()),
                details,
                List.of(),
                List.of(),
                problem);
    }

    static FeedbackMessage text(SnsMessage sns, MessageType type) {
        return new FeedbackMessage(
                sns,
                type,
                Format.TEXT,
                sns.publishedAt(),
                Mail.subjectOnly(sns.subject()),
                Map.of(),
                List.of(),
                List.of(),
                null);
    }

    static FeedbackMessage unrecognised(SnsMessage sns, Format format, Problem problem) {
        return new FeedbackMessage(
                sns,
                MessageType.UNRECOGNISED,
                format,
                sns.publishedAt(),
                Mail.NONE,
                Map.of(),
                List.of(),
                List.of(),
                problem);
    }

    /** The same SNS message, kept raw only, with the reason it could not be kept as understood. */
    public FeedbackMessage asUnrecognised(ProblemKind kind, String reason) {
        return unrecognised(sns, format, new Problem(kind, reason));
    }

    /** Where the message comes from: account, region and, once known, environment. */
    public Origin origin() {
        return sns.origin();
    }

    /** The same message, from an account known to be {@code environment} (null: not known). */
    public FeedbackMessage inEnvironment(String environment) {
        return new FeedbackMessage(
                sns.from(sns.origin().in(environment)),
                type,
                format,
                occurredAt,
                mail,
                details,
                recipients,
                leftOut,
                problem);
    }

    /** The same message naming other recipients. */
    public FeedbackMessage withRecipients(List<Recipient> others) {
        return new FeedbackMessage(
                sns, type, format, occurredAt, mail, details, others, leftOut, problem);
    }

    public String sesMessageId() {
        return mail.sesMessageId();
    }

    public String sender() {
        return mail.sender();
    }

    public String subject() {
        return mail.subject();
    }

    public String configurationSet() {
        return mail.configurationSet();
    }

    /** The SES tenant the mail was sent through; null when the message does not say. */
    public String tenant() {
        return mail.tenant();
    }

    /**
     * A bounce or complaint SES never tried to deliver (see {@link PreventedSend}): counted apart,
     * never as a bounce or a complaint.
     */
    public boolean prevented() {
        return PreventedSend.isPrevented(type, detail("bounceSubType"), detail("complaintSubType"));
    }

    public String snsMessageId() {
        return sns.messageId();
    }

    public String detail(String name) {
        return details.get(name);
    }

    /**
     * What makes one SES event the same event whichever way it reaches the recorder (identity
     * notification, configuration-set event through the topic, or the same configuration-set event
     * from EventBridge, whose detail is that record) and however often: a bounce or complaint is
     * its {@code feedbackId}; any other event is the SES message id, its type and its time. Without
     * either id, the SNS MessageId stands in, and only redeliveries are recognised.
     */
    public String eventIdentity() {
        String feedbackId =
                type == MessageType.BOUNCE || type == MessageType.COMPLAINT
                        ? detail("feedbackId")
                        : null;
        if (feedbackId != null) {
            return String.join(" ", type.label(), "feedback", feedbackId);
        }
        if (mail.sesMessageId() != null) {
            return String.join(
                    " ", type.label(), "mail", mail.sesMessageId(), Timestamps.format(occurredAt));
        }
        return String.join(" ", type.label(), "sns", sns.messageId());
    }

    /** The event's identity for one recipient: what a recipient's feedback claim is keyed on. */
    public String feedbackIdentity(Recipient recipient) {
        return eventIdentity() + " " + recipient.address();
    }

    /** Only bounces and complaints change an address's standing (see {@link #statusChangeFor}). */
    public boolean changesStatus() {
        return type == MessageType.BOUNCE || type == MessageType.COMPLAINT;
    }

    /**
     * How this message changes the standing of {@code recipient}: only bounces and complaints do.
     */
    public Optional<StatusChange> statusChangeFor(Recipient recipient) {
        return switch (type) {
            case BOUNCE -> Optional.of(bounceStatusChange(recipient));
            case COMPLAINT -> Optional.of(complaintStatusChange());
            default -> Optional.empty();
        };
    }

    /**
     * A complaint suppresses, but one whose feedback type is not-spam: the recipient rescued the
     * mail from spam.
     */
    private StatusChange complaintStatusChange() {
        if (prevented()) {
            return new StatusChange(
                    StatusChange.Counter.PREVENTED_SENDS,
                    describe("Prevented send", detail("complaintSubType"), null));
        }
        String feedbackType = detail("complaintFeedbackType");
        if ("not-spam".equals(feedbackType)) {
            return new StatusChange(StatusChange.Counter.NOT_SPAM_COMPLAINTS, null);
        }
        return new StatusChange(
                StatusChange.Counter.COMPLAINTS, describe("Complaint", feedbackType, null));
    }

    /**
     * Permanent suppresses, Transient counts; any other bounce type (Undetermined, or one SES adds
     * later) is undetermined.
     */
    private StatusChange bounceStatusChange(Recipient recipient) {
        String bounceType = detail("bounceType");
        if (prevented()) {
            // on SES's list already: suppressed here too, so that our list names it, but no bounce
            return new StatusChange(
                    StatusChange.Counter.PREVENTED_SENDS,
                    describe(
                            "Prevented send", detail("bounceSubType"), recipient.diagnosticCode()));
        }
        if ("Permanent".equals(bounceType)) {
            return new StatusChange(
                    StatusChange.Counter.PERMANENT_BOUNCES,
                    describe(
                            "Permanent bounce",
                            detail("bounceSubType"),
                            recipient.diagnosticCode()));
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
