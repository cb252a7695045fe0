package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.items.Addresses;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.time.Clock;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** suppress and unsuppress: one address, a reason, and the changes they make on the target. */
abstract class AddressChangeCommand extends TargetCommand {

    @Parameters(
            paramLabel = "ADDRESS",
            description = "The address, in any spelling: normalised as the recorder does.")
    String address;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why: kept in its history and its event.")
    String reason;

    @Override
    protected void checkOptions() {
        Addresses.key(address);
        if (reason.isBlank()) {
            throw new UserError("--reason is empty: say why");
        }
    }

    /** The address as the recorder keys it. */
    String key() {
        return Addresses.key(address);
    }

    static SuppressionChanges changes(Target target, SuppressionEvents events) {
        return new SuppressionChanges(target.dynamo(), target.table(), events, Clock.systemUTC());
    }

    static String published(SuppressionEvents events) {
        return events.publishes()
                ? "published on the default event bus"
                : "not published (the local store has no event bus)";
    }
}
