package io.sesfeedback.local.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

/** bin/benchmark's options. */
record BenchmarkOptions(int processes, int messages, int warmup, Path event, Path java) {

    static final String USAGE = """
            Usage: bin/benchmark [--processes N] [--messages N] [--warmup N] [--event FILE] [--java PATH] [--help]
              --processes N  fresh JVMs on the cold path, for the handler and as many for the floor (default 9)
              --messages N   messages timed on the warm path, in one JVM each (default 1000)
              --warmup N     messages before those, untimed (default 300)
              --event FILE   the SNS event every message copies, with fresh ids
                             (default events/ses-bounce-permanent.json)
              --java PATH    the java command of the child JVMs (default: the one running the benchmark)
            """;

    static BenchmarkOptions parse(String[] args) {
        int processes = 9;
        int messages = 1000;
        int warmup = 300;
        Path event = Path.of("events/ses-bounce-permanent.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Missing a value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--processes" -> processes = positive(option, value);
                case "--messages" -> messages = positive(option, value);
                case "--warmup" -> warmup = positive(option, value);
                case "--event" -> event = file(option, value);
                case "--java" -> java = file(option, value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new BenchmarkOptions(processes, messages, warmup, event, java);
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number above 0, not " + value);
    }

    private static Path file(String option, String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + ": no such file " + value);
        }
        return path;
    }
}
