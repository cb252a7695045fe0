package io.sesfeedback.tools.operations;

import static io.sesfeedback.store.FeedbackTable.MESSAGE_SORT_KEY;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.STATUS_SORT_KEY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_SHARD;
import static io.sesfeedback.store.FeedbackTable.TYPE_SHARD;

import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Gives the items recorded by earlier versions the keys of today's indexes: typeShard on message"
                    + " items (TypeShards), suppressionList and suppressionShard on suppressed status items (Suppressed,"
                    + " SuppressedShards).",
            "One scan of the table, a page at a time, and one conditional update per item that lacks a key, paced"
                    + " to --writes-per-second; a second run finds none. Stopped part-way, it prints where to"
                    + " --resume-from. Run it after deploying IndexMigrationStep 0 (docs/deploy.md)."
        })
public final class BackfillCommand extends TargetCommand {

    @Option(names = "--dry-run", description = "Count them, change nothing.")
    boolean dryRun;

    @Option(
            names = "--writes-per-second",
            defaultValue = "200",
            paramLabel = "N",
            description =
                    "At most this many updates a second (default ${DEFAULT-VALUE}), beside the recorder's own writes.")
    int writesPerSecond;

    @Option(
            names = "--resume-from",
            paramLabel = "TOKEN",
            description = "Where an earlier run stopped, as it printed.")
    String resumeFrom;

    @Override
    protected int run(Target target, PrintWriter out) {
        long started = System.nanoTime();
        long updates = 0;
        long messages = 0;
        long statuses = 0;
        Map<String, AttributeValue> start = resumeFrom == null ? null : token(resumeFrom);
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page =
                    target.dynamo()
                            .scan(
                                    r ->
                                            r.tableName(target.table())
                                                    .exclusiveStartKey(from)
                                                    .filterExpression(
                                                            "(#sk = :message AND attribute_not_exists(#typeShard)) OR (#sk = :status"
                                                                    + " AND #suppressed = :true AND (attribute_not_exists(#list) OR attribute_not_exists(#shard)))")
                                                    .projectionExpression("#pk, #sk, #type")
                                                    .expressionAttributeNames(
                                                            Map.of(
                                                                    "#pk",
                                                                    PK,
                                                                    "#sk",
                                                                    SK,
                                                                    "#type",
                                                                    MESSAGE_TYPE,
                                                                    "#typeShard",
                                                                    TYPE_SHARD,
                                                                    "#suppressed",
                                                                    SUPPRESSED,
                                                                    "#list",
                                                                    SUPPRESSION_LIST_ATTRIBUTE,
                                                                    "#shard",
                                                                    SUPPRESSION_SHARD))
                                                    .expressionAttributeValues(
                                                            Map.of(
                                                                    ":message",
                                                                    AttributeValue.fromS(
                                                                            MESSAGE_SORT_KEY),
                                                                    ":status",
                                                                    AttributeValue.fromS(
                                                                            STATUS_SORT_KEY),
                                                                    ":true",
                                                                    AttributeValue.fromBool(
                                                                            true))));
            for (Map<String, AttributeValue> item : page.items()) {
                boolean message = MESSAGE_SORT_KEY.equals(item.get(SK).s());
                if (message) {
                    messages++;
                } else {
                    statuses++;
                }
                if (!dryRun
                        && (message
                                ? addTypeShard(target, item)
                                : addSuppressionShard(target, item))) {
                    updates++;
                    pace(started, updates);
                }
            }
            start =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                            ? page.lastEvaluatedKey()
                            : null;
            if (start != null) {
                err().printf(
                                "backfill: %d message and %d status item(s) so far; to resume from here: --resume-from %s%n",
                                messages, statuses, token(start));
            }
        } while (start != null);
        out.println(
                dryRun
                        ? messages
                                + " message item(s) and "
                                + statuses
                                + " suppressed status item(s) of the "
                                + target.description()
                                + " lack today's index keys; nothing changed."
                        : "Gave "
                                + updates
                                + " item(s) of the "
                                + target.description()
                                + " today's index keys ("
                                + messages
                                + " message, "
                                + statuses
                                + " suppressed status item(s) found).");
        return 0;
    }

    /**
     * Only if it is still missing: a run beside the recorder, or a second run, changes nothing
     * twice.
     */
    private static boolean addTypeShard(Target target, Map<String, AttributeValue> key) {
        String snsMessageId = key.get(PK).s().substring(FeedbackTable.MESSAGE_PREFIX.length());
        String shard = FeedbackTable.typeShard(key.get(MESSAGE_TYPE).s(), snsMessageId);
        return update(
                target,
                key,
                "SET #typeShard = :shard",
                "attribute_not_exists(#typeShard) AND #type = :type",
                Map.of("#typeShard", TYPE_SHARD, "#type", MESSAGE_TYPE),
                Map.of(":shard", AttributeValue.fromS(shard), ":type", key.get(MESSAGE_TYPE)));
    }

    private static boolean addSuppressionShard(Target target, Map<String, AttributeValue> key) {
        String address = key.get(PK).s().substring(FeedbackTable.RECIPIENT_PREFIX.length());
        return update(
                target,
                key,
                "SET #list = :list, #shard = :shard",
                "#suppressed = :true",
                Map.of(
                        "#list",
                        SUPPRESSION_LIST_ATTRIBUTE,
                        "#shard",
                        SUPPRESSION_SHARD,
                        "#suppressed",
                        SUPPRESSED),
                Map.of(
                        ":list",
                        AttributeValue.fromS(SUPPRESSION_LIST),
                        ":true",
                        AttributeValue.fromBool(true),
                        ":shard",
                        AttributeValue.fromS(FeedbackTable.suppressionShard(address))));
    }

    private static boolean update(
            Target target,
            Map<String, AttributeValue> item,
            String update,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            target.dynamo()
                    .updateItem(
                            r ->
                                    r.tableName(target.table())
                                            .key(Map.of(PK, item.get(PK), SK, item.get(SK)))
                                            .updateExpression(update)
                                            .conditionExpression(condition)
                                            .expressionAttributeNames(names)
                                            .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException done) {
            return false;
        }
    }

    /** Sleeps while the updates so far are ahead of --writes-per-second. */
    private void pace(long started, long updates) {
        long due = started + updates * 1_000_000_000L / Math.max(1, writesPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while pacing the backfill", e);
            }
        }
    }

    /** A scan position as text a user can paste: the table's key, base64. */
    static String token(Map<String, AttributeValue> key) {
        String text = key.get(PK).s() + "\n" + key.get(SK).s();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> token(String token) {
        String[] parts =
                new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split("\n", 2);
        if (parts.length != 2) {
            throw new UserError("--resume-from " + token + " is not a token backfill printed");
        }
        return Map.of(PK, AttributeValue.fromS(parts[0]), SK, AttributeValue.fromS(parts[1]));
    }
}
