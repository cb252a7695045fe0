package io.sesfeedback.cli;

import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.STATUS_SORT_KEY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Puts on the Suppressed index the status items suppressed before it existed.",
                "One scan of the table for suppressed status items without suppressionList, and one conditional update"
                        + " each; a second run finds none. suppressed and ses-suppression read the index only."})
final class BackfillCommand extends TargetCommand {

    @Option(names = "--dry-run", description = "Count them, change nothing.")
    boolean dryRun;

    @Override
    int run(Target target, PrintWriter out) {
        List<Map<String, AttributeValue>> missing = target.dynamo().scanPaginator(r -> r.tableName(target.table())
                        .filterExpression("#sk = :status AND #suppressed = :true AND attribute_not_exists(#list)")
                        .projectionExpression("#pk, #sk")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#suppressed", SUPPRESSED, "#list", SUPPRESSION_LIST_ATTRIBUTE))
                        .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(STATUS_SORT_KEY), ":true", AttributeValue.fromBool(true))))
                .items().stream().toList();
        int added = 0;
        for (Map<String, AttributeValue> key : missing) {
            if (!dryRun && addToIndex(target, key)) {
                added++;
            }
        }
        out.println(dryRun
                ? missing.size() + " suppressed status item(s) of the " + target.description() + " are not on the Suppressed index; nothing changed."
                : "Put " + added + " suppressed status item(s) of the " + target.description() + " on the Suppressed index.");
        return 0;
    }

    /** Only if it is still missing: a run beside the recorder, or a second run, changes nothing twice. */
    private static boolean addToIndex(Target target, Map<String, AttributeValue> key) {
        try {
            target.dynamo().updateItem(r -> r.tableName(target.table()).key(key)
                    .updateExpression("SET #list = :list")
                    .conditionExpression("attribute_not_exists(#list) AND #suppressed = :true")
                    .expressionAttributeNames(Map.of("#list", SUPPRESSION_LIST_ATTRIBUTE, "#suppressed", SUPPRESSED))
                    .expressionAttributeValues(Map.of(":list", AttributeValue.fromS(SUPPRESSION_LIST), ":true", AttributeValue.fromBool(true))));
            return true;
        } catch (ConditionalCheckFailedException done) {
            return false;
        }
    }
}
