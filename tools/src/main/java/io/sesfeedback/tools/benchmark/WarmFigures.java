package io.sesfeedback.tools.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One workload's warm path, from a {@link WarmPath} result: latency percentiles and messages per
 * second.
 */
record WarmFigures(double p50Ms, double p99Ms, double messagesPerSecond) {

    static WarmFigures of(Map<String, String> result) {
        List<Double> sorted =
                Arrays.stream(result.get("latenciesMicros").split(","))
                        .map(micros -> Long.parseLong(micros) / 1000.0)
                        .sorted()
                        .toList();
        double seconds = Long.parseLong(result.get("elapsedMicros")) / 1e6;
        return new WarmFigures(
                Math.round(Spread.percentile(sorted, 50) * 100) / 100.0,
                Math.round(Spread.percentile(sorted, 99) * 100) / 100.0,
                Spread.tenth(sorted.size() / seconds));
    }
}
