package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.MemberAccount;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A hub's report: the organisation's counts, and the same counts for each member account (account,
 * region, environment) its items came from. TypeShards does not project {@code account}, so the
 * window's message items are read from the table (BatchGetItem, 100 keys a call, only the report's
 * attributes and the three): each message item costs its whole size in read units besides its index
 * entry (DynamoDB, "Read consistency" and "BatchGetItem": a projection reduces what is returned,
 * not what is consumed,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */
final class MemberTallies {

    /** The report's attributes and the member's. */
    static final List<String> ATTRIBUTES =
            Stream.concat(ReportTally.WITH_TENANT.stream(), MemberAccount.ATTRIBUTES.stream())
                    .toList();

    /** The CSV's columns: one row per member account. */
    static final List<String> CSV_COLUMNS =
            List.of(
                    MemberAccount.ACCOUNT,
                    MemberAccount.REGION,
                    MemberAccount.ENVIRONMENT,
                    "messages",
                    "recipients",
                    "bounceMessages",
                    "bouncedRecipients",
                    "permanentBouncedRecipients",
                    "complaintMessages",
                    "complainedRecipients",
                    "copiesSkipped");

    private static final String ROW = "  %-36s %9s %9s %9s %7s %10s %8s";

    final ReportTally organisation = new ReportTally();
    final Map<MemberAccount, ReportTally> byMember = new TreeMap<>();

    /**
     * The window's message items counted, type by type, overall and per member account; only {@code
     * tenant}'s when named.
     */
    static MemberTallies of(MessageWindow window, String tenant) {
        MemberTallies tallies = new MemberTallies();
        for (MessageType type : MessageType.values()) {
            for (Map<String, AttributeValue> item : window.items(type, ATTRIBUTES)) {
                if (tenant != null && !tenant.equals(Items.text(item, FeedbackTable.TENANT))) {
                    continue;
                }
                tallies.organisation.add(type, item);
                tallies.byMember
                        .computeIfAbsent(MemberAccount.of(item), member -> new ReportTally())
                        .add(type, item);
            }
        }
        return tallies;
    }

    /** The organisation's report as a stack's, then a table of the member accounts. */
    void printText(MessageWindow window, PrintWriter out) {
        new ReportText(out).print(window, organisation);
        if (byMember.isEmpty()) {
            return;
        }
        out.println();
        out.println(
                line(
                        "%-38s %9s %9s %9s %7s %10s %8s",
                        "By member account",
                        "messages",
                        "bounced",
                        "permanent",
                        "hard %",
                        "complained",
                        "copies"));
        byMember.forEach(
                (member, tally) ->
                        out.println(
                                line(
                                        ROW,
                                        member.label(),
                                        tally.messages(),
                                        tally.bounces.recipients,
                                        tally.permanentRecipients(),
                                        tally.hardBouncePercent() == null
                                                ? "-"
                                                : String.format(
                                                        Locale.ROOT,
                                                        "%.1f",
                                                        tally.hardBouncePercent()),
                                        tally.complaints.recipients,
                                        tally.copiesSkippedTotal())));
        out.println(
                "  bounced, permanent and complained count recipients; copies are cross-format copies skipped.");
    }

    /**
     * The organisation's report object, with {@code byAccount}: each member's report (the same
     * fields) under its account, region and environment.
     */
    Map<String, Object> json(MessageWindow window) {
        Map<String, Object> report = ReportJson.of(window, organisation);
        List<Map<String, Object>> members = new ArrayList<>();
        byMember.forEach(
                (member, tally) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put(MemberAccount.ACCOUNT, member.account());
                    entry.put(MemberAccount.REGION, member.region());
                    entry.put(MemberAccount.ENVIRONMENT, member.environment());
                    Map<String, Object> counts = ReportJson.of(window, tally);
                    List.of("since", "until", "store").forEach(counts::remove);
                    entry.putAll(counts);
                    members.add(entry);
                });
        report.put("byAccount", members);
        return report;
    }

    /** A header row, then one row per member account. */
    void printCsv(PrintWriter out) {
        out.println(Items.csv(CSV_COLUMNS));
        byMember.forEach(
                (member, tally) -> {
                    List<String> cells = new ArrayList<>(member.cells());
                    Stream.of(
                                    tally.messages(),
                                    tally.recipients(),
                                    tally.bounces.messages,
                                    tally.bounces.recipients,
                                    tally.permanentRecipients(),
                                    tally.complaints.messages,
                                    tally.complaints.recipients,
                                    tally.copiesSkippedTotal())
                            .map(String::valueOf)
                            .forEach(cells::add);
                    out.println(Items.csv(cells));
                });
    }

    private static String line(String format, Object... values) {
        return String.format(Locale.ROOT, format, values).stripTrailing();
    }
}
