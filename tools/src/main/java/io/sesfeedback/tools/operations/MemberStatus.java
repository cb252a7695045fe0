package io.sesfeedback.tools.operations;

import static io.sesfeedback.store.FeedbackTable.ALARM_NAME;
import static io.sesfeedback.store.FeedbackTable.ALARM_STATE;
import static io.sesfeedback.store.FeedbackTable.DUPLICATE_OF;
import static io.sesfeedback.store.FeedbackTable.OCCURRED_AT;
import static io.sesfeedback.store.FeedbackTable.PREVENTED;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_COUNT;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.MemberAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One member account's row of {@code status} on a hub, from what its stack forwarded and the hub
 * recorded (the hub cannot call SES or CloudWatch in a member's account): the latest AccountStatus
 * message of the account and region (the account watch publishes a change only, so the latest is
 * the state now), the member's alarms whose latest recorded state change is ALARM, and the
 * recipients that bounced and complained in the window, and the sends SES prevented (the address on
 * its suppression list), which are neither.
 */
record MemberStatus(
        MemberAccount member,
        String enforcementStatus,
        String sendingEnabled,
        String statusAt,
        List<String> alarmsInAlarm,
        long bounces,
        long complaints,
        long prevented) {

    // The account watch's fields, as the recorder keeps them on an AccountStatus item
    static final String ENFORCEMENT_STATUS = "enforcementStatus";
    static final String SENDING_ENABLED = "sendingEnabled";

    /** What no AccountStatus message says: the member's account watch has not reported. */
    static final String NOT_REPORTED = "not reported";

    static final List<String> CSV_COLUMNS =
            List.of(
                    "health",
                    MemberAccount.ACCOUNT,
                    MemberAccount.REGION,
                    MemberAccount.ENVIRONMENT,
                    ENFORCEMENT_STATUS,
                    SENDING_ENABLED,
                    "statusAt",
                    "bounces",
                    "complaints",
                    "prevented",
                    "alarmsInAlarm");

    /**
     * Red: SES's enforcement status other than HEALTHY, or sending disabled. Amber: an alarm in
     * ALARM, or no account status recorded. Green otherwise.
     */
    EnvironmentRow.Health health() {
        if (enforcementStatus != null && !"HEALTHY".equals(enforcementStatus)
                || "false".equals(sendingEnabled)) {
            return EnvironmentRow.Health.RED;
        }
        if (enforcementStatus == null || !alarmsInAlarm.isEmpty()) {
            return EnvironmentRow.Health.AMBER;
        }
        return EnvironmentRow.Health.GREEN;
    }

    /**
     * Every member account and region the hub recorded an account status, an alarm or a bounce or
     * complaint from, in account order. Account statuses and alarms are read over the table's whole
     * retention, bounces and complaints over [since, until]; each from the table, as TypeShards
     * does not project the account (BatchGetItem after each index page).
     */
    static List<MemberStatus> read(FeedbackQueries queries, Instant since, Instant until) {
        Map<Key, Builder> rows = new TreeMap<>();
        try (Stream<Map<String, AttributeValue>> statuses =
                queries.messagesOfType(
                        MessageType.ACCOUNT_STATUS,
                        Instant.EPOCH,
                        until,
                        with(ENFORCEMENT_STATUS, SENDING_ENABLED, OCCURRED_AT))) {
            // oldest first: the last one read is the latest
            statuses.forEach(
                    item -> {
                        Builder row = row(rows, item);
                        row.enforcementStatus = Items.text(item, ENFORCEMENT_STATUS);
                        row.sendingEnabled = Items.text(item, SENDING_ENABLED);
                        row.statusAt = Items.text(item, OCCURRED_AT);
                    });
        }
        try (Stream<Map<String, AttributeValue>> alarms =
                queries.messagesOfType(
                        MessageType.ALARM, Instant.EPOCH, until, with(ALARM_NAME, ALARM_STATE))) {
            alarms.forEach(
                    item ->
                            row(rows, item)
                                    .alarmStates
                                    .put(
                                            Items.text(item, ALARM_NAME),
                                            Items.text(item, ALARM_STATE)));
        }
        for (MessageType type : List.of(MessageType.BOUNCE, MessageType.COMPLAINT)) {
            try (Stream<Map<String, AttributeValue>> messages =
                    queries.messagesOfType(
                            type, since, until, with(DUPLICATE_OF, RECIPIENT_COUNT, PREVENTED))) {
                messages.filter(item -> !item.containsKey(DUPLICATE_OF))
                        .forEach(
                                item -> {
                                    Builder row = row(rows, item);
                                    long recipients = Items.number(item, RECIPIENT_COUNT);
                                    // SES never tried these: not in its rates, not here
                                    if (item.containsKey(PREVENTED)) {
                                        row.prevented += recipients;
                                    } else if (type == MessageType.BOUNCE) {
                                        row.bounces += recipients;
                                    } else {
                                        row.complaints += recipients;
                                    }
                                });
            }
        }
        return rows.values().stream().map(Builder::build).toList();
    }

    /** An account in a region: a member's row (its environment is the latest item's). */
    private record Key(String account, String region) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byAccount = account.compareTo(other.account);
            return byAccount != 0 ? byAccount : region.compareTo(other.region);
        }
    }

    private static final class Builder {
        MemberAccount member;
        String enforcementStatus;
        String sendingEnabled;
        String statusAt;
        final Map<String, String> alarmStates = new TreeMap<>();
        long bounces;
        long complaints;
        long prevented;

        MemberStatus build() {
            List<String> inAlarm = new ArrayList<>();
            alarmStates.forEach(
                    (alarm, state) -> {
                        if ("ALARM".equals(state)) {
                            inAlarm.add(alarm);
                        }
                    });
            return new MemberStatus(
                    member,
                    enforcementStatus,
                    sendingEnabled,
                    statusAt,
                    List.copyOf(inAlarm),
                    bounces,
                    complaints,
                    prevented);
        }
    }

    private static Builder row(Map<Key, Builder> rows, Map<String, AttributeValue> item) {
        MemberAccount member = MemberAccount.of(item);
        Builder row =
                rows.computeIfAbsent(
                        new Key(member.account(), member.region()), key -> new Builder());
        if (row.member == null || !MemberAccount.NOT_GIVEN.equals(member.environment())) {
            row.member = member;
        }
        return row;
    }

    private static List<String> with(String... attributes) {
        return Stream.concat(Stream.of(attributes), MemberAccount.ATTRIBUTES.stream()).toList();
    }

    /** The cells of {@link #CSV_COLUMNS}, empty where nothing was recorded. */
    List<String> cells() {
        List<String> cells = new ArrayList<>();
        cells.add(health().name());
        cells.addAll(member.cells());
        cells.add(enforcementStatus == null ? "" : enforcementStatus);
        cells.add(sendingEnabled == null ? "" : sendingEnabled);
        cells.add(statusAt == null ? "" : statusAt);
        cells.add(Long.toString(bounces));
        cells.add(Long.toString(complaints));
        cells.add(Long.toString(prevented));
        cells.add(String.join(";", alarmsInAlarm));
        return cells;
    }
}
