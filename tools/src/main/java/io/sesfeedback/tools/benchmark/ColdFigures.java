package io.sesfeedback.tools.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One workload's cold path over its processes, in milliseconds: JVM start to main, init and the
 * first message with their steps (as {@link ColdStart} timed them), and init + first message.
 */
record ColdFigures(
        Spread startToMainMs,
        Spread initMs,
        Map<String, Spread> initStepsMs,
        Spread firstMessageMs,
        Map<String, Spread> firstMessageStepsMs,
        Spread totalMs) {

    static ColdFigures of(List<Map<String, String>> runs) {
        return new ColdFigures(
                spread(runs, run -> Double.parseDouble(run.get("startToMainMillis"))),
                spread(runs, run -> millis(run, "init.")),
                steps(runs, "init."),
                spread(runs, run -> millis(run, "first.")),
                steps(runs, "first."),
                spread(runs, run -> millis(run, "init.") + millis(run, "first.")));
    }

    /** The processes' peak resident sets, in MB. */
    static Spread peakRssMb(List<Map<String, String>> runs) {
        return spread(runs, run -> Double.parseDouble(run.get("peakRssKb")) / 1024);
    }

    private static Map<String, Spread> steps(List<Map<String, String>> runs, String phase) {
        Map<String, Spread> steps = new LinkedHashMap<>();
        runs.get(0).keySet().stream()
                .filter(key -> key.startsWith(phase))
                .forEach(
                        key ->
                                steps.put(
                                        key.substring(phase.length()),
                                        spread(runs, run -> Long.parseLong(run.get(key)) / 1e6)));
        return steps;
    }

    /** A phase's steps added up. */
    private static double millis(Map<String, String> run, String phase) {
        return run.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(phase))
                        .mapToLong(e -> Long.parseLong(e.getValue()))
                        .sum()
                / 1e6;
    }

    private static Spread spread(
            List<Map<String, String>> runs, ToDoubleFunction<Map<String, String>> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).toList());
    }
}
