package io.sesfeedback.tools.benchmark;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.tools.targets.RecorderFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * bin/benchmark: the recorder against the wire, as Lambda runs it. Starts moto's DynamoDB and a
 * moto server on loopback, then child JVMs with the Lambda Java runtime's flags, on the Lambda
 * artifact's classpath, each running either the handler or the bare-SDK floor: first the warm path
 * (one JVM each), which also warms the emulators and the file cache, then the cold path (fresh
 * JVMs, handler and floor in turn). Prints a table, then the same figures as one JSON line, also
 * written to target/benchmark.json. Progress goes to stderr.
 */
public final class WireBenchmark {

    private static final Path WORK = Path.of("target", "benchmark");

    private WireBenchmark() {}

    /** The run, with the options given: a table, then the same figures as one JSON line. */
    static void run(BenchmarkOptions options) throws Exception {
        String loadBefore = loadAverage();
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));
        Artifact artifact =
                Artifact.read(
                        Path.of("target", "classes"),
                        Path.of(System.getProperty("benchmark.artifactClasspath")));
        Path runtimeJar = Path.of(System.getProperty("benchmark.runtimeJar"));
        Report report;
        try (Emulators emulators = Emulators.start(template)) {
            RecorderFunction function =
                    RecorderFunction.load(template, Emulators.STACK, emulators.resourceNames());
            LambdaJvm jvm =
                    LambdaJvm.prepare(
                            options.java(),
                            artifact,
                            runtimeJar,
                            function,
                            emulators.endpoints(),
                            WORK);
            EventCopies events = new EventCopies(options.event());
            Report.Warm warm = warmPath(jvm, events, options);
            List<Map<String, String>> handlerRuns = new ArrayList<>();
            List<Map<String, String>> floorRuns = new ArrayList<>();
            coldPath(jvm, events, options.processes(), handlerRuns, floorRuns);
            Report.Primed primed = primedPath(jvm, events, options.processes());
            report =
                    new Report(
                            setup(
                                    function,
                                    jvm,
                                    options,
                                    handlerRuns.get(0).get("java"),
                                    loadBefore),
                            Report.Cold.of(
                                    options.processes(),
                                    ColdFigures.of(handlerRuns),
                                    ColdFigures.of(floorRuns)),
                            primed,
                            warm,
                            footprint(jvm, handlerRuns, floorRuns));
        }
        report.print(System.out);
        String json = report.json();
        Files.writeString(Path.of("target", "benchmark.json"), json + System.lineSeparator());
        System.out.println(json);
    }

    /**
     * The emulators warm up too (moto imports its DynamoDB code on the first request): an untimed
     * handler run first, so that neither timed run pays for it. Then handler and floor, one JVM
     * each.
     */
    private static Report.Warm warmPath(LambdaJvm jvm, EventCopies events, BenchmarkOptions options)
            throws IOException, InterruptedException {
        int warmup = options.warmup();
        int messages = options.messages();
        progress("Warm path: warming the emulators, %d messages, untimed", warmup + messages);
        jvm.warm(
                "handler",
                events.write(
                                WORK.resolve("events/emulators.jsonl"),
                                "emulators-",
                                warmup + messages)
                        .toString(),
                warmup + messages - 1,
                1);
        progress("Warm path: the handler, %d + %d messages in one JVM", warmup, messages);
        Path copies = events.write(WORK.resolve("events/warm.jsonl"), "warm-", warmup + messages);
        WarmFigures handler =
                WarmFigures.of(jvm.warm("handler", copies.toString(), warmup, messages));
        progress("Warm path: the floor, %d + %d messages in one JVM", warmup, messages);
        WarmFigures floor = WarmFigures.of(jvm.warm("floor", "warm-", warmup, messages));
        return Report.Warm.of(warmup, messages, handler, floor);
    }

    /**
     * Handler and floor in turn, each going first every other time, so that neither always follows
     * the other.
     */
    private static void coldPath(
            LambdaJvm jvm,
            EventCopies events,
            int processes,
            List<Map<String, String>> handlerRuns,
            List<Map<String, String>> floorRuns)
            throws IOException, InterruptedException {
        for (int n = 1; n <= processes; n++) {
            String ids = "cold-" + n + "-";
            String copy =
                    events.write(WORK.resolve("events/cold-" + n + ".jsonl"), ids, 1).toString();
            if (n % 2 == 1) {
                handlerRuns.add(jvm.cold("handler", copy));
                floorRuns.add(jvm.cold("floor", ids));
            } else {
                floorRuns.add(jvm.cold("floor", ids));
                handlerRuns.add(jvm.cold("handler", copy));
            }
            progress(
                    "Cold path %d/%d: init + first message, handler %.0f ms, floor %.0f ms",
                    n,
                    processes,
                    ColdFigures.of(handlerRuns.subList(n - 1, n)).totalMs().median(),
                    ColdFigures.of(floorRuns.subList(n - 1, n)).totalMs().median());
        }
    }

    private static Report.Primed primedPath(LambdaJvm jvm, EventCopies events, int processes)
            throws IOException, InterruptedException {
        List<Map<String, String>> runs = new ArrayList<>();
        for (int n = 1; n <= processes; n++) {
            Path copy =
                    events.write(
                            WORK.resolve("events/primed-" + n + ".jsonl"), "primed-" + n + "-", 1);
            runs.add(jvm.primed(copy.toString()));
            progress(
                    "Primed path %d/%d: first message after the hooks %.0f ms, %s classes loaded",
                    n,
                    processes,
                    ColdFigures.of(runs.subList(n - 1, n)).firstMessageMs().median(),
                    runs.get(n - 1).get("classesLoaded"));
        }
        return new Report.Primed(
                processes,
                ColdFigures.of(runs),
                Spread.of(
                        runs.stream()
                                .map(run -> Double.parseDouble(run.get("classesLoaded")))
                                .toList()));
    }

    private static Report.Setup setup(
            RecorderFunction function,
            LambdaJvm jvm,
            BenchmarkOptions options,
            String childJava,
            String loadBefore)
            throws IOException {
        return new Report.Setup(
                function.handler(),
                function.runtime(),
                function.architecture(),
                function.memoryMb(),
                options.event().toString(),
                childJava,
                System.getProperty("os.arch")
                        + " with "
                        + Runtime.getRuntime().availableProcessors()
                        + " CPUs",
                jvm.flags(),
                "moto's DynamoDB and a moto server (CloudWatch Logs), on loopback",
                loadBefore,
                loadAverage());
    }

    private static Report.Footprint footprint(
            LambdaJvm jvm,
            List<Map<String, String>> handlerRuns,
            List<Map<String, String>> floorRuns) {
        Artifact artifact = jvm.artifact();
        return new Report.Footprint(
                ColdFigures.peakRssMb(handlerRuns),
                ColdFigures.peakRssMb(floorRuns),
                mb(artifact.bytes()),
                artifact.jars().size(),
                mb(Artifact.bytes(artifact.classes())),
                List.of(
                        new Report.Addition(
                                jvm.runtimeJar().toString(),
                                Artifact.bytes(jvm.runtimeJar()),
                                "the Lambda Java runtime's own, for the event's deserialisation; not in the artifact"),
                        new Report.Addition(
                                jvm.driverClasses().toString(),
                                Artifact.bytes(jvm.driverClasses()),
                                "the classes that drive a child: "
                                        + LambdaJvm.DRIVER_CLASSES.stream()
                                                .map(Class::getSimpleName)
                                                .collect(Collectors.joining(", ")))));
    }

    private static double mb(long bytes) {
        return Spread.tenth(bytes / 1048576.0);
    }

    /** Other people's work on this machine shows here, and in the figures. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return String.join(" ", fields[0], fields[1], fields[2]);
    }

    private static void progress(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
