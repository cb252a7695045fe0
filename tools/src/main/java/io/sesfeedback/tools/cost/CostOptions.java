package io.sesfeedback.tools.cost;

import java.util.Map;

/**
 * bin/benchmark --cost's options: a month of mail, by default a transactional sender's with the
 * template's default configuration-set events (bounces, complaints, deliveries; no sends, opens or
 * clicks).
 */
record CostOptions(
        long mailsPerMonth,
        int sample,
        int recipients,
        int addresses,
        double bounces,
        double complaints,
        double deliveries,
        double sends,
        double opens,
        double clicks,
        double bothFormats,
        Map<String, String> variables) {

    /** {@link #addresses()} when every recipient is an address of its own. */
    static final int FRESH_ADDRESSES = 0;

    static final String USAGE =
            """
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

    /**
     * The options in {@code args}; a wrong one is an IllegalArgumentException saying what is wrong.
     */
    static CostOptions parse(String[] args) {
        return CostCommand.parse(args);
    }

    static long whole(String option, String value) {
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

    static double share(String option, String value) {
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
