package io.sesfeedback.tools.benchmark;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The main of a child JVM that plays one warm Lambda execution environment: init, WARMUP messages
 * untimed, then MESSAGES timed one by one. {@code WarmPath handler EVENTS_FILE WARMUP MESSAGES}
 * (the file holds at least WARMUP + MESSAGES events) or {@code WarmPath floor KEY_PREFIX WARMUP
 * MESSAGES}. Prints one line for the driver: {@code result latenciesMicros=…,… elapsedMicros=…}.
 */
public final class WarmPath {

    private WarmPath() {}

    public static void main(String[] args) throws Exception {
        Workload workload = Workload.of(args[0], args[1]);
        int warmup = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        Phases untimed = new Phases("untimed");
        workload.init(untimed);
        for (int i = 0; i < warmup; i++) {
            workload.invoke(i, untimed);
        }
        long[] micros = new long[messages];
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long before = System.nanoTime();
            workload.invoke(warmup + i, untimed);
            micros[i] = (System.nanoTime() - before) / 1000;
        }
        long elapsedMicros = (System.nanoTime() - start) / 1000;
        System.out.println(
                "result latenciesMicros="
                        + Arrays.stream(micros)
                                .mapToObj(Long::toString)
                                .collect(Collectors.joining(","))
                        + " elapsedMicros="
                        + elapsedMicros);
    }
}
