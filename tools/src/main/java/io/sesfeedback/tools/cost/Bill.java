package io.sesfeedback.tools.cost;

/**
 * What a row costs, scaled from the sample by {@code scale}: quantities and dollars at {@link
 * Prices}. Storage is billed for the whole time the row's items and log lines are kept, so that a
 * month's mail carries its own storage.
 */
record Bill(
        double messages,
        double writeUnits,
        double readUnits,
        double tableGbMonths,
        double logGbIngested,
        double logGbMonths,
        double lambdaGbSeconds,
        double snsPublishes) {

    static Bill of(Tally tally, double scale, int memoryMb, int logRetentionDays) {
        double logBytes = tally.notificationLog.ingested() + tally.functionLog.ingested();
        double logStored = tally.notificationLog.stored() + tally.functionLog.stored();
        return new Bill(
                tally.messages * scale,
                tally.dynamo.writes * scale,
                tally.dynamo.reads * scale,
                tally.storedByteDays / Prices.DAYS_PER_MONTH / Prices.GB * scale,
                logBytes / Prices.GB * scale,
                logStored * logRetentionDays / Prices.DAYS_PER_MONTH / Prices.GB * scale,
                tally.billedMillis() / 1000.0 * memoryMb / 1024.0 * scale,
                tally.snsPublishes * scale);
    }

    Bill plus(Bill other) {
        return new Bill(
                messages + other.messages,
                writeUnits + other.writeUnits,
                readUnits + other.readUnits,
                tableGbMonths + other.tableGbMonths,
                logGbIngested + other.logGbIngested,
                logGbMonths + other.logGbMonths,
                lambdaGbSeconds + other.lambdaGbSeconds,
                snsPublishes + other.snsPublishes);
    }

    double dynamoDollars() {
        return writeUnits / 1e6 * Prices.DYNAMODB_PER_MILLION_WRITE_UNITS
                + readUnits / 1e6 * Prices.DYNAMODB_PER_MILLION_READ_UNITS
                + tableGbMonths * Prices.DYNAMODB_PER_GB_MONTH;
    }

    double logDollars() {
        return logGbIngested * Prices.LOGS_PER_GB_INGESTED
                + logGbMonths * Prices.LOGS_PER_GB_MONTH_STORED;
    }

    double lambdaDollars() {
        return messages / 1e6 * Prices.LAMBDA_PER_MILLION_REQUESTS
                + lambdaGbSeconds * Prices.LAMBDA_ARM_PER_GB_SECOND;
    }

    double snsDollars() {
        return snsPublishes / 1e6 * Prices.SNS_PER_MILLION_PUBLISHES;
    }

    double dollars() {
        return dynamoDollars() + logDollars() + lambdaDollars() + snsDollars();
    }
}
