package io.sesfeedback.tools.targets;

import io.sesfeedback.tools.SesFeedback;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that works on one {@link Target}, opened from its options and closed when it is
 * done.
 */
public abstract class TargetCommand implements Callable<Integer> {

    @Mixin protected TargetOptions targetOptions;

    @ParentCommand SesFeedback root;

    @Spec protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        EveryEnvironment every = everyEnvironment();
        if (every != null && every.asked()) {
            PrintWriter out = spec.commandLine().getOut();
            int exit = runEveryEnvironment(every, root.awsClients(), out);
            out.flush();
            return exit;
        }
        try (Target target = Target.open(root.awsClients(), targetOptions)) {
            PrintWriter out = spec.commandLine().getOut();
            int exit = run(target, out);
            out.flush();
            return exit;
        }
    }

    /**
     * Before the target opens: a command that needs more than the target's options throws a
     * UserError here.
     */
    protected void checkOptions() {}

    protected abstract int run(Target target, PrintWriter out) throws Exception;

    /** The --all options of a command that reads every environment; null for the others. */
    protected EveryEnvironment everyEnvironment() {
        return null;
    }

    /** With --all: the command on every environment of samconfig.toml, instead of one target. */
    protected int runEveryEnvironment(EveryEnvironment every, AwsClients aws, PrintWriter out) {
        throw new UnsupportedOperationException("--all");
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
