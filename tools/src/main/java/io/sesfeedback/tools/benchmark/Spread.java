package io.sesfeedback.tools.benchmark;

import java.util.List;

/**
 * Median and range of one figure over several processes (nearest-rank median), rounded to a tenth.
 */
record Spread(double median, double min, double max) {

    static Spread of(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return new Spread(
                tenth(percentile(sorted, 50)),
                tenth(sorted.get(0)),
                tenth(sorted.get(sorted.size() - 1)));
    }

    /**
     * Nearest rank: the smallest value with at least {@code percent}% of the values at or below it.
     */
    static double percentile(List<Double> sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    static double tenth(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
