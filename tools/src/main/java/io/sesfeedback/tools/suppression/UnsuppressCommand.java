package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.targets.Target;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "unsuppress",
        mixinStandardHelpOptions = true,
        description = {
            "Lifts one address's suppression, with a reason, and takes it off SES's account-level suppression list.",
            "Its counters and events stay (forget erases them); its history keeps who, when, why and what the"
                    + " suppression was; the change is published on the default event bus (Suppression Removed)."
        })
public final class UnsuppressCommand extends AddressChangeCommand {

    @Option(
            names = "--no-ses",
            description = "Leave SES's account-level suppression list as it is.")
    boolean noSes;

    @Override
    protected int run(Target target, PrintWriter out) {
        String key = key();
        SuppressionEvents events = SuppressionEvents.of(target);
        SuppressionChanges.Outcome outcome =
                changes(target, events).unsuppress(key, reason.strip(), CallerIdentity.of(target));
        if (outcome.changed()) {
            out.println(
                    "Unsuppressed "
                            + key
                            + " in the "
                            + target.description()
                            + ": "
                            + reason.strip());
            out.println("  was " + SuppressionChanges.describe(outcome.status()));
            out.println(
                    "  by "
                            + outcome.change().actor()
                            + ", change "
                            + outcome.change().changeId()
                            + "; counters and events kept; "
                            + published(events));
        } else {
            out.println(key + " is not suppressed in the " + target.description() + ".");
        }
        if (!noSes) {
            ForgetCommand.forgetOnSes(target, key, out);
        }
        return 0;
    }
}
