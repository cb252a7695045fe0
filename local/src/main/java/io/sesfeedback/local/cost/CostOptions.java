package io.sesfeedback.local.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * bin/benchmark --cost's options: a month of mail, by default a transactional sender's with the template's default
 * configuration-set events (bounces, complaints, deliveries; no sends, opens or clicks).
 */
record CostOptions(long mailsPerMonth, int sample, int recipients, int addresses, double bounces, double complaints,
                   double deliveries, double sends, double opens, double clicks, double bothFormats,
                   Map<String, String> variables) {

    /** {@link #addresses()} when every recipient is an address of its own. */
    static final int FRESH_ADDRESSES = 0;

    static final String USAGE = """
            Usage: bin/benchmark --cost|--key-heat [--mails N] [--sample N] [--recipients N] [--addresses N] [--bounces SHARE]
                                        [--complaints SHARE] [--deliveries SHARE] [--sends SHARE] [--opens SHARE]
                                        [--clicks SHARE] [--both-formats SHARE] [--VARIABLE VALUE] [--help]
              --mails N            mails sent a month (default 1000000): what the fixed monthly costs are shared by
              --sample N           mails replayed through the recorder, scaled up to the month (default 10000)
              --recipients N       recipients per mail (default 1)
              --addresses N        recipients taken in turn from N addresses, as a load test mails the same ones again
                                   (default: every recipient a new address)
              --bounces SHARE      share of recipients that bounce, of which 90% permanent (default 0.02)
              --complaints SHARE   share of recipients that complain (default 0.0005)
              --deliveries SHARE   share of delivered recipients whose delivery is published (default 1)
              --sends SHARE        share of mails whose send is published (default 0)
              --opens SHARE        share of mails opened, each open published (default 0)
              --clicks SHARE       share of mails clicked (default 0)
              --both-formats SHARE share of bounces, complaints and deliveries published in both formats (default 0)
              --RECORD_RETENTION_DAYS N, --DELIVERY_RETENTION_DAYS N, --STORE_DELIVERY_BODIES Enabled|Disabled
                                   the function's variable instead of the template parameter's default
            --key-heat replays the same sample and prints, per table and index, the write units each partition-key
            value took and each message type's ceiling (notifications/s before one key value passes 1,000 units/s)
            """;

    static CostOptions parse(String[] args) {
        long mails = 1_000_000;
        int sample = 10_000;
        int recipients = 1;
        int addresses = FRESH_ADDRESSES;
        double bounces = 0.02;
        double complaints = 0.0005;
        double deliveries = 1;
        double sends = 0;
        double opens = 0;
        double clicks = 0;
        double bothFormats = 0;
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Missing a value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--mails" -> mails = whole(option, value);
                case "--sample" -> sample = (int) whole(option, value);
                case "--recipients" -> recipients = (int) whole(option, value);
                case "--addresses" -> addresses = (int) whole(option, value);
                case "--bounces" -> bounces = share(option, value);
                case "--complaints" -> complaints = share(option, value);
                case "--deliveries" -> deliveries = share(option, value);
                case "--sends" -> sends = share(option, value);
                case "--opens" -> opens = share(option, value);
                case "--clicks" -> clicks = share(option, value);
                case "--both-formats" -> bothFormats = share(option, value);
                case "--RECORD_RETENTION_DAYS", "--DELIVERY_RETENTION_DAYS", "--STORE_DELIVERY_BODIES" ->
                        variables.put(option.substring(2), value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (bounces + complaints > 1) {
            throw new IllegalArgumentException("--bounces and --complaints add up to more than 1");
        }
        if (addresses != FRESH_ADDRESSES && addresses < recipients) {
            throw new IllegalArgumentException("--addresses must be at least --recipients, so that a mail names each address once");
        }
        return new CostOptions(mails, sample, recipients, addresses, bounces, complaints, deliveries, sends, opens, clicks, bothFormats, variables);
    }

    private static long whole(String option, String value) {
        try {
            long number = Long.parseLong(value);
            if (number > 0 && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number above 0, not " + value);
    }

    private static double share(String option, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a share from 0 to 1, not " + value);
    }
}
