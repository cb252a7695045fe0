package io.sesfeedback.tools.cost;

import java.util.ArrayList;
import java.util.List;

/** What one row of the report (a message type, or the floor recorder) used, over the sample. */
final class Tally {

    long messages;
    long snsPublishes;
    final MeteredDynamoDb.Units dynamo = new MeteredDynamoDb.Units();

    /** Bytes stored, table and indexes, with DynamoDB's 100 bytes an item in each. */
    long storedBytes;

    /**
     * Bytes stored times the days they are kept, table and indexes: divide by days a month for
     * byte-months.
     */
    double storedByteDays;

    /** Bytes in the table after a year of such months. */
    double storedAfterAYear;

    final LogMeter notificationLog = new LogMeter();
    final LogMeter functionLog = new LogMeter();
    final List<Long> durationsMicros = new ArrayList<>();

    /** Lambda bills each invocation's duration rounded up to the millisecond. */
    long billedMillis() {
        return durationsMicros.stream()
                .mapToLong(micros -> Math.max(1, (micros + 999) / 1000))
                .sum();
    }

    double medianMillis() {
        if (durationsMicros.isEmpty()) {
            return 0;
        }
        List<Long> sorted = durationsMicros.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) / 1000.0;
    }

    void add(Tally other) {
        messages += other.messages;
        snsPublishes += other.snsPublishes;
        dynamo.add(other.dynamo);
        storedBytes += other.storedBytes;
        storedByteDays += other.storedByteDays;
        storedAfterAYear += other.storedAfterAYear;
        durationsMicros.addAll(other.durationsMicros);
    }
}
