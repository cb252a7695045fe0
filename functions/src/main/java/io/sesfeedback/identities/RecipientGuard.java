package io.sesfeedback.identities;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guard: a Deny on SES's sending actions when any recipient (To, CC or BCC: {@code
 * ses:Recipients}) is at a blocked domain or below it. {@code StringLike} is case-sensitive, so
 * each name is matched in three forms: as written in lower case, in upper case, and with its first
 * letter capitalised; other mixtures pass.
 */
record RecipientGuard(List<String> domains) {

    /** The parameter's word for the names that can never receive mail: RFC 2606 and RFC 6761. */
    static final String RESERVED = "reserved";

    static final List<String> RESERVED_NAMES =
            List.of(
                    "example.com",
                    "example.net",
                    "example.org",
                    "test",
                    "example",
                    "invalid",
                    "localhost");

    /** The parameter's word for no guard. */
    static final String NONE = "none";

    /**
     * The sending actions that take ses:Recipients (SES API v1 names; API v2's SendEmail authorises
     * as ses:SendEmail).
     */
    static final List<String> SENDING_ACTIONS =
            List.of(
                    "ses:SendEmail",
                    "ses:SendRawEmail",
                    "ses:SendTemplatedEmail",
                    "ses:SendBulkTemplatedEmail");

    /**
     * PutIdentityPolicy's limit on the policy text ("cannot exceed 4 KB", SES API Reference), read
     * as 4,096 bytes.
     */
    static final int MAX_POLICY_BYTES = 4096;

    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    static final RecipientGuard OFF = new RecipientGuard(List.of());

    RecipientGuard {
        domains = List.copyOf(domains);
    }

    /**
     * From the BlockedRecipientDomains parameter: {@code none}, or a comma-separated list of
     * domains and {@code reserved}.
     */
    static RecipientGuard of(String parameter) {
        String value = parameter == null ? "" : parameter.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(NONE)) {
            return OFF;
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String name = item.strip();
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.equals(NONE)) {
                throw new WiringFailure(
                        "BlockedRecipientDomains: none turns the guard off and stands alone, not in a list.");
            } else if (name.equals(RESERVED)) {
                domains.addAll(RESERVED_NAMES);
            } else if (DOMAIN.matcher(name).matches()) {
                domains.add(name);
            } else if (!name.isEmpty()) {
                throw new WiringFailure(
                        "BlockedRecipientDomains: \""
                                + item.strip()
                                + "\" is not a domain name (or the"
                                + " word reserved); give none to turn the guard off.");
            }
        }
        return new RecipientGuard(new ArrayList<>(domains));
    }

    boolean enabled() {
        return !domains.isEmpty();
    }

    /**
     * The ses:Recipients patterns: an address at each name, and at any name below it, in each case
     * form.
     */
    List<String> patterns() {
        Set<String> patterns = new LinkedHashSet<>();
        for (String domain : domains) {
            for (String form : caseForms(domain)) {
                patterns.add("*@" + form);
                patterns.add("*@*." + form);
            }
        }
        return List.copyOf(patterns);
    }

    /**
     * The identity policy for one identity, as PutIdentityPolicy takes it; fails if SES's 4 KB
     * would be exceeded.
     */
    String policy(String identityArn) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", "DenyBlockedRecipientDomains");
        statement.put("Effect", "Deny");
        statement.putObject("Principal").put("AWS", "*");
        ArrayNode actions = statement.putArray("Action");
        SENDING_ACTIONS.forEach(actions::add);
        statement.put("Resource", identityArn);
        ArrayNode recipients =
                statement
                        .putObject("Condition")
                        .putObject("ForAnyValue:StringLike")
                        .putArray("ses:Recipients");
        patterns().forEach(recipients::add);
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.putArray("Statement").add(statement);
        String text = policy.toString();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_POLICY_BYTES) {
            throw new WiringFailure(
                    "BlockedRecipientDomains: the guard's policy for "
                            + identityArn
                            + " would be "
                            + bytes
                            + " bytes, over SES's "
                            + MAX_POLICY_BYTES
                            + ": list fewer domains (each adds six patterns).");
        }
        return text;
    }

    private static Set<String> caseForms(String domain) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(domain);
        forms.add(domain.toUpperCase(Locale.ROOT));
        forms.add(Character.toUpperCase(domain.charAt(0)) + domain.substring(1));
        return forms;
    }
}
