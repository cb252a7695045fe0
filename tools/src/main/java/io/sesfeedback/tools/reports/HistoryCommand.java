package io.sesfeedback.tools.reports;

import static io.sesfeedback.store.FeedbackTable.BOUNCE_SUB_TYPE;
import static io.sesfeedback.store.FeedbackTable.BOUNCE_TYPE;
import static io.sesfeedback.store.FeedbackTable.COMPLAINT_FEEDBACK_TYPE;
import static io.sesfeedback.store.FeedbackTable.DIAGNOSTIC_CODE;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PREVENTED;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.STATUS;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;
import static io.sesfeedback.store.FeedbackTable.TENANT;

import io.sesfeedback.notification.PreventedSend;
import io.sesfeedback.notification.StatusChange.Counter;
import io.sesfeedback.tools.items.Addresses;
import io.sesfeedback.tools.items.ItemJson;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.Tenants;
import io.sesfeedback.tools.suppression.SuppressionHistory;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description =
                "Every recorded event for one address, newest first, with its status and diagnostic code,"
                        + " and beside them each suppression an operator made or lifted (who, why, what it was)."
                        + " Any spelling of the address works: it is normalised as the recorder does.")
public final class HistoryCommand extends TargetCommand {

    @Parameters(
            paramLabel = "ADDRESS",
            description =
                    "The address, in any spelling (Jane.Doe@Example.COM, \"Jane\" <jane.doe@example.com>).")
    String address;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (one JSON object per line: the status, then each event).")
    HistoryFormat format;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Only the events of this SES tenant's mail (ses:tenant-name, or the tenant another copy of the"
                            + " same mail names); the status and the operators' changes are the address's and stay.")
    String tenant;

    enum HistoryFormat {
        text,
        json
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        String key = Addresses.key(address);
        Optional<Map<String, AttributeValue>> status = target.queries().status(key);
        List<Map<String, AttributeValue>> events = target.queries().history(key);
        if (tenant != null) {
            Tenants tenants = new Tenants(target);
            events = events.stream().filter(event -> tenant.equals(tenants.of(event))).toList();
        }
        List<Map<String, AttributeValue>> changes = SuppressionHistory.changes(target, key);
        // events and changes in one list, newest first: an event by when it occurred, a change by
        // when it was made
        List<Map<String, AttributeValue>> entries = new ArrayList<>(events);
        entries.addAll(changes);
        entries.sort(
                Comparator.comparing(
                                (Map<String, AttributeValue> item) ->
                                        changes.contains(item)
                                                ? SuppressionHistory.at(item)
                                                : Items.text(item, OCCURRED_AT))
                        .reversed());
        if (format == HistoryFormat.json) {
            status.ifPresent(item -> out.println(ItemJson.of(item)));
            entries.forEach(item -> out.println(ItemJson.of(item)));
            return 0;
        }
        out.println(key);
        out.println(
                status.map(HistoryCommand::describe)
                        .orElse("  status: no bounce or complaint recorded"));
        if (events.isEmpty()) {
            out.println(
                    "  no events recorded"
                            + (tenant == null ? "" : " from tenant " + tenant + "'s mail")
                            + " ("
                            + target.description()
                            + ")");
        }
        for (Map<String, AttributeValue> event : entries) {
            if (changes.contains(event)) {
                out.println(SuppressionHistory.line(event));
                continue;
            }
            StringBuilder line =
                    new StringBuilder("  ")
                            .append(Items.text(event, OCCURRED_AT))
                            .append("  ")
                            .append(String.format("%-16s", Items.text(event, MESSAGE_TYPE)));
            // PREVENTED marks a prevented complaint too; older items name bounces by subtype only
            if (event.containsKey(PREVENTED)
                    || PreventedSend.isPrevented(Items.text(event, BOUNCE_SUB_TYPE))) {
                line.append("  ").append(PreventedSend.LABEL);
            }
            if (event.containsKey(TENANT)) {
                line.append("  tenant ").append(Items.text(event, TENANT));
            }
            for (String detail :
                    new String[] {BOUNCE_TYPE, BOUNCE_SUB_TYPE, COMPLAINT_FEEDBACK_TYPE, STATUS}) {
                if (event.containsKey(detail)) {
                    line.append("  ").append(Items.text(event, detail));
                }
            }
            if (event.containsKey(DIAGNOSTIC_CODE)) {
                line.append("  ").append(Items.text(event, DIAGNOSTIC_CODE));
            }
            line.append("  sns ").append(Items.text(event, SNS_MESSAGE_ID));
            out.println(line);
        }
        return 0;
    }

    private static String describe(Map<String, AttributeValue> status) {
        String counters =
                "permanentBounces %d, transientBounces %d, undeterminedBounces %d, complaints %d"
                        .formatted(
                                Items.number(status, Counter.PERMANENT_BOUNCES.attribute()),
                                        Items.number(status, Counter.TRANSIENT_BOUNCES.attribute()),
                                Items.number(status, Counter.UNDETERMINED_BOUNCES.attribute()),
                                        Items.number(status, Counter.COMPLAINTS.attribute()));
        long prevented = Items.number(status, Counter.PREVENTED_SENDS.attribute());
        if (prevented > 0) {
            counters += ", " + PreventedSend.LABEL + " " + prevented;
        }
        if (status.containsKey(SUPPRESSED)) {
            return "  status: SUPPRESSED since "
                    + Items.text(status, SUPPRESSED_AT)
                    + SuppressionHistory.source(status)
                    + ": "
                    + Items.text(status, SUPPRESSION_REASON)
                    + "\n  "
                    + counters;
        }
        return "  status: not suppressed\n  " + counters;
    }
}
