package io.sesfeedback.tools.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * bin/benchmark's options, and the usage text that says them ({@link BenchmarkCommand} reads them).
 */
record BenchmarkOptions(int processes, int messages, int warmup, Path event, Path java) {

    static final String USAGE =
            """
            Usage: bin/benchmark [--processes N] [--messages N] [--warmup N] [--event FILE] [--java PATH] [--help]
              --processes N  fresh JVMs on the cold path, for the handler and as many for the floor (default 9)
              --messages N   messages timed on the warm path, in one JVM each (default 1000)
              --warmup N     messages before those, untimed (default 300)
              --event FILE   the SNS event every message copies, with fresh ids
                             (default events/ses-bounce-permanent.json)
              --java PATH    the java command of the child JVMs (default: the one running the benchmark)
            """;

    static int positive(String option, String value) {
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

    static Path file(String option, String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + ": no such file " + value);
        }
        return path;
    }
}
