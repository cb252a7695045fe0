package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_AT;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSION_REASON;

import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.targets.Target;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sesv2.SesV2Client;

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

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "On behalf of this SES tenant: ses-suppression --tenant puts the address on the list that applies"
                            + " to its mail, and suppressed --tenant lists it. The tenant is read from SES first.")
    String tenant;

    @Override
    protected int run(Target target, PrintWriter out) {
        String key = key();
        if (tenant != null) {
            // an unknown tenant stops the command before the table changes
            TenantList.of(target, target.client(SesV2Client.builder(), "sesv2"), tenant);
        }
        SuppressionEvents events = SuppressionEvents.of(target);
        SuppressionChanges.Outcome outcome =
                changes(target, events)
                        .suppress(
                                key,
                                reason.strip(),
                                "manual",
                                CallerIdentity.of(target),
                                Clock.systemUTC().instant(),
                                tenant);
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
                "Suppressed "
                        + key
                        + " in the "
                        + target.description()
                        + (tenant == null ? "" : " for tenant " + tenant)
                        + ": "
                        + reason.strip());
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
