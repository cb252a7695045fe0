package io.sesfeedback.identities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.testing.iam.RolePolicy;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendTemplatedEmailRequest;

/**
 * Whether a policy's Deny statements refuse a send, by the documented semantics, since neither moto
 * nor anything else here evaluates an SES policy: SES's ses:Recipients holds every To, CC and BCC
 * address of the send (SES Developer Guide, sending authorization and IAM pages); {@code
 * StringLike} matches case-sensitively with {@code *} for any run of characters and {@code ?} for
 * one; {@code ForAnyValue:} holds when any request value matches any policy value and fails when
 * the key has no values; {@code ForAllValues:} holds when every value matches (IAM User Guide,
 * condition operators and multivalued keys); actions match ignoring case, resources with wildcards;
 * the statement's conditions all hold. Anything else in a statement fails the evaluation rather
 * than being guessed at.
 */
final class SendingPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One send as IAM sees it: the action, the identity's ARN, and ses:Recipients. */
    record Send(String action, String resource, List<String> recipients) {

        static Send of(SendEmailRequest request, String identityArn) {
            return new Send("ses:SendEmail", identityArn, recipients(request.destination()));
        }

        static Send of(SendTemplatedEmailRequest request, String identityArn) {
            return new Send(
                    "ses:SendTemplatedEmail", identityArn, recipients(request.destination()));
        }

        static Send of(SendRawEmailRequest request, String identityArn) {
            return new Send("ses:SendRawEmail", identityArn, List.copyOf(request.destinations()));
        }

        private static List<String> recipients(Destination destination) {
            List<String> all = new ArrayList<>(destination.toAddresses());
            all.addAll(destination.ccAddresses());
            all.addAll(destination.bccAddresses());
            return all;
        }
    }

    private final JsonNode statements;

    private SendingPolicy(JsonNode policy) {
        this.statements = policy.path("Statement");
        if (!statements.isArray()) {
            throw new IllegalArgumentException("No Statement list in " + policy);
        }
    }

    static SendingPolicy of(String json) {
        try {
            return new SendingPolicy(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SendingPolicy of(Map<String, Object> document) {
        return new SendingPolicy(JSON.valueToTree(document));
    }

    /** True when a Deny statement applies to the send. */
    boolean denies(Send send) {
        for (JsonNode statement : statements) {
            if ("Deny".equals(statement.path("Effect").asText()) && applies(statement, send)) {
                return true;
            }
        }
        return false;
    }

    private static boolean applies(JsonNode statement, Send send) {
        for (Iterator<String> names = statement.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("Sid", "Effect", "Principal", "Action", "Resource", "Condition")
                    .contains(name)) {
                throw new IllegalArgumentException("Statement element not modelled: " + name);
            }
        }
        JsonNode principal = statement.get("Principal");
        if (principal != null
                && !(principal.asText().equals("*")
                        || principal.path("AWS").asText().equals("*"))) {
            throw new IllegalArgumentException(
                    "Only the principal * is modelled, not " + principal);
        }
        return values(statement.get("Action")).stream()
                        .anyMatch(a -> RolePolicy.matches(a, send.action(), true))
                && values(statement.get("Resource")).stream()
                        .anyMatch(r -> RolePolicy.matches(r, send.resource(), false))
                && conditionsHold(statement.path("Condition"), send);
    }

    private static boolean conditionsHold(JsonNode condition, Send send) {
        for (Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
                operators.hasNext(); ) {
            Map.Entry<String, JsonNode> operator = operators.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
                    keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!key.getKey().equals("ses:Recipients")) {
                    throw new IllegalArgumentException(
                            "Condition key not modelled: " + key.getKey());
                }
                List<String> patterns = values(key.getValue());
                List<String> recipients = send.recipients();
                boolean holds =
                        switch (operator.getKey()) {
                            case "ForAnyValue:StringLike" ->
                                    recipients.stream().anyMatch(r -> like(patterns, r));
                            case "ForAllValues:StringLike" ->
                                    recipients.stream().allMatch(r -> like(patterns, r));
                            default ->
                                    throw new IllegalArgumentException(
                                            "Condition operator not modelled: "
                                                    + operator.getKey());
                        };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean like(List<String> patterns, String value) {
        return patterns.stream().anyMatch(pattern -> RolePolicy.matches(pattern, value, false));
    }

    private static List<String> values(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("A statement without Action or Resource");
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
