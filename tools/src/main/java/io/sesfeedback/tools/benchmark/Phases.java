package io.sesfeedback.tools.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nanoseconds spent in the steps of one phase of a child JVM (init, first message), each step timed
 * from the end of the one before. No lambdas or string concatenation here: their first use starts
 * the JDK's invokedynamic machinery, which must be paid for by the code under measurement, not by
 * the measuring.
 */
final class Phases {

    private final String name;
    private final Map<String, Long> steps = new LinkedHashMap<>();
    private long since = System.nanoTime();

    Phases(String name) {
        this.name = name;
    }

    /** Ends a step now; the next one starts now. A step ended more than once adds up. */
    void end(String step) {
        long now = System.nanoTime();
        Long before = steps.get(step);
        steps.put(step, before == null ? now - since : before + now - since);
        since = now;
    }

    /** The form the benchmark's driver reads: {@code init.constructor=123 init.serializer=456}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> step : steps.entrySet()) {
            text.append(text.length() == 0 ? "" : " ")
                    .append(name)
                    .append('.')
                    .append(step.getKey())
                    .append('=')
                    .append(step.getValue());
        }
        return text.toString();
    }
}
