package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_BY;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.notification.StatusChange.Counter;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.Since;
import io.sesfeedback.tools.items.ItemJson;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "suppressed",
        mixinStandardHelpOptions = true,
        description =
                "Every address that must not be mailed again (a permanent bounce or a complaint), with reason, time"
                        + " and counters, oldest first: the list to feed a mailer or the SES account-level suppression list.")
public final class SuppressedCommand extends TargetCommand {

    static final List<String> COLUMNS =
            List.of(
                    ADDRESS,
                    SUPPRESSED_AT,
                    SUPPRESSION_REASON,
                    SUPPRESSED_BY,
                    Counter.PERMANENT_BOUNCES.attribute(),
                    Counter.TRANSIENT_BOUNCES.attribute(),
                    Counter.UNDETERMINED_BOUNCES.attribute(),
                    Counter.COMPLAINTS.attribute());
    private static final List<String> COUNTERS = COLUMNS.subList(4, COLUMNS.size());

    @Option(
            names = "--since",
            converter = Since.class,
            paramLabel = "24h|7d|DATE",
            description = "Only addresses suppressed since then (default: all).")
    Instant since = Instant.EPOCH;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text, csv or json (one JSON object per line).")
    SuppressedFormat format;

    enum SuppressedFormat {
        text,
        csv,
        json
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        if (format == SuppressedFormat.csv) {
            out.println(Items.csv(COLUMNS));
        }
        long count;
        try (Stream<Map<String, AttributeValue>> statuses = target.queries().suppressed(since)) {
            count = statuses.peek(status -> print(status, out)).count();
        }
        if (format == SuppressedFormat.text) {
            out.println(count + " suppressed address(es) in the " + target.description());
        }
        return 0;
    }

    private void print(Map<String, AttributeValue> status, PrintWriter out) {
        switch (format) {
            case csv ->
                    out.println(
                            Items.csv(
                                    COLUMNS.stream()
                                            .map(
                                                    column ->
                                                            COUNTERS.contains(column)
                                                                    ? Long.toString(
                                                                            Items.number(
                                                                                    status, column))
                                                                    : Items.text(status, column))
                                            .toList()));
            case json -> out.println(ItemJson.of(jsonFields(status)));
            default ->
                    out.printf(
                            "%-40s %s  %s%n",
                            Items.text(status, ADDRESS),
                            Items.text(status, SUPPRESSED_AT),
                            Items.text(status, SUPPRESSION_REASON));
        }
    }

    /**
     * The list's columns the item has, and {@code suppressed}, what being on the list means; never
     * the table's keys.
     */
    private static Map<String, AttributeValue> jsonFields(Map<String, AttributeValue> status) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        COLUMNS.stream()
                .filter(status::containsKey)
                .forEach(column -> fields.put(column, status.get(column)));
        fields.put(FeedbackTable.SUPPRESSED, AttributeValue.fromBool(true));
        return fields;
    }
}
