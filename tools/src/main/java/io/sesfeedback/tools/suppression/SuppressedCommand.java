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
import io.sesfeedback.tools.items.MemberAccount;
import io.sesfeedback.tools.items.MessageAccounts;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "suppressed",
        mixinStandardHelpOptions = true,
        description =
                "Every address that must not be mailed again (a permanent bounce, a complaint, five transient bounces in a row,"
                        + " or an operator's suppress or import), with reason, time"
                        + " and counters, oldest first: the list to feed a mailer or the SES account-level suppression list."
                        + " On a hub, each address also names the member account whose feedback suppressed it first (its"
                        + " suppressedBy message's, one BatchGetItem per 100 addresses), and the text ends with a count per account.")
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

    /**
     * On a hub, the list's columns and the member account whose feedback suppressed the address
     * first (its {@code suppressedBy} message's): the status item is the organisation's.
     */
    static final List<String> HUB_COLUMNS =
            Stream.concat(COLUMNS.stream(), MemberAccount.ATTRIBUTES.stream()).toList();

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

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Only the addresses this SES tenant's mail had suppressed: the tenant its suppressing message"
                            + " names (ses:tenant-name), read 100 to a BatchGetItem; by hand or by import, none.")
    String tenant;

    enum SuppressedFormat {
        text,
        csv,
        json
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        boolean hub = target.hub();
        if (format == SuppressedFormat.csv) {
            out.println(Items.csv(hub ? HUB_COLUMNS : COLUMNS));
        }
        MessageAccounts accounts = new MessageAccounts(target.dynamo(), target.table());
        Map<MemberAccount, Long> byMember = new TreeMap<>();
        long count = 0;
        try (Stream<Map<String, AttributeValue>> statuses = target.queries().suppressed(since)) {
            Iterator<Map<String, AttributeValue>> reading = statuses.iterator();
            List<Map<String, AttributeValue>> page = new ArrayList<>();
            while (reading.hasNext()) {
                page.add(reading.next());
                if (page.size() < PAGE && reading.hasNext()) {
                    continue;
                }
                // on a hub, the accounts of a page's suppressing messages in one BatchGetItem
                Map<String, MemberAccount> suppressedBy =
                        hub
                                ? accounts.of(
                                        page.stream()
                                                .map(status -> Items.text(status, SUPPRESSED_BY))
                                                .toList())
                                : Map.of();
                Map<String, String> suppressingTenants =
                        tenant == null ? Map.of() : SuppressingTenants.of(target, page);
                for (Map<String, AttributeValue> status : page) {
                    if (tenant != null
                            && !tenant.equals(
                                    suppressingTenants.get(Items.text(status, ADDRESS)))) {
                        continue;
                    }
                    MemberAccount member =
                            hub
                                    ? MessageAccounts.suppressing(status, suppressedBy)
                                            .orElse(UNKNOWN_MEMBER)
                                    : null;
                    print(status, member, out);
                    if (hub) {
                        byMember.merge(member, 1L, Long::sum);
                    }
                    count++;
                }
                page.clear();
            }
        }
        if (format == SuppressedFormat.text) {
            out.println(
                    count
                            + " suppressed address(es) in the "
                            + target.description()
                            + (tenant == null ? "" : " from tenant " + tenant + "'s mail"));
            if (!byMember.isEmpty()) {
                out.println("By the member account whose feedback suppressed them first:");
                byMember.forEach(
                        (member, addresses) ->
                                out.printf("  %-40s %d%n", member.label(), addresses));
            }
        }
        return 0;
    }

    /** A suppression whose message item is gone (TTL, forget): its account is not known. */
    private static final MemberAccount UNKNOWN_MEMBER =
            new MemberAccount(
                    MemberAccount.NOT_GIVEN, MemberAccount.NOT_GIVEN, MemberAccount.NOT_GIVEN);

    /** Statuses looked up at once on a hub: one BatchGetItem's keys. */
    private static final int PAGE = 100;

    /** {@code member}: on a hub, the account whose feedback suppressed the address; else null. */
    private void print(Map<String, AttributeValue> status, MemberAccount member, PrintWriter out) {
        switch (format) {
            case csv -> {
                List<String> cells =
                        new ArrayList<>(
                                COLUMNS.stream()
                                        .map(
                                                column ->
                                                        COUNTERS.contains(column)
                                                                ? Long.toString(
                                                                        Items.number(
                                                                                status, column))
                                                                : Items.text(status, column))
                                        .toList());
                if (member != null) {
                    cells.addAll(member.cells());
                }
                out.println(Items.csv(cells));
            }
            case json -> {
                Map<String, AttributeValue> fields = jsonFields(status);
                if (member != null) {
                    List<String> values = member.cells();
                    for (int i = 0; i < values.size(); i++) {
                        if (!values.get(i).isEmpty()) {
                            fields.put(
                                    MemberAccount.ATTRIBUTES.get(i),
                                    AttributeValue.fromS(values.get(i)));
                        }
                    }
                }
                out.println(ItemJson.of(fields));
            }
            default ->
                    out.printf(
                            "%-40s %s  %s%s%n",
                            Items.text(status, ADDRESS),
                            Items.text(status, SUPPRESSED_AT),
                            member == null ? "" : member.label() + "  ",
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
