package io.sesfeedback.tools.cost;

import io.sesfeedback.tools.targets.RecorderFunction;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * bin/benchmark --cost's table: per message type, the recorder beside the floor recorder and SES's
 * price.
 */
final class CostReport {

    static final String STATUS_ROW = "status items";
    private static final String ROW = "  %-22s %10s %10s %9s %9s %9s %9s %9s %9s %8s %8s %7s %9s%n";

    private final CostOptions options;
    private final RecorderFunction function;
    private final int logRetentionDays;
    private final Map<String, Tally> rows;
    private final Map<String, Tally> floorRows;
    private final int metrics;
    private final List<CostBenchmark.LargeBounce> large;
    private final double scale;

    CostReport(
            CostOptions options,
            RecorderFunction function,
            int logRetentionDays,
            Map<String, Tally> rows,
            Map<String, Tally> floorRows,
            int metrics,
            List<CostBenchmark.LargeBounce> large) {
        this.options = options;
        this.function = function;
        this.logRetentionDays = logRetentionDays;
        this.rows = rows;
        this.floorRows = floorRows;
        this.metrics = metrics;
        this.large = large;
        this.scale = 1e6 / options.sample();
    }

    void print(PrintStream out) {
        out.printf(
                "Cost of recording mail (bin/benchmark --cost): %,d mails replayed, scaled to a million%n",
                options.sample());
        out.printf(
                "Mix: %d recipient(s) a mail%s; bounces %s (90%% permanent), complaints %s, deliveries published %s, "
                        + "sends %s, opens %s, clicks %s, both formats %s%n",
                options.recipients(),
                options.addresses() == CostOptions.FRESH_ADDRESSES
                        ? ""
                        : String.format(", from %,d addresses in turn", options.addresses()),
                percent(options.bounces()),
                percent(options.complaints()),
                percent(options.deliveries()),
                percent(options.sends()),
                percent(options.opens()),
                percent(options.clicks()),
                percent(options.bothFormats()));
        out.printf(
                "Template: %s; LogRetentionDays %d; %d MB %s%n",
                retention(), logRetentionDays, function.memoryMb(), function.architecture());
        out.printf(
                "Prices: %s on demand, as of %s (free tiers left out)%n%n",
                Prices.REGION, Prices.AS_OF);
        out.printf(
                ROW,
                "per million mails",
                "messages",
                "write RU",
                "read RU",
                "table",
                "logs in",
                "logs",
                "Lambda",
                "DynamoDB",
                "Logs",
                "Lambda",
                "SNS",
                "total");
        out.printf(
                ROW, "", "", "", "", "GB-month", "GB", "GB-month", "GB-s", "$", "$", "$", "$", "$");
        Bill recorder = section(out, rows, "recorder");
        Bill floor = section(out, floorRows, "floor recorder");
        double ses = options.recipients() * 1e6 / 1000 * Prices.SES_PER_THOUSAND_EMAILS;
        double fixed = metrics * Prices.METRIC_PER_MONTH;
        double fixedPerMillion = fixed / (options.mailsPerMonth() / 1e6);
        out.println();
        out.printf(
                "  recorder / floor recorder          %.2fx%n",
                recorder.dollars() / floor.dollars());
        out.printf(
                "  SES's price to send them           $%.2f (%,d emails at $%.2f per 1,000): recorder %.2f%%, floor %.2f%%%n",
                ses,
                options.recipients() * 1_000_000,
                Prices.SES_PER_THOUSAND_EMAILS,
                100 * recorder.dollars() / ses,
                100 * floor.dollars() / ses);
        out.printf(
                "  and each month, whatever the volume: %d EMF metrics at $%.2f = $%.2f; at %,d mails a month $%.2f per million mails,"
                        + " recorder and metrics %.2f%% of SES%n",
                metrics,
                Prices.METRIC_PER_MONTH,
                fixed,
                options.mailsPerMonth(),
                fixedPerMillion,
                100 * (recorder.dollars() + fixedPerMillion) / ses);
        out.println();
        out.println(
                "  per message, by type        write RU recorder / floor   warm duration in this JVM, ms (median) recorder / floor");
        for (Map.Entry<String, Tally> row : rows.entrySet()) {
            Tally ours = row.getValue();
            Tally theirs = floorRows.get(row.getKey());
            if (ours.messages == 0 || theirs == null) {
                continue;
            }
            out.printf(
                    "  %-27s %8.2f / %-8.2f             %6.2f / %-6.2f%n",
                    row.getKey(),
                    ours.dynamo.writes / ours.messages,
                    theirs.dynamo.writes / theirs.messages,
                    ours.medianMillis(),
                    theirs.medianMillis());
        }
        out.println();
        out.println(
                "  a permanent bounce naming N recipients   write RU   stored bytes   log bytes   $ a bounce   $ a recipient");
        for (CostBenchmark.LargeBounce bounce : large) {
            Bill bill = Bill.of(bounce.tally(), 1, function.memoryMb(), logRetentionDays);
            Tally tally = bounce.tally();
            out.printf(
                    "  %-40d %8.0f   %12.0f   %9d   %10.7f   %11.7f%n",
                    bounce.recipients(),
                    tally.dynamo.writes,
                    (double) tally.storedBytes,
                    tally.notificationLog.ingested() + tally.functionLog.ingested(),
                    bill.dollars(),
                    bill.dollars() / bounce.recipients());
        }
        out.println();
        out.printf(
                "  after a year of such months (a million mails each): table %.2f GB (floor recorder %.2f GB); "
                        + "logs %.2f GB stored compressed (floor %.2f GB)%n",
                afterAYear(rows),
                afterAYear(floorRows),
                logsAfterAYear(rows),
                logsAfterAYear(floorRows));
    }

