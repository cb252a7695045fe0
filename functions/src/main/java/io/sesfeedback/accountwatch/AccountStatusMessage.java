package io.sesfeedback.accountwatch;

import io.sesfeedback.support.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the watcher publishes to the feedback topic when the account changed: an SNS subject for the
 * inbox and a JSON body with {@code "notificationType": "AccountStatus"}, which the recorder stores
 * as its own message type. The body holds the account as it is now, the previous state (null on the
 * first check), the changes and what to do. It lists {@code listed} changes and recommendations of
 * each state in full, the most serious first, and counts the rest ({@code changesNotListed}, {@code
 * recommendationsNotListed}, present only when some are left out). A tenant's change is one change
 * ({@code "field": "tenant NAME"}), after the account's, the worst first; {@code tenantsChanged}
 * counts them, listed or not.
 */
public record AccountStatusMessage(String subject, String body, int listed) {

    public static final String NOTIFICATION_TYPE = "AccountStatus";

    /** SNS's limit for a subject. */
    private static final int SUBJECT_LENGTH = 100;

    /**
     * SNS Publish: "at most 256 KB in size (262,144 bytes, not 262,144 characters)" (Amazon SNS API
     * Reference, Publish).
     */
    static final int SNS_MESSAGE_BYTES = 262_144;

    /**
     * A quarter of it: the change item stores the body beside its two lists, within DynamoDB's 400
     * KB item.
     */
    static final int BODY_BYTES = SNS_MESSAGE_BYTES / 4;

    /** A message read back from the table, to publish again: its lists are in the body already. */
    static AccountStatusMessage stored(String subject, String body) {
        return new AccountStatusMessage(subject, body, 0);
    }

    /**
     * Lists {@value AccountState#STORED_IN_FULL} of each, fewer (halved) until the body fits {@link
     * #BODY_BYTES}.
     */
    public static AccountStatusMessage of(
            AccountCheck check, AccountState previous, List<Change> changes) {
        String subject = subject(check, previous, changes);
        for (int listed = AccountState.STORED_IN_FULL; ; listed /= 2) {
            String body = body(check, previous, changes, listed);
            if (listed == 0 || body.getBytes(StandardCharsets.UTF_8).length <= BODY_BYTES) {
                return new AccountStatusMessage(subject, body, listed);
            }
        }
    }

    /**
     * The body with {@code "environment"} added: the detail of the change's event on a member's
     * bus, which tells the hub which environment the member is. Copied token by token, so a body
     * read back from the table gets it as well.
     */
    public String detailIn(String environment) {
        return JsonText.withField(body, "environment", environment);
    }

    /** The first {@code listed} of {@code items}: the changes the body lists. */
    public <T> List<T> listedOf(List<T> items) {
        return items.subList(0, Math.min(listed, items.size()));
    }

    private static String body(
            AccountCheck check, AccountState previous, List<Change> changes, int listed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationType", NOTIFICATION_TYPE);
        body.put("checkedAt", check.checkedAtText());
        body.put("region", check.region());
        body.put("summary", summary(previous, changes, listed));
        body.put("advice", advice(check.state()));
        Map<String, Object> account = state(check.state(), listed);
        account.put("sentLast24Hours", check.sentLast24Hours());
        body.put("account", account);
        body.put("previous", previous == null ? null : state(previous, listed));
        body.put(
                "changes",
                changes.stream().limit(listed).map(AccountStatusMessage::change).toList());
        if (changes.size() > listed) {
            body.put("changesNotListed", changes.size() - listed);
        }
        long tenants = changes.stream().filter(TenantChanges::isTenant).count();
        if (tenants > 0) {
            // the tenants listed are among the changes, the worst first; the rest are counted
            body.put("tenantsChanged", tenants);
        }
        return JsonText.write(body);
    }

