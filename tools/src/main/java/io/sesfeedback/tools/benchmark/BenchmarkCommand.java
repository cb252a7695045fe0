package io.sesfeedback.tools.benchmark;

import io.sesfeedback.tools.LocalTool;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bin/benchmark's command line: its options ({@link BenchmarkOptions}), then the run ({@link
 * WireBenchmark}).
 */
@Command(
        name = "benchmark",
        hidden = true,
        description = "bin/benchmark: the recorder against the wire, as Lambda runs it.")
public final class BenchmarkCommand extends LocalTool {

    private int processes = 9;
    private int messages = 1000;
    private int warmup = 300;
    private Path event = Path.of("events/ses-bounce-permanent.json");
    private Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    @Option(names = "--processes", paramLabel = "N")
    void processes(String value) {
        processes = checked(() -> BenchmarkOptions.positive("--processes", value));
    }

    @Option(names = "--messages", paramLabel = "N")
    void messages(String value) {
        messages = checked(() -> BenchmarkOptions.positive("--messages", value));
    }

    @Option(names = "--warmup", paramLabel = "N")
    void warmup(String value) {
        warmup = checked(() -> BenchmarkOptions.positive("--warmup", value));
    }

    @Option(names = "--event", paramLabel = "FILE")
    void event(String value) {
        event = checked(() -> BenchmarkOptions.file("--event", value));
    }

    @Option(names = "--java", paramLabel = "PATH")
    void java(String value) {
        java = checked(() -> BenchmarkOptions.file("--java", value));
    }

    @Override
    protected String usage() {
        return BenchmarkOptions.USAGE;
    }

    @Override
    public Integer call() throws Exception {
        WireBenchmark.run(new BenchmarkOptions(processes, messages, warmup, event, java));
        return 0;
    }
}
