package io.sesfeedback.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/ses-feedback}: what the recorder stored, for operators, on the local store or a deployed environment. */
@Command(name = "ses-feedback", mixinStandardHelpOptions = true, version = "ses-feedback 1.0.0",
        description = "The account's standing with SES, resuming what the circuit breaker paused, and reports on, exports,"
                + " redrives and forgets what the ses-feedback"
                + " recorder stored: on the local store that bin/replay fills (the default), or on a deployed environment"
                + " (--env dev|stg|prod, or --stack NAME).",
        subcommands = {ReportCommand.class, SuppressedCommand.class, HistoryCommand.class, MessageCommand.class,
            ExportCommand.class, RedriveCommand.class, ForgetCommand.class, SesSuppressionCommand.class, StatusCommand.class, BackfillCommand.class,
            IncidentCommand.class, ResumeCommand.class, CheckCommand.class,
            CommandLine.HelpCommand.class})
public final class SesFeedback implements Runnable {

    private final Targets targets;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public SesFeedback(Targets targets) {
        this.targets = targets;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Targets()).execute(args));
    }

    /** The command line with its error handling: one line and a non-zero exit, a stack trace only with --debug. */
    public static CommandLine commandLine(Targets targets) {
        CommandLine commandLine = new CommandLine(new SesFeedback(targets));
        commandLine.setExecutionExceptionHandler(new ErrorReport());
        commandLine.setParameterExceptionHandler(new ErrorReport());
        return commandLine;
    }

    Targets targets() {
        return targets;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
