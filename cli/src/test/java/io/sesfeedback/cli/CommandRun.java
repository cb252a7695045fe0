package io.sesfeedback.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import picocli.CommandLine;

/** One run of bin/ses-feedback in this JVM: its exit code, standard output and standard error. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        return of(new Targets(), args);
    }

    static CommandRun of(Targets targets, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(targets, out, err, args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** Runs with standard output going to {@code out}, for outputs too large to keep. */
    static int execute(Targets targets, Writer out, StringWriter err, String... args) {
        CommandLine commandLine = SesFeedback.commandLine(targets);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /** Standard output with the columns' spacing reduced to one space, to compare lines whatever the widths. */
    List<String> outLinesSpaced() {
        return out.lines().map(line -> line.strip().replaceAll("\\s+", " ")).toList();
    }
}
