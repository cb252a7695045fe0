package io.sesfeedback.identities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The custom resource's properties: which identities, which topic, the two switches, and the guard
 * with the name of its policy on each identity and the prefix of identity ARNs.
 */
record WiringRequest(
        List<String> identities,
        String topicArn,
        boolean includeDelivery,
        boolean disableForwarding,
        RecipientGuard guard,
        String guardPolicyName,
        String identityArnPrefix) {

    /** SES's rule for policy names. */
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static WiringRequest of(Map<String, Object> properties) {
        Map<String, Object> given = properties == null ? Map.of() : properties;
        Object topic = given.get("TopicArn");
        if (!(topic instanceof String topicArn) || topicArn.isBlank()) {
            throw new WiringFailure(
                    "The custom resource needs a TopicArn property: the feedback topic's ARN.");
        }
        RecipientGuard guard = RecipientGuard.of(blockedRecipientDomains(given));
        String prefix = text(given, "IdentityArnPrefix");
        if (guard.enabled() && !prefix.endsWith(":identity/")) {
            throw new WiringFailure(
                    "The custom resource needs an IdentityArnPrefix property ending in :identity/ for the"
                            + " guard's policy, not \""
                            + prefix
                            + "\".");
        }
        String policyName = guardPolicyName(given);
        if (policyName.isEmpty()) {
            throw new WiringFailure(
                    "The custom resource needs a GuardPolicyName property: the name of the guard's policy.");
        }
        return new WiringRequest(
                identities(given),
                topicArn.strip(),
                flag(given, "IncludeDelivery"),
                flag(given, "DisableEmailForwarding"),
                guard,
                policyName,
                prefix);
    }

    /**
     * The GuardPolicyName property: the name of the guard's policy on each identity, the stack's
     * own; empty when a resource created before the guard existed is deleted.
     */
    static String guardPolicyName(Map<String, Object> properties) {
        String name = text(properties == null ? Map.of() : properties, "GuardPolicyName");
        if (!name.isEmpty() && !POLICY_NAME.matcher(name).matches()) {
            throw new WiringFailure(
                    "The custom resource needs a GuardPolicyName property of 1 to 64 letters, digits,"
                            + " hyphens and underscores (SES's rule for policy names), not \""
                            + name
                            + "\".");
        }
        return name;
    }

    /** The BlockedRecipientDomains property as written: none, or domains and the word reserved. */
    static String blockedRecipientDomains(Map<String, Object> properties) {
        return text(properties == null ? Map.of() : properties, "BlockedRecipientDomains");
    }

    private static String text(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? "" : value.toString().strip();
    }

    /**
     * The Identities property: a list, or one comma-separated string, trimmed, without blanks or
     * repeats. An empty CommaDelimitedList parameter arrives as one empty string.
     */
    static List<String> identities(Map<String, Object> properties) {
        Object value = properties == null ? null : properties.get("Identities");
        Collection<?> items;
        if (value == null) {
            items = List.of();
        } else if (value instanceof Collection<?> list) {
            items = list;
        } else {
            items = List.of(value.toString().split(","));
        }
        Set<String> identities = new LinkedHashSet<>();
        for (Object item : items) {
            String identity = item == null ? "" : item.toString().strip();
            if (!identity.isEmpty()) {
                identities.add(identity);
            }
        }
        return List.copyOf(new ArrayList<>(identities));
    }

    private static boolean flag(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            return false;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false", "" -> false;
            default ->
                    throw new WiringFailure(
                            name + " must be \"true\" or \"false\", not \"" + value + "\".");
        };
    }
}
