package io.sesfeedback.tools.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's figures, section by section: printed as a table, and as one JSON object with the
 * same names.
 */
record Report(Setup setup, Cold cold, Primed primed, Warm warm, Footprint footprint) {

    record Setup(
            String handler,
            String runtime,
            String architecture,
            int memoryMb,
            String event,
            String childJava,
            String machine,
            List<String> jvmFlags,
            String services,
            String loadAverageBefore,
            String loadAverageAfter) {}

    record Cold(int processes, ColdFigures handler, ColdFigures floor, Ratios handlerToFloor) {

        static Cold of(int processes, ColdFigures handler, ColdFigures floor) {
            return new Cold(
                    processes,
                    handler,
                    floor,
                    new Ratios(
                            ratio(handler.initMs().median(), floor.initMs().median()),
                            ratio(
                                    handler.firstMessageMs().median(),
                                    floor.firstMessageMs().median()),
                            ratio(handler.totalMs().median(), floor.totalMs().median())));
        }
    }

    /**
     * What a SnapStart container pays: the hooks run before and after the snapshot, then its first
     * message.
     */
    record Primed(int processes, ColdFigures handler, Spread classesLoadedByFirstMessage) {}

    /** Of the medians. */
    record Ratios(double init, double firstMessage, double total) {}

    record Warm(
            int warmup,
            int messages,
            WarmFigures handler,
            WarmFigures floor,
            double handlerToFloorP50) {

        static Warm of(int warmup, int messages, WarmFigures handler, WarmFigures floor) {
            return new Warm(
                    warmup, messages, handler, floor, ratio(handler.p50Ms(), floor.p50Ms()));
        }
    }

    /** What the child classpath holds besides the artifact, and why. */
    record Addition(String path, long bytes, String why) {}

    record Footprint(
            Spread handlerPeakRssMb,
            Spread floorPeakRssMb,
            double artifactMb,
            int artifactJars,
            double classesMb,
            List<Addition> childClasspathAdditions) {}

    void print(PrintStream out) {
        out.printf(
                "Wire benchmark of %s (template.yaml: %s, %s, %d MB)%n",
                setup.handler(), setup.runtime(), setup.architecture(), setup.memoryMb());
        out.printf(
                "Lambda JVMs: java %s on %s, %s%n",
                setup.childJava(), setup.machine(), String.join(" ", setup.jvmFlags()));
        out.printf(
                "Services: %s. Every message a copy of %s with fresh ids.%n",
                setup.services(), setup.event());
        out.printf(
                "Load average (1, 5, 15 min): %s before, %s after.%n%n",
                setup.loadAverageBefore(), setup.loadAverageAfter());

        ColdFigures handler = cold.handler();
        ColdFigures floor = cold.floor();
        row(
                out,
                "Cold path: median (min-max) of " + cold.processes() + " JVMs",
                "handler",
                "floor",
                "handler/floor");
        row(out, "  JVM start to main", ms(handler.startToMainMs()), ms(floor.startToMainMs()), "");
        row(
                out,
                "  init",
                ms(handler.initMs()),
                ms(floor.initMs()),
                times(cold.handlerToFloor().init()));
        steps(out, handler.initStepsMs(), floor.initStepsMs());
        row(
                out,
                "  first message",
                ms(handler.firstMessageMs()),
                ms(floor.firstMessageMs()),
                times(cold.handlerToFloor().firstMessage()));
        steps(out, handler.firstMessageStepsMs(), floor.firstMessageStepsMs());
        row(
                out,
                "  init + first message",
                ms(handler.totalMs()),
                ms(floor.totalMs()),
                times(cold.handlerToFloor().total()));

        out.println();
        row(out, "Primed path (SnapStart): median of " + primed.processes(), "handler", "", "");
        steps(out, primed.handler().initStepsMs(), Map.of());
        row(out, "  first message after restore", ms(primed.handler().firstMessageMs()), "", "");
        Spread classes = primed.classesLoadedByFirstMessage();
        row(
                out,
                "  classes its first message loads",
                String.format("%.0f (%.0f-%.0f)", classes.median(), classes.min(), classes.max()),
                "",
                "");

        out.println();
        row(
                out,
                "Warm path: " + warm.messages() + " messages after " + warm.warmup(),
                "handler",
                "floor",
                "handler/floor");
        row(
                out,
                "  p50",
                String.format("%.2f ms", warm.handler().p50Ms()),
                String.format("%.2f ms", warm.floor().p50Ms()),
                times(warm.handlerToFloorP50()));
        row(
                out,
                "  p99",
                String.format("%.2f ms", warm.handler().p99Ms()),
                String.format("%.2f ms", warm.floor().p99Ms()),
                "");
        row(
                out,
                "  messages per second",
                String.format("%.0f", warm.handler().messagesPerSecond()),
                String.format("%.0f", warm.floor().messagesPerSecond()),
                "");

        out.println();
        row(out, "Footprint", "handler", "floor", "");
        row(
                out,
                "  peak RSS of a cold JVM (VmHWM)",
                mb(footprint.handlerPeakRssMb()),
                mb(footprint.floorPeakRssMb()),
                "");
        out.printf(
                "  Lambda artifact: %.1f MB, %d jars + target/classes (%.1f MB)%n",
                footprint.artifactMb(), footprint.artifactJars(), footprint.classesMb());
        for (Addition addition : footprint.childClasspathAdditions()) {
            out.printf(
                    "  child classpath adds %s (%,d KB): %s%n",
                    addition.path(), addition.bytes() / 1024, addition.why());
        }
    }

    String json() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(
            PrintStream out, String label, String handler, String floor, String ratio) {
        out.println(
                String.format("%-40s %-22s %-22s %s", label, handler, floor, ratio)
                        .stripTrailing());
    }

    /** Each workload's own steps, under the row of their phase. */
    private static void steps(
            PrintStream out, Map<String, Spread> handler, Map<String, Spread> floor) {
        handler.forEach((step, spread) -> row(out, "    " + step, ms(spread), "", ""));
        floor.forEach((step, spread) -> row(out, "    " + step, "", ms(spread), ""));
    }

    private static String ms(Spread spread) {
        return String.format("%.0f ms (%.0f-%.0f)", spread.median(), spread.min(), spread.max());
    }

    private static String mb(Spread spread) {
        return String.format("%.0f MB (%.0f-%.0f)", spread.median(), spread.min(), spread.max());
    }

    private static String times(double ratio) {
        return String.format("%.2fx", ratio);
    }

    private static double ratio(double handler, double floor) {
        return Math.round(handler / floor * 100) / 100.0;
    }
}
