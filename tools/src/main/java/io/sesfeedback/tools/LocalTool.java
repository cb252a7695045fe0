package io.sesfeedback.tools;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A local tool's command (bin/replay, bin/load, bin/benchmark), hidden from the operator command's
 * help: --help prints the tool's usage text as it is, and a wrong command line is answered as the
 * tool always answered it: the problem in a line, the usage text, exit 2. A failure while it runs
 * is a stack trace and exit 1, as from a plain main.
 */
public abstract class LocalTool implements Callable<Integer> {

    static final String USAGE_SECTION = "tool-usage";

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "This usage text.")
    boolean help;

    @Spec protected CommandSpec spec;

    /**
     * The usage text, printed as it is, by --help on standard output and after a wrong command line
     * on standard error.
     */
    protected abstract String usage();

    /**
     * The line that says what is wrong with the command line: by default, as bin/benchmark has
     * always said it.
     */
    protected String problem(ParameterException e) {
        String option = optionWithoutValue(e);
        if (option != null) {
            return "Missing a value after " + option;
        }
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            return "Unknown option " + unmatched.getUnmatched().get(0);
        }
        return e.getMessage();
    }

    /** The option given last without its value; null for another problem. */
    protected static String optionWithoutValue(ParameterException e) {
        if (e instanceof MissingParameterException missing
                && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName();
        }
        return null;
    }

    /**
     * A wrong value, found while picocli sets an option: reported as this line, as a wrong command
     * line.
     */
    protected ParameterException wrong(String line) {
        return new ParameterException(spec.commandLine(), line);
    }

    /**
     * The value {@code check} returns; its IllegalArgumentException becomes a wrong command line,
     * said in its message.
     */
    protected <T> T checked(Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw wrong(e.getMessage());
        }
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * The tool's command line on its own, with the help and errors it has under the root: for
     * tests.
     */
    public static CommandLine commandLine(LocalTool tool) {
        CommandLine commandLine = new CommandLine(tool);
        ErrorReport errors = new ErrorReport();
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        useUsageText(commandLine);
        return commandLine;
    }

    /** --help prints the tool's usage text, and nothing of picocli's own. */
    static void useUsageText(CommandLine commandLine) {
        LocalTool tool = commandLine.getCommand();
        commandLine.setHelpSectionKeys(List.of(USAGE_SECTION));
        commandLine.getHelpSectionMap().put(USAGE_SECTION, help -> tool.usage());
    }

    /** The problem, the usage text, exit 2. */
    int usageError(ParameterException e) {
        PrintWriter err = e.getCommandLine().getErr();
        err.print(problem(e) + "\n" + usage());
        err.flush();
        return ErrorReport.USAGE;
    }
}
