package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;
import static io.sesfeedback.store.FeedbackTable.SK;

import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The changes operators made to one address's suppression, as history shows them. */
public final class SuppressionHistory {

    private SuppressionHistory() {}

    /** The address's change items, newest first. */
    public static List<Map<String, AttributeValue>> changes(Target target, String address) {
        return target
                .dynamo()
                .queryPaginator(
                        r ->
                                r.tableName(target.table())
                                        .keyConditionExpression(
                                                "#pk = :pk AND begins_with(#sk, :changes)")
                                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":pk",
                                                        AttributeValue.fromS(
                                                                RECIPIENT_PREFIX + address),
                                                        ":changes",
                                                        AttributeValue.fromS(
                                                                SuppressionChanges.CHANGE_PREFIX)))
                                        .scanIndexForward(false))
                .items()
                .stream()
                .toList();
    }

    /** When a change was made, to order it among the events. */
    public static String at(Map<String, AttributeValue> change) {
        return Items.text(change, SuppressionChanges.AT);
    }

    /** One line: when, what, by whom, why, and what it was before. */
    public static String line(Map<String, AttributeValue> change) {
        return "  "
                + at(change)
                + "  "
                + String.format("%-16s", Items.text(change, SuppressionChanges.CHANGE))
                + "  by "
                + Items.text(change, SuppressionChanges.ACTOR)
                + " ("
                + Items.text(change, SuppressionChanges.SOURCE)
                + "): "
                + Items.text(change, SuppressionChanges.REASON)
                + "  [was "
                + Items.text(change, SuppressionChanges.BEFORE)
                + "]";
    }

    /** The status item's note on who suppressed it by hand, or empty. */
    public static String source(Map<String, AttributeValue> status) {
        return status.containsKey(SuppressionChanges.SUPPRESSION_SOURCE)
                ? " ("
                        + Items.text(status, SuppressionChanges.SUPPRESSION_SOURCE)
                        + ", by "
                        + Items.text(status, io.sesfeedback.store.FeedbackTable.SUPPRESSED_BY)
                        + ")"
                : "";
    }
}
