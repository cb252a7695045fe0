package io.sesfeedback.tools.load;

import static io.sesfeedback.store.FeedbackTable.PK;
import static io.sesfeedback.store.FeedbackTable.SK;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED;

import io.sesfeedback.notification.StatusChange.Counter;
import io.sesfeedback.store.FeedbackTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a feedback table holds, or should hold, in a form to compare: its message items and, per
 * address, how many items of each kind and the status item's counters. The key layout is spelled
 * out here instead of read from FeedbackTable, so that a load run checks it too.
 */
final class TableTally {

    /** What is counted per address. */
    enum Count {
        EVENTS("recipient events"),
        /** Written by versions before 2026-12 only: a run of today's recorder expects none. */
        CLAIMS("claims"),
        STATUSES("status items"),
        PERMANENT_BOUNCES(Counter.PERMANENT_BOUNCES.attribute()),
        TRANSIENT_BOUNCES(Counter.TRANSIENT_BOUNCES.attribute()),
        UNDETERMINED_BOUNCES(Counter.UNDETERMINED_BOUNCES.attribute()),
        COMPLAINTS(Counter.COMPLAINTS.attribute()),
        SUPPRESSED(FeedbackTable.SUPPRESSED);

        final String label;

        Count(String label) {
            this.label = label;
        }
    }

    private static final List<Count> COUNTERS =
            List.of(
                    Count.PERMANENT_BOUNCES,
                    Count.TRANSIENT_BOUNCES,
                    Count.UNDETERMINED_BOUNCES,
                    Count.COMPLAINTS);

    private final Set<String> messages = new HashSet<>();
    private final Map<String, int[]> addresses = new TreeMap<>();
    private final List<String> otherItems = new ArrayList<>();

    /** The items of a table, read with one Scan. */
    static TableTally scan(DynamoDbClient dynamo, String tableName) {
        TableTally tally = new TableTally();
        dynamo.scanPaginator(request -> request.tableName(tableName))
                .items()
                .forEach(tally::addItem);
        return tally;
    }

    void message(String snsMessageId) {
        messages.add(snsMessageId);
    }

    void add(String address, Count count, int n) {
        addresses.computeIfAbsent(address, a -> new int[Count.values().length])[count.ordinal()] +=
                n;
    }

    int messages() {
        return messages.size();
    }

    int total(Count count) {
        return addresses.values().stream().mapToInt(counts -> counts[count.ordinal()]).sum();
    }

    int otherItems() {
        return otherItems.size();
    }

    /**
     * Where this tally differs from the expected one, message by message and address by address.
     */
    List<String> differencesFrom(TableTally expected) {
        List<String> differences = new ArrayList<>();
        new TreeSet<>(expected.messages)
                .stream()
                        .filter(id -> !messages.contains(id))
                        .forEach(id -> differences.add("message " + id + ": missing"));
        new TreeSet<>(messages)
                .stream()
                        .filter(id -> !expected.messages.contains(id))
                        .forEach(id -> differences.add("message " + id + ": not expected"));
        Set<String> all = new TreeSet<>(expected.addresses.keySet());
        all.addAll(addresses.keySet());
        for (String address : all) {
            int[] want = expected.counts(address);
            int[] got = counts(address);
            List<String> wrong =
                    Arrays.stream(Count.values())
                            .filter(c -> want[c.ordinal()] != got[c.ordinal()])
                            .map(
                                    c ->
                                            c.label
                                                    + " "
                                                    + got[c.ordinal()]
                                                    + " (expected "
                                                    + want[c.ordinal()]
                                                    + ")")
                            .toList();
            if (!wrong.isEmpty()) {
                differences.add(address + ": " + String.join(", ", wrong));
            }
        }
        otherItems.forEach(key -> differences.add("item of no known kind: " + key));
        return differences;
    }

    private int[] counts(String address) {
        return addresses.getOrDefault(address, new int[Count.values().length]);
    }

    private void addItem(Map<String, AttributeValue> item) {
        String pk = item.get(PK).s();
        String sk = item.get(SK).s();
        if (pk.startsWith("MESSAGE#") && sk.equals("MESSAGE")) {
            message(pk.substring("MESSAGE#".length()));
        } else if (pk.startsWith("RECIPIENT#") && sk.startsWith("EVENT#")) {
            add(pk.substring("RECIPIENT#".length()), Count.EVENTS, 1);
        } else if (pk.startsWith("RECIPIENT#") && sk.startsWith("FEEDBACK#")) {
            add(pk.substring("RECIPIENT#".length()), Count.CLAIMS, 1);
        } else if (pk.startsWith("RECIPIENT#") && sk.equals("STATUS")) {
            addStatus(pk.substring("RECIPIENT#".length()), item);
        } else {
            otherItems.add(pk + " " + sk);
        }
    }

    /** Counters absent from the item are 0; {@code suppressed} absent is false. */
    private void addStatus(String address, Map<String, AttributeValue> item) {
        add(address, Count.STATUSES, 1);
        for (Count counter : COUNTERS) {
            AttributeValue value = item.get(counter.label);
            add(address, counter, value == null ? 0 : Integer.parseInt(value.n()));
        }
        AttributeValue suppressed = item.get(SUPPRESSED);
        add(
                address,
                Count.SUPPRESSED,
                suppressed != null && Boolean.TRUE.equals(suppressed.bool()) ? 1 : 0);
    }
}
