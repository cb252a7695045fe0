package io.sesfeedback.recorder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which environment (dev, stg, prod...) an account is: a hub's member accounts as its {@code
 * MEMBER_ENVIRONMENTS} lists them ({@code <12-digit account>=<environment>,...}), else the
 * recorder's own {@code ENVIRONMENT} for its own account, else none. A list that cannot be read
 * fails the function's start, naming the entry: a member's feedback then waits in Lambda's retries
 * and the failed-feedback queue rather than being recorded under no environment.
 */
public final class AccountEnvironments {

    public static final AccountEnvironments NONE = new AccountEnvironments(Map.of(), null);

    private static final Pattern ENTRY = Pattern.compile("(\\d{12})=([A-Za-z0-9][A-Za-z0-9._-]*)");

    private final Map<String, String> members;
    private final String own;

    private AccountEnvironments(Map<String, String> members, String own) {
        this.members = Map.copyOf(members);
        this.own = own;
    }

    /**
     * {@code memberEnvironments} as template.yaml joins the MemberEnvironments parameter (empty or
     * null: no members); {@code own} the stack's Environment (null: unknown).
     */
    public static AccountEnvironments parse(String memberEnvironments, String own) {
        Map<String, String> members = new LinkedHashMap<>();
        if (memberEnvironments != null && !memberEnvironments.isBlank()) {
            for (String entry : memberEnvironments.split(",", -1)) {
                if (entry.isBlank()) {
                    // a CommaDelimitedList's empty value, which its ^$ pattern lets through
                    continue;
                }
                var matcher = ENTRY.matcher(entry.strip());
                if (!matcher.matches()) {
                    throw new IllegalStateException(
                            "MEMBER_ENVIRONMENTS entry '"
                                    + entry
                                    + "' is not <12-digit account>=<environment>"
                                    + " (template.yaml, MemberEnvironments)");
                }
                String before = members.putIfAbsent(matcher.group(1), matcher.group(2));
                if (before != null && !before.equals(matcher.group(2))) {
                    throw new IllegalStateException(
                            "MEMBER_ENVIRONMENTS names account "
                                    + matcher.group(1)
                                    + " twice, as "
                                    + before
                                    + " and "
                                    + matcher.group(2)
                                    + " (template.yaml, MemberEnvironments)");
                }
            }
        }
        return new AccountEnvironments(members, own == null || own.isBlank() ? null : own);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountEnvironments that
                && members.equals(that.members)
                && Objects.equals(own, that.own);
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, own);
    }

    @Override
    public String toString() {
        return "AccountEnvironments[members=" + members + ", own=" + own + "]";
    }

    /** The environment of {@code account}; null when neither a member nor {@code ownAccount}. */
    public String environmentOf(String account, String ownAccount) {
        if (account == null) {
            return null;
        }
        String member = members.get(account);
        if (member != null) {
            return member;
        }
        return account.equals(ownAccount) ? own : null;
    }
}
