package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;

@Command(
        name = "suppress",
        mixinStandardHelpOptions = true,
        description = {
            "Suppresses one address by hand, with a reason: no later delivery or bounce lifts it (only unsuppress does).",
            "Its history (bin/ses-feedback history) keeps who (the caller's AWS identity), when and why; the change is"
                    + " published on the default event bus (Suppression Added). An address suppressed already keeps its"
                    + " first reason."
        })
public final class SuppressCommand extends AddressChangeCommand {

    @Override
    protected int run(Target target, PrintWriter out) {
        String key = key();
        SuppressionEvents events = SuppressionEvents.of(target);
        SuppressionChanges.Outcome outcome =
                changes(target, events)
                        .suppress(
                                key,
                                reason.strip(),
                                "manual",
                                CallerIdentity.of(target),
                                Clock.systemUTC().instant());
        if (!outcome.changed()) {
            out.println(
                    key
                            + " is suppressed already since "
                            + Items.text(outcome.status(), SUPPRESSED_AT)
                            + ": "
                            + Items.text(outcome.status(), SUPPRESSION_REASON)
                            + " (its first reason stays).");
            return 0;
        }
        out.println(
                "Suppressed " + key + " in the " + target.description() + ": " + reason.strip());
        out.println(
                "  by "
                        + outcome.change().actor()
                        + ", change "
                        + outcome.change().changeId()
                        + "; "
                        + published(events));
        return 0;
    }
}
