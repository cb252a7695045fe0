package io.sesfeedback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.cli.Cli.Run;
import java.util.stream.Stream;

/** The error contract: a non-zero exit and exactly one line on stderr; the stack trace only with --debug. */
final class ErrorLines {

    private static final String STACK_FRAME = "\tat ";

    private ErrorLines() {
    }

    /** Runs the command twice, without and with --debug; returns the first run. */
    static Run assertOneLine(Targets targets, int exit, String line, String... args) {
        Run run = Cli.run(targets, args);
        assertOneLine(run, exit, line);

        Run debug = Cli.run(targets, Stream.concat(Stream.of(args), Stream.of("--debug")).toArray(String[]::new));
        assertThat(debug.exit()).as(debug.err()).isEqualTo(exit);
        assertThat(debug.errLines().get(0)).isEqualTo(line);
        assertThat(debug.err()).contains(STACK_FRAME);
        return run;
    }

    static void assertOneLine(Run run, int exit, String line) {
        assertThat(run.exit()).as(run.err()).isEqualTo(exit);
        assertThat(run.errLines()).containsExactly(line);
        assertThat(run.out()).doesNotContain(STACK_FRAME);
    }
}
