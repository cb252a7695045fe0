package io.sesfeedback.tools.operations;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.MemberAccount;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code status} on a hub printed: one row per member account and region as text, one JSON object,
 * or CSV (its cells made safe for spreadsheets by {@link Items#csv}).
 */
final class MemberTable {

    private static final String TEXT_ROW =
            "%-6s %-12s %-14s %-12s %-12s %-8s %-24s %8s %10s %9s  %s";

    private final PrintWriter out;

    MemberTable(PrintWriter out) {
        this.out = out;
    }

    void print(
            String hub,
            List<MemberStatus> rows,
            Instant since,
            Instant until,
            EnvironmentTable.Format format) {
        switch (format) {
            case json -> out.println(Json.write(json(hub, rows, since, until)));
            case csv -> {
                out.println(Items.csv(MemberStatus.CSV_COLUMNS));
                rows.forEach(row -> out.println(Items.csv(row.cells())));
            }
            default -> text(hub, rows, since, until);
        }
        out.flush();
    }

    private void text(String hub, List<MemberStatus> rows, Instant since, Instant until) {
        out.println(
                "Hub "
                        + hub
                        + ": "
                        + rows.size()
                        + " member account(s) and region(s) recorded; bounces, complaints and prevented sends"
                        + " (the address on SES's suppression list, neither) are the recipients"
                        + " recorded from "
                        + Timestamps.format(since)
                        + " to "
                        + Timestamps.format(until)
                        + ", each SES event once.");
        if (rows.isEmpty()) {
            out.println(
                    "Nothing recorded from a member yet: see docs/deploy.md for a member's setup.");
            return;
        }
        out.println(
                line(
                        "health",
                        "account",
                        "region",
                        "environment",
                        "enforcement",
                        "sending",
                        "status since",
                        "bounces",
                        "complaints",
                        "prevented",
                        "alarms in ALARM"));
        for (MemberStatus row : rows) {
            out.println(
                    line(
                            row.health().name(),
                            row.member().account(),
                            row.member().region(),
                            row.member().environment(),
                            row.enforcementStatus() == null
                                    ? MemberStatus.NOT_REPORTED
                                    : row.enforcementStatus(),
                            row.sendingEnabled() == null
                                    ? "-"
                                    : "true".equals(row.sendingEnabled()) ? "enabled" : "PAUSED",
                            row.statusAt() == null ? "-" : row.statusAt(),
                            row.bounces(),
                            row.complaints(),
                            row.prevented(),
                            row.alarmsInAlarm().isEmpty()
                                    ? "none"
                                    : String.join(", ", row.alarmsInAlarm())));
        }
        out.println(
                "Status: the latest account status each member's account watch forwarded; alarms: the member's alarms"
                        + " whose latest state change the hub recorded is ALARM.");
    }

    private static String line(Object... cells) {
        return String.format(Locale.ROOT, TEXT_ROW, cells).stripTrailing();
    }

    private static Map<String, Object> json(
            String hub, List<MemberStatus> rows, Instant since, Instant until) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hub", hub);
        json.put("since", Timestamps.format(since));
        json.put("until", Timestamps.format(until));
        json.put(
                "accounts",
                rows.stream()
                        .map(
                                row -> {
                                    Map<String, Object> entry = new LinkedHashMap<>();
                                    entry.put("health", row.health().name());
                                    entry.put(MemberAccount.ACCOUNT, row.member().account());
                                    entry.put(MemberAccount.REGION, row.member().region());
                                    entry.put(
                                            MemberAccount.ENVIRONMENT, row.member().environment());
                                    entry.put(
                                            MemberStatus.ENFORCEMENT_STATUS,
                                            row.enforcementStatus());
                                    entry.put(
                                            MemberStatus.SENDING_ENABLED,
                                            row.sendingEnabled() == null
                                                    ? null
                                                    : Boolean.valueOf(row.sendingEnabled()));
                                    entry.put("statusAt", row.statusAt());
                                    entry.put("bounces", row.bounces());
                                    entry.put("complaints", row.complaints());
                                    entry.put("prevented", row.prevented());
                                    entry.put("alarmsInAlarm", row.alarmsInAlarm());
                                    return entry;
                                })
                        .toList());
        return json;
    }
}
