package io.sesfeedback.identities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import software.amazon.awssdk.services.ses.model.IdentityNotificationAttributes;

/**
 * An identity's notification settings: a topic (or none) per notification type, and email feedback
 * forwarding.
 */
record NotificationSettings(
        String bounceTopic,
        String complaintTopic,
        String deliveryTopic,
        boolean forwardingEnabled) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What SES starts an identity with: no topics, bounces and complaints forwarded by email. */
    static final NotificationSettings SES_DEFAULT =
            new NotificationSettings(null, null, null, true);

    static NotificationSettings of(IdentityNotificationAttributes attributes) {
        return new NotificationSettings(
                blankToNull(attributes.bounceTopic()),
                blankToNull(attributes.complaintTopic()),
                blankToNull(attributes.deliveryTopic()),
                !Boolean.FALSE.equals(attributes.forwardingEnabled()));
    }

    /**
     * These settings with the request applied: Bounce and Complaint to the topic, Delivery and
     * forwarding if asked.
     */
    NotificationSettings wiredBy(WiringRequest request) {
        return new NotificationSettings(
                request.topicArn(),
                request.topicArn(),
                request.includeDelivery() ? request.topicArn() : deliveryTopic,
                !request.disableForwarding() && forwardingEnabled);
    }

    boolean bouncesAndComplaintsGoTo(String topicArn) {
        return Objects.equals(bounceTopic, topicArn) && Objects.equals(complaintTopic, topicArn);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("BounceTopic", bounceTopic);
        node.put("ComplaintTopic", complaintTopic);
        node.put("DeliveryTopic", deliveryTopic);
        node.put("ForwardingEnabled", forwardingEnabled);
        return node.toString();
    }

    static NotificationSettings fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new NotificationSettings(
                    text(node, "BounceTopic"),
                    text(node, "ComplaintTopic"),
                    text(node, "DeliveryTopic"),
                    node.path("ForwardingEnabled").asBoolean(true));
        } catch (JsonProcessingException unreadable) {
            throw new WiringFailure("A recorded previous setting is not JSON: " + json, unreadable);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : blankToNull(value.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