    /** The rows and their total; the total is returned. */
    private Bill section(PrintStream out, Map<String, Tally> tallies, String name) {
        Bill total = new Bill(0, 0, 0, 0, 0, 0, 0, 0);
        for (Map.Entry<String, Tally> row : tallies.entrySet()) {
            Bill bill = Bill.of(row.getValue(), scale, function.memoryMb(), logRetentionDays);
            print(out, "  " + row.getKey(), bill);
            total = total.plus(bill);
        }
        print(out, name + " total", total);
        return total;
    }

    private static void print(PrintStream out, String name, Bill bill) {
        out.printf(
                ROW,
                name,
                whole(bill.messages()),
                whole(bill.writeUnits()),
                whole(bill.readUnits()),
                decimal(bill.tableGbMonths()),
                decimal(bill.logGbIngested()),
                decimal(bill.logGbMonths()),
                decimal(bill.lambdaGbSeconds()),
                dollars(bill.dynamoDollars()),
                dollars(bill.logDollars()),
                dollars(bill.lambdaDollars()),
                dollars(bill.snsDollars()),
                dollars(bill.dollars()));
    }

    private double afterAYear(Map<String, Tally> tallies) {
        return tallies.values().stream().mapToDouble(t -> t.storedAfterAYear).sum()
                * scale
                / Prices.GB;
    }

    private double logsAfterAYear(Map<String, Tally> tallies) {
        double monthly =
                tallies.values().stream()
                                .mapToDouble(
                                        t -> t.notificationLog.stored() + t.functionLog.stored())
                                .sum()
                        * scale
                        / Prices.GB;
        return monthly * Math.min(logRetentionDays, 365) / Prices.DAYS_PER_MONTH;
    }

    private String retention() {
        Map<String, String> env = function.variables();
        return "RecordRetentionDays "
                + env.get("RECORD_RETENTION_DAYS")
                + ", DeliveryRetentionDays "
                + env.get("DELIVERY_RETENTION_DAYS")
                + ", StoreDeliveryBodies "
                + env.get("STORE_DELIVERY_BODIES");
    }

    private static String percent(double share) {
        return String.format("%.4g%%", share * 100).replaceAll("\\.?0+%$", "%");
    }

    private static String whole(double value) {
        return String.format("%,.0f", value);
    }

    private static String decimal(double value) {
        return String.format("%.3f", value);
    }

    private static String dollars(double value) {
        return String.format("%.3f", value);
    }
}
