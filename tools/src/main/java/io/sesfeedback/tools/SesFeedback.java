package io.sesfeedback.tools;

import io.sesfeedback.tools.benchmark.BenchmarkCommand;
import io.sesfeedback.tools.check.CheckCommand;
import io.sesfeedback.tools.cost.CostCommand;
import io.sesfeedback.tools.incident.IncidentCommand;
import io.sesfeedback.tools.load.LoadRun;
import io.sesfeedback.tools.localstore.ReplayCommand;
import io.sesfeedback.tools.operations.BackfillCommand;
import io.sesfeedback.tools.operations.RedriveCommand;
import io.sesfeedback.tools.operations.ResumeCommand;
import io.sesfeedback.tools.operations.StatusCommand;
import io.sesfeedback.tools.reports.ExportCommand;
import io.sesfeedback.tools.reports.HistoryCommand;
import io.sesfeedback.tools.reports.MessageCommand;
import io.sesfeedback.tools.reports.ReportCommand;
import io.sesfeedback.tools.suppression.ForgetCommand;
import io.sesfeedback.tools.suppression.ImportCommand;
import io.sesfeedback.tools.suppression.SesSuppressionCommand;
import io.sesfeedback.tools.suppression.SuppressCommand;
import io.sesfeedback.tools.suppression.SuppressedCommand;
import io.sesfeedback.tools.suppression.UnsuppressCommand;
import io.sesfeedback.tools.targets.AwsClients;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/ses-feedback}: what the recorder stored, for operators, on the local store or a
 * deployed environment; the one root command of the tools, whose hidden subcommands are the local
 * tools ({@code bin/replay}, {@code bin/load}, {@code bin/benchmark}).
 */
@Command(
        name = "ses-feedback",
        mixinStandardHelpOptions = true,
        version = "ses-feedback 1.0.0",
        description =
                "The account's standing with SES, resuming what the circuit breaker paused, and reports on, exports,"
                        + " redrives and forgets what the ses-feedback"
                        + " recorder stored: on the local store that bin/replay fills (the default), or on a deployed environment"
                        + " (--env dev|stg|prod, or --stack NAME).",
        subcommands = {
            ReportCommand.class,
            SuppressedCommand.class,
            SuppressCommand.class,
            UnsuppressCommand.class,
            ImportCommand.class,
            HistoryCommand.class,
            MessageCommand.class,
            ExportCommand.class,
            RedriveCommand.class,
            ForgetCommand.class,
            SesSuppressionCommand.class,
            StatusCommand.class,
            BackfillCommand.class,
            IncidentCommand.class,
            ResumeCommand.class,
            CheckCommand.class,
            CommandLine.HelpCommand.class,
            // the local tools, hidden here: bin/replay, bin/load and bin/benchmark are their
            // command lines
            ReplayCommand.class,
            LoadRun.class,
            BenchmarkCommand.class,
            CostCommand.class
        })
public final class SesFeedback implements Runnable {

    private final AwsClients awsClients;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public SesFeedback(AwsClients awsClients) {
        this.awsClients = awsClients;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new AwsClients()).execute(args));
    }

    /**
     * The command line with its error handling: one line and a non-zero exit, a stack trace only
     * with --debug.
     */
    public static CommandLine commandLine(AwsClients awsClients) {
        CommandLine commandLine = new CommandLine(new SesFeedback(awsClients));
        commandLine.setExecutionExceptionHandler(new ErrorReport());
        commandLine.setParameterExceptionHandler(new ErrorReport());
        commandLine.getSubcommands().values().stream()
                .filter(sub -> sub.getCommand() instanceof LocalTool)
                .forEach(LocalTool::useUsageText);
        return commandLine;
    }

    /** What the subcommands build their AWS clients with. */
    public AwsClients awsClients() {
        return awsClients;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
