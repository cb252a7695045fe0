package io.sesfeedback.identities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The custom resource's properties: which identities, which topic, and the two switches. */
record WiringRequest(List<String> identities, String topicArn, boolean includeDelivery, boolean disableForwarding) {

    static WiringRequest of(Map<String, Object> properties) {
        Map<String, Object> given = properties == null ? Map.of() : properties;
        Object topic = given.get("TopicArn");
        if (!(topic instanceof String topicArn) || topicArn.isBlank()) {
            throw new WiringFailure("The custom resource needs a TopicArn property: the feedback topic's ARN.");
        }
        return new WiringRequest(identities(given), topicArn.strip(), flag(given, "IncludeDelivery"),
                flag(given, "DisableEmailForwarding"));
    }

    /**
     * The Identities property: a list, or one comma-separated string, trimmed, without blanks or repeats. An empty
     * CommaDelimitedList parameter arrives as one empty string.
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
            default -> throw new WiringFailure(name + " must be \"true\" or \"false\", not \"" + value + "\".");
        };
    }
}
