package io.sesfeedback.cli;

import io.sesfeedback.local.ItemJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every recorded event for one address, newest first, with its status and diagnostic code."
                + " Any spelling of the address works: it is normalised as the recorder does.")
final class HistoryCommand extends TargetCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The address, in any spelling (Jane.Doe@Example.COM, \"Jane\" <jane.doe@example.com>).")
    String address;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one JSON object per line: the status, then each event).")
    HistoryFormat format;

    enum HistoryFormat { text, json }

    @Override
    int run(Target target, PrintWriter out) {
        String key = Addresses.key(address);
        Optional<Map<String, AttributeValue>> status = target.queries().status(key);
        List<Map<String, AttributeValue>> events = target.queries().history(key);
        if (format == HistoryFormat.json) {
            status.ifPresent(item -> out.println(ItemJson.of(item)));
            events.forEach(item -> out.println(ItemJson.of(item)));
            return 0;
        }
        out.println(key);
        out.println(status.map(HistoryCommand::describe).orElse("  status: no bounce or complaint recorded"));
        if (events.isEmpty()) {
            out.println("  no events recorded (" + target.description() + ")");
        }
        for (Map<String, AttributeValue> event : events) {
            StringBuilder line = new StringBuilder("  ").append(Items.text(event, "occurredAt"))
                    .append("  ").append(String.format("%-16s", Items.text(event, "messageType")));
            for (String detail : new String[] {"bounceType", "bounceSubType", "complaintFeedbackType", "status"}) {
                if (event.containsKey(detail)) {
                    line.append("  ").append(Items.text(event, detail));
                }
            }
            if (event.containsKey("diagnosticCode")) {
                line.append("  ").append(Items.text(event, "diagnosticCode"));
            }
            line.append("  sns ").append(Items.text(event, "snsMessageId"));
            out.println(line);
        }
        return 0;
    }

    private static String describe(Map<String, AttributeValue> status) {
        String counters = "permanentBounces %d, transientBounces %d, undeterminedBounces %d, complaints %d".formatted(
                Items.number(status, "permanentBounces"), Items.number(status, "transientBounces"),
                Items.number(status, "undeterminedBounces"), Items.number(status, "complaints"));
        if (status.containsKey("suppressed")) {
            return "  status: SUPPRESSED since " + Items.text(status, "suppressedAt") + ": "
                    + Items.text(status, "suppressionReason") + "\n  " + counters;
        }
        return "  status: not suppressed\n  " + counters;
    }
}
