package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.Target;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "unsuppress",
        mixinStandardHelpOptions = true,
        description = {
            "Lifts one address's suppression, with a reason, and takes it off SES's account-level suppression list and"
                    + " off the own list of each tenant its feedback names whose suppression scope is TENANT.",
            "Its counters and events stay (forget erases them); its history keeps who, when, why and what the"
                    + " suppression was; the change is published on the default event bus (Suppression Removed)."
        })
public final class UnsuppressCommand extends AddressChangeCommand {

    @Option(
            names = "--no-ses",
            description = "Leave SES's account-level suppression list as it is.")
    boolean noSes;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Only the SES suppression list that applies to this tenant's mail (its own when its scope is"
                            + " TENANT, else the account's; the stack's configuration set's scope overrides).")
    String tenant;

    @Override
    protected void checkOptions() {
        super.checkOptions();
        if (tenant != null && noSes) {
            throw new UserError(
                    "--tenant names the SES list to take the address off: not with --no-ses");
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        String key = key();
        OffSesLists lists = noSes ? null : new OffSesLists(target, tenant);
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
        if (lists != null) {
            lists.takeOff(key, target.queries().history(key), out);
        }
        return 0;
    }
}
