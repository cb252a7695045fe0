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

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
