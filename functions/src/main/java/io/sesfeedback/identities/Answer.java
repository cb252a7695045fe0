package io.sesfeedback.identities;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The custom resource's successful answer to one request: its Data holds only what template.yaml
 * reads ({@code !GetAtt IdentityNotifications.BlockedRecipientPatterns}), and the whole response
 * body, as Powertools' CloudFormationResponse writes it (Status, Reason, PhysicalResourceId,
 * StackId, RequestId, LogicalResourceId, NoEcho, Data), must fit CloudFormation's cap. The
 * identities wired and restored go to the function's log instead.
 */
final class Answer {

    // AWS CloudFormation User Guide, "Custom resource response objects": the response body can't
    // exceed 4096 bytes
    static final int MAX_BYTES = 4096;
    static final String BLOCKED_RECIPIENT_PATTERNS = "BlockedRecipientPatterns";

    /** Powertools' Reason on a success that gives none. */
    private static final String DEFAULT_REASON = "See the details in CloudWatch Log Stream: ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFormationCustomResourceEvent event;
    private final Context context;
    private final String physicalId;

    Answer(CloudFormationCustomResourceEvent event, Context context, String physicalId) {
        this.event = event;
        this.context = context;
        this.physicalId = physicalId;
    }

    /**
     * The Data for the guard that {@code blockedRecipientDomains} (the property, already checked)
     * describes; fails, saying how many of its entries fit, when the answer carrying it would
     * exceed CloudFormation's cap.
     */
    Map<String, Object> data(String blockedRecipientDomains) {
        Map<String, Object> data = dataOf(RecipientGuard.of(blockedRecipientDomains));
        int bytes = bytes(data);
        if (bytes <= MAX_BYTES) {
            return data;
        }
        List<String> entries = entries(blockedRecipientDomains);
        int fit = entries.size() - 1;
        while (fit > 0
                && bytes(dataOf(RecipientGuard.of(String.join(",", entries.subList(0, fit)))))
                        > MAX_BYTES) {
            fit--;
        }
        int patterns = RecipientGuard.of(blockedRecipientDomains).patterns().size();
        throw new WiringFailure(
                "BlockedRecipientDomains is too long for CloudFormation: its "
                        + entries.size()
                        + " entries ("
                        + number(String.join(",", entries).length())
                        + " characters) make "
                        + patterns
                        + " patterns, and the answer carrying them would be "
                        + number(bytes)
                        + " bytes, over the "
                        + number(MAX_BYTES)
                        + " bytes CloudFormation takes from a custom resource. "
                        + (fit == 0
                                ? "None of them fits here"
                                : "The first "
                                        + fit
                                        + " entries ("
                                        + number(String.join(",", entries.subList(0, fit)).length())
                                        + " characters) fit here")
                        + ": list fewer or shorter domains (reserved counts as one entry), or none to turn the guard off."
                        + " Nothing was changed.");
    }

    /**
     * Data: the managed IAM policy's ses:Recipients patterns, comma-joined (template.yaml splits
     * them).
     */
    private static Map<String, Object> dataOf(RecipientGuard guard) {
        return Map.of(BLOCKED_RECIPIENT_PATTERNS, String.join(",", guard.patterns()));
    }

    /**
     * The size of the successful response body that carries {@code data}, as Powertools sends it.
     */
    int bytes(Map<String, Object> data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Status", "SUCCESS");
        body.put("Reason", DEFAULT_REASON + (context == null ? null : context.getLogStreamName()));
        body.put("PhysicalResourceId", physicalId);
        body.put("StackId", event.getStackId());
        body.put("RequestId", event.getRequestId());
        body.put("LogicalResourceId", event.getLogicalResourceId());
        body.put("NoEcho", false);
        body.set("Data", JSON.valueToTree(data));
        return body.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The property's entries as written: domains and the word reserved, trimmed, lower case. */
    private static List<String> entries(String blockedRecipientDomains) {
        List<String> entries = new ArrayList<>();
        for (String entry : blockedRecipientDomains.toLowerCase(Locale.ROOT).split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return entries;
    }

    private static String number(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
