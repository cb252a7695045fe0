package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.tools.Since;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "What happened in a time window: messages by type, bounces, complaints, the domains that bounced"
                    + " and complained most, the share of hard bounces and the busiest senders.",
            "For the operator an alarm email just woke. Each SES event counts once: cross-format copies"
                    + " (duplicateOf) are skipped and counted apart. Reads the TypeShards index (16 Queries at once per"
                    + " message type, what it projects only), never a Scan."
        })
public final class ReportCommand extends TargetCommand {

    /** How many domains and senders the report lists. */
    static final int TOP = 10;

    public static final String BOUNCE_RATE_NOTE =
            "SES puts an account under review at a 5% bounce rate, counted against sends."
                    + " This report sees bounces only: this is a share of bounces, not the bounce rate (see Reputation.BounceRate).";

    /** How the report is printed. */
    enum ReportFormat {
        text,
        json
    }

    @Option(
            names = "--since",
            converter = Since.class,
            defaultValue = "24h",
            paramLabel = "24h|7d|DATE",
            description =
                    "Start of the window: 30m, 24h, 7d or 2w ago, a UTC date or an ISO instant (default: ${DEFAULT-VALUE}).")
    Instant since;

    @Option(
            names = "--until",
            converter = Since.class,
            paramLabel = "24h|7d|DATE",
            description = "End of the window, in the same forms as --since (default: now).")
    Instant until;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            description = "text (to read) or json (one JSON object) (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Override
    protected int run(Target target, PrintWriter out) {
        MessageWindow window =
                MessageWindow.of(
                        target, since, until != null ? until : Instant.now(), spec.commandLine());
        ReportTally tally = new ReportTally();
        for (MessageType type : MessageType.values()) {
            for (Map<String, AttributeValue> item : window.items(type, ReportTally.ATTRIBUTES)) {
                tally.add(type, item);
            }
        }
        if (format == ReportFormat.json) {
            out.println(Json.write(ReportJson.of(window, tally)));
        } else {
            new ReportText(out).print(window, tally);
        }
        return 0;
    }
}
