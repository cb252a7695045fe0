package io.sesfeedback.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of message the feedback topic carries. The label is what is stored and the name of the
 * log stream. For SES types, {@code sesName} is the notificationType/eventType value, {@code
 * objectKey} the object that holds the details and {@code detailFields} the scalar fields of that
 * object worth keeping as attributes.
 */
public enum MessageType {
    BOUNCE(
            "Bounce",
            "Bounce",
            "bounce",
            field("bounceType"),
            field("bounceSubType"),
            field("feedbackId"),
            field("reportingMTA"),
            field("remoteMtaIp")),
    COMPLAINT(
            "Complaint",
            "Complaint",
            "complaint",
            field("complaintFeedbackType"),
            field("complaintSubType"),
            field("feedbackId"),
            field("userAgent"),
            field("arrivalDate")),
    DELIVERY(
            "Delivery",
            "Delivery",
            "delivery",
            field("smtpResponse"),
            field("processingTimeMillis"),
            field("reportingMTA"),
            field("remoteMtaIp")),
    SEND("Send", "Send", "send"),
    REJECT("Reject", "Reject", "reject", new DetailField("reason", "rejectReason")),
    OPEN("Open", "Open", "open", field("ipAddress"), field("userAgent")),
    CLICK("Click", "Click", "click", field("link"), field("ipAddress"), field("userAgent")),
    RENDERING_FAILURE(
            "RenderingFailure",
            "Rendering Failure",
            "failure",
            field("errorMessage"),
            field("templateName")),
    DELIVERY_DELAY(
            "DeliveryDelay",
            "DeliveryDelay",
            "deliveryDelay",
            field("delayType"),
            field("expirationTime"),
            field("reportingMTA")),
    SUBSCRIPTION(
            "Subscription",
            "Subscription",
            "subscription",
            field("contactList"),
            new DetailField("source", "subscriptionSource")),
    ALARM("Alarm", null, null),
    /**
     * SES's own view of the account (enforcement status, sending, quota), as the account watcher
     * publishes it.
     */
    ACCOUNT_STATUS("AccountStatus", null, null),
    /**
     * SES's own status events from EventBridge: sending status enabled or disabled, an advisor
     * recommendation opened or resolved (see {@link EventBridgeEvents#STATUS_DETAIL_TYPES}).
     */
    SES_STATUS("SesStatus", null, null),
    /**
     * What the stack's circuit breaker paused, why and how to resume (functions/,
     * io.sesfeedback.breaker).
     */
    CIRCUIT_BREAKER("CircuitBreaker", null, null),
    TOPIC_VALIDATION("TopicValidation", null, null),
    UNRECOGNISED("Unrecognised", null, null);

    /** A scalar field of the SES type object, kept under {@code name}. */
    public record DetailField(String jsonName, String name) {}

    private final String label;
    private final String sesName;
    private final String objectKey;
    private final List<DetailField> detailFields;

    MessageType(String label, String sesName, String objectKey, DetailField... detailFields) {
        this.label = label;
        this.sesName = sesName;
        this.objectKey = objectKey;
        this.detailFields = List.of(detailFields);
    }

    private static DetailField field(String name) {
        return new DetailField(name, name);
    }

    public String label() {
        return label;
    }

    String objectKey() {
        return objectKey;
    }

    List<DetailField> detailFields() {
        return detailFields;
    }

    /** The SES type named by a notificationType or eventType value. */
    static Optional<MessageType> ofSesName(String sesName) {
        return Arrays.stream(values())
                .filter(t -> t.sesName != null && t.sesName.equals(sesName))
                .findFirst();
    }
}
