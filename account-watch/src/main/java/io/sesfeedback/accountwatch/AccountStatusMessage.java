package io.sesfeedback.accountwatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the watcher publishes to the feedback topic when the account changed: an SNS subject for the inbox and a JSON
 * body with {@code "notificationType": "AccountStatus"}, which the recorder stores as its own message type. The body
 * holds the account as it is now, the previous state (null on the first check), the changes and what to do.
 */
public record AccountStatusMessage(String subject, String body) {

    public static final String NOTIFICATION_TYPE = "AccountStatus";
    /** SNS's limit for a subject. */
    private static final int SUBJECT_LENGTH = 100;

    public static AccountStatusMessage of(AccountCheck check, AccountState previous, List<Change> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationType", NOTIFICATION_TYPE);
        body.put("checkedAt", check.checkedAtText());
        body.put("region", check.region());
        body.put("summary", summary(previous, changes));
        body.put("advice", advice(check.state()));
        Map<String, Object> account = state(check.state());
        account.put("sentLast24Hours", check.sentLast24Hours());
        body.put("account", account);
        body.put("previous", previous == null ? null : state(previous));
        body.put("changes", changes.stream().map(AccountStatusMessage::change).toList());
        return new AccountStatusMessage(subject(check, previous, changes), JsonText.write(body));
    }

    private static String subject(AccountCheck check, AccountState previous, List<Change> changes) {
        AccountState now = check.state();
        String headline;
        if (previous == null) {
            headline = now.enforcementStatus() + ", first check";
        } else if (!now.enforcementStatus().equals(previous.enforcementStatus())) {
            headline = now.enforcementStatus() + " (was " + previous.enforcementStatus() + ")";
        } else if (now.sendingEnabled() != previous.sendingEnabled()) {
            headline = now.sendingEnabled() ? "sending enabled again" : "sending disabled";
        } else {
            headline = changes.size() == 1 ? changes.get(0).describe() : changes.size() + " changes";
        }
        String subject = "SES account " + check.region() + ": " + headline;
        // SNS takes ASCII printable characters only in a subject; a recommendation's text could hold others
        subject = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return subject.length() <= SUBJECT_LENGTH ? subject : subject.substring(0, SUBJECT_LENGTH - 3) + "...";
    }

    private static String summary(AccountState previous, List<Change> changes) {
        String list = changes.stream().map(Change::describe).collect(Collectors.joining("; "));
        return previous == null ? "First check: " + list : list;
    }

    /** One sentence on what the enforcement status asks of the reader. */
    static String advice(AccountState state) {
        return switch (state.enforcementStatus()) {
            case AccountState.HEALTHY -> state.sendingEnabled()
                    ? "Nothing to do: SES sees no reputation issue."
                    : "SES reports no reputation issue, but sending is disabled for the account: someone paused it.";
            case "PROBATION" -> "SES has put the account under review: find the cause (the stack's dashboard, the feedback"
                    + " table's bounces and complaints) and answer in the SES console's reputation page before SES pauses sending.";
            case "SHUTDOWN" -> "SES has paused sending for the account: fix the cause and ask for a review in the SES"
                    + " console's reputation page.";
            default -> "SES reports an enforcement status this stack does not know: read the SES console's reputation page.";
        };
    }

    private static Map<String, Object> state(AccountState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("enforcementStatus", state.enforcementStatus());
        fields.put("sendingEnabled", state.sendingEnabled());
        fields.put("productionAccessEnabled", state.productionAccessEnabled());
        fields.put("max24HourSend", state.max24HourSend());
        fields.put("maxSendRate", state.maxSendRate());
        fields.put("vdmEnabled", state.vdmEnabled());
        fields.put("recommendations", state.recommendations().stream().map(AccountStatusMessage::recommendation).toList());
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
