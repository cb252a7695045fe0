package io.sesfeedback.tools.reports;

import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.SNS_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.TENANT;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.tools.items.Items;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A report's figures per SES tenant (the {@code tenant} the recorder keeps from {@code
 * mail.tags["ses:tenant-name"]}), and the report of one tenant ({@code --tenant}). SES documents
 * the tag on bounces and complaints only, so without {@code --tenant} only those are read with
 * their tenant: TypeShards does not project it, so their message items are read from the table
 * (BatchGetItem, as a hub's report reads the member account), the other types from the index. A
 * copy held by an identity notification (no tags) takes the tenant its configuration-set copy
 * names.
 */
final class TenantTallies {

    static final String NO_TENANT = "(no tenant)";

    /** The types SES documents the tenant tag on. */
    static final Set<MessageType> TAGGED = Set.of(MessageType.BOUNCE, MessageType.COMPLAINT);

    static final List<String> CSV_COLUMNS =
            List.of(
                    TENANT,
                    "bounceMessages",
                    "bouncedRecipients",
                    "permanentBouncedRecipients",
                    "preventedMessages",
                    "preventedRecipients",
                    "complaintMessages",
                    "complainedRecipients");

    private static final String ROW = "  %-36s %9s %9s %9s %10s";

    final ReportTally all = new ReportTally();
    final Map<String, ReportTally> byTenant = new TreeMap<>();

    /** The window counted, type by type; with {@code tenant} named, only that tenant's messages. */
    static TenantTallies of(MessageWindow window, String tenant) {
        TenantTallies tallies = new TenantTallies();
        for (MessageType type : MessageType.values()) {
            if (tenant == null && !TAGGED.contains(type)) {
                window.items(type, ReportTally.attributes(type))
                        .forEach(item -> tallies.all.add(type, item));
                continue;
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            window.items(type, ReportTally.WITH_TENANT).forEach(items::add);
            Map<String, String> namedByCopies = namedByCopies(items);
            for (Map<String, AttributeValue> item : items) {
                String named = Items.text(item, TENANT);
                if (named.isEmpty()) {
                    named = namedByCopies.getOrDefault(Items.text(item, SNS_MESSAGE_ID), "");
                }
                if (tenant != null && !tenant.equals(named)) {
                    continue;
                }
                tallies.all.add(type, item);
                tallies.byTenant
                        .computeIfAbsent(
                                named.isEmpty() ? NO_TENANT : named, t -> new ReportTally())
                        .add(type, item);
            }
        }
        return tallies;
    }

    /** The tenant a cross-format copy names, by the SNS message that holds its event. */
    private static Map<String, String> namedByCopies(List<Map<String, AttributeValue>> items) {
        Map<String, String> named = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String tenant = Items.text(item, TENANT);
            if (item.containsKey(DUPLICATE_OF) && !tenant.isEmpty()) {
                named.putIfAbsent(Items.text(item, DUPLICATE_OF), tenant);
            }
        }
        return named;
    }

    /** Whether the window holds more than one tenant (no tenant being one). */
    boolean several() {
        return byTenant.size() > 1;
    }

    void printText(PrintWriter out) {
        out.println();
        out.println(
                line(
                        "%-38s %9s %9s %9s %10s",
                        "By tenant", "bounced", "permanent", "prevented", "complained"));
        byTenant.forEach(
                (tenant, tally) ->
                        out.println(
                                line(
                                        ROW,
                                        tenant,
                                        tally.bounces.recipients,
                                        tally.permanentRecipients(),
                                        tally.prevented.recipients,
                                        tally.complaints.recipients)));
        out.println(
                "  recipients of bounces and complaints, the types SES tags with their tenant;"
                        + " prevented sends are not bounces.");
    }

    /** Each tenant's bounce and complaint counts, for the report's JSON {@code byTenant}. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> tenants = new ArrayList<>();
        byTenant.forEach(
                (tenant, tally) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put(TENANT, tenant);
                    entry.put("bounces", ReportJson.counts(tally.bounces));
                    entry.put("permanentRecipients", tally.permanentRecipients());
                    entry.put("prevented", ReportJson.counts(tally.prevented));
                    entry.put("complaints", ReportJson.counts(tally.complaints));
                    tenants.add(entry);
                });
        return tenants;
    }

    /** A header row, then one row per tenant. */
    void printCsv(PrintWriter out) {
        out.println(Items.csv(CSV_COLUMNS));
        byTenant.forEach(
                (tenant, tally) -> {
                    List<String> cells = new ArrayList<>(List.of(tenant));
                    Stream.of(
                                    tally.bounces.messages,
                                    tally.bounces.recipients,
                                    tally.permanentRecipients(),
                                    tally.prevented.messages,
                                    tally.prevented.recipients,
                                    tally.complaints.messages,
                                    tally.complaints.recipients)
                            .map(String::valueOf)
                            .forEach(cells::add);
                    out.println(Items.csv(cells));
                });
    }

    private static String line(String format, Object... values) {
        return String.format(Locale.ROOT, format, values).stripTrailing();
    }
}