    private static String subject(AccountCheck check, AccountState previous, List<Change> changes) {
        AccountState now = check.state();
        String headline;
        if (previous == null) {
            headline =
                    now.enforcementStatus()
                            + ", first check"
                            + (now.accountSuppression() == null || now.accountSuppression().on()
                                    ? ""
                                    : "; account-level suppression "
                                            + now.accountSuppression().describe());
        } else if (!now.enforcementStatus().equals(previous.enforcementStatus())) {
            headline = now.enforcementStatus() + " (was " + previous.enforcementStatus() + ")";
        } else if (now.sendingEnabled() != previous.sendingEnabled()) {
            headline = now.sendingEnabled() ? "sending enabled again" : "sending disabled";
        } else if (changes.stream()
                .anyMatch(c -> c.field().equals(AccountState.ACCOUNT_SUPPRESSION))) {
            headline = "account-level suppression " + now.accountSuppression().describe();
        } else if (changes.stream().allMatch(TenantChanges::isTenant)) {
            long disabled = changes.stream().filter(c -> c.to().startsWith("DISABLED")).count();
            headline =
                    changes.size() == 1
                            ? changes.get(0).field() + ": " + changes.get(0).to()
                            : changes.size()
                                    + " tenants changed"
                                    + (disabled == 0 ? "" : ", " + disabled + " DISABLED");
        } else {
            headline =
                    changes.size() == 1 ? changes.get(0).describe() : changes.size() + " changes";
        }
        String subject = "SES account " + check.region() + ": " + headline;
        // SNS takes ASCII printable characters only in a subject; a recommendation's text could
        // hold others
        subject = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return subject.length() <= SUBJECT_LENGTH
                ? subject
                : subject.substring(0, SUBJECT_LENGTH - 3) + "...";
    }

    private static String summary(AccountState previous, List<Change> changes, int listed) {
        String list =
                changes.stream()
                        .limit(listed)
                        .map(Change::describe)
                        .collect(Collectors.joining("; "));
        if (changes.size() > listed) {
            list +=
                    (listed == 0 ? "" : "; and ")
                            + (changes.size() - listed)
                            + (listed == 0 ? " changes" : " more");
        }
        return previous == null ? "First check: " + list : list;
    }

    /**
     * One sentence on what the enforcement status asks of the reader, and one more when SES's
     * account-level suppression is not fully on.
     */
    static String advice(AccountState state) {
        AccountSuppression suppression = state.accountSuppression();
        return suppression == null || suppression.on()
                ? enforcementAdvice(state)
                : enforcementAdvice(state) + " " + suppression.advice();
    }

    private static String enforcementAdvice(AccountState state) {
        return switch (state.enforcementStatus()) {
            case AccountState.HEALTHY ->
                    state.sendingEnabled()
                            ? "Nothing to do: SES sees no reputation issue."
                            : "SES reports no reputation issue, but sending is disabled for the account: someone paused it.";
            case "PROBATION" ->
                    "SES has put the account under review: find the cause (the stack's dashboard, the feedback"
                            + " table's bounces and complaints) and answer in the SES console's reputation page before SES pauses sending.";
            case "SHUTDOWN" ->
                    "SES has paused sending for the account: fix the cause and ask for a review in the SES"
                            + " console's reputation page.";
            default ->
                    "SES reports an enforcement status this stack does not know: read the SES console's reputation page.";
        };
    }

    private static Map<String, Object> state(AccountState state, int listed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("enforcementStatus", state.enforcementStatus());
        fields.put("sendingEnabled", state.sendingEnabled());
        fields.put("productionAccessEnabled", state.productionAccessEnabled());
        fields.put("max24HourSend", state.max24HourSend());
        fields.put("maxSendRate", state.maxSendRate());
        fields.put("vdmEnabled", state.vdmEnabled());
        fields.put(
                "suppressedReasons",
                state.accountSuppression() == null ? null : state.accountSuppression().reasons());
        List<Recommendation> mostSevere = state.mostSevere(listed);
        fields.put(
                "recommendations",
                mostSevere.stream().map(AccountStatusMessage::recommendation).toList());
        if (state.openRecommendations().size() > mostSevere.size()) {
            fields.put(
                    "recommendationsNotListed",
                    state.openRecommendations().size() - mostSevere.size());
        }
        return fields;
    }

    private static Map<String, Object> recommendation(Recommendation recommendation) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", recommendation.type());
        fields.put("impact", recommendation.impact());
        fields.put("resourceArn", recommendation.resourceArn());
        fields.put("description", recommendation.description());
        return fields;
    }

    private static Map<String, Object> change(Change change) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("field", change.field());
        fields.put("from", change.from());
        fields.put("to", change.to());
        return fields;
    }
}
