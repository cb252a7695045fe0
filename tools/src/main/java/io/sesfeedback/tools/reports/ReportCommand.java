package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.tools.Since;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.operations.EnvironmentRow;
import io.sesfeedback.tools.operations.EnvironmentTable;
import io.sesfeedback.tools.targets.AwsClients;
import io.sesfeedback.tools.targets.EveryEnvironment;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                    + " message type), never a Scan; bounces and complaints then from the table (BatchGetItem) for their"
                    + " tenant. Prevented sends (bounces SES never tried to deliver, the address on its suppression list)"
                    + " are shown apart and left out of the bounce figures, as SES leaves them out of its bounce rate.",
            "--all: one row per environment of samconfig.toml, each read with its own profile and region, as status"
                    + " --all shows it, its bounces and complaints the recipients recorded in the window.",
            "On a hub (the stack's StackMode output): the organisation's report, then the same counts per member"
                    + " account (account, region, environment); json adds byAccount, csv is one row per account. A hub reads"
                    + " the message items from the table (BatchGetItem), as TypeShards does not project the account."
        })
public final class ReportCommand extends TargetCommand {

    /** How many domains and senders the report lists. */
    static final int TOP = 10;

    public static final String BOUNCE_RATE_NOTE =
            "SES puts an account under review at a 5% bounce rate, counted against sends."
                    + " This report sees bounces only: this is a share of bounces, not the bounce rate (see Reputation.BounceRate).";

    // "Amazon SES doesn't count the messages that you send to addresses on the account-level
    // suppression list toward the bounce rate for your account."
    // https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html
    public static final String PREVENTED_NOTE =
            "SES never tried to deliver these (bounceSubType OnAccountSuppressionList or OnTenantSuppressionList,"
                    + " complaintSubType OnAccountSuppressionList) and leaves them out of its bounce rate: they are"
                    + " not in the bounce and complaint figures above.";

    /** How the report is printed. */
    enum ReportFormat {
        text,
        json,
        csv
    }

    @Mixin EveryEnvironment every;

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
            paramLabel = "text|json|csv",
            description =
                    "text (to read), json (one JSON object), or csv: one row per environment with --all, per member"
                            + " account on a hub, else per tenant (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Only the messages of this SES tenant (the ses:tenant-name tag SES puts on bounces and complaints);"
                            + " reads the message items from the table (BatchGetItem). Without it, figures are broken down"
                            + " by tenant when the window holds more than one.")
    String tenant;

    @Override
    protected void checkOptions() {
        every.check(targetOptions);
        if (every.asked() && tenant != null) {
            throw new UserError("report takes --tenant for one stack, not with --all");
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        MessageWindow window = window(target);
        if (target.hub()) {
            MemberTallies tallies = MemberTallies.of(window, tenant);
            switch (format) {
                case json -> out.println(Json.write(tallies.json(window)));
                case csv -> tallies.printCsv(out);
                default -> tallies.printText(window, out);
            }
            return 0;
        }
        TenantTallies tallies = TenantTallies.of(window, tenant);
        switch (format) {
            case json -> {
                Map<String, Object> report = ReportJson.of(window, tallies.all);
                if (tenant != null) {
                    report.put("tenant", tenant);
                } else if (tallies.several()) {
                    report.put("byTenant", tallies.json());
                }
                out.println(Json.write(report));
            }
            case csv -> tallies.printCsv(out);
            default -> {
                new ReportText(out).print(window, tallies.all);
                if (tenant == null && tallies.several()) {
                    tallies.printText(out);
                }
            }
        }
        return 0;
    }

    @Override
    protected EveryEnvironment everyEnvironment() {
        return every;
    }

    /**
     * Each environment's row as status --all reads it, its bounces and complaints the recipients
     * this report counts in the window.
     */
    @Override
    protected int runEveryEnvironment(EveryEnvironment every, AwsClients aws, PrintWriter out) {
        return new EnvironmentTable(out, err(), spec.commandLine().getColorScheme().ansi())
                .print(
                        every.read(
                                aws,
                                targetOptions,
                                target -> {
                                    MessageWindow window = window(target);
                                    ReportTally tally = tally(window);
                                    return EnvironmentRow.read(target)
                                            .withWindow(
                                                    new EnvironmentRow.Window(
                                                            tally.bounces.recipients,
                                                            tally.complaints.recipients,
                                                            "recipients recorded from "
                                                                    + Timestamps.format(
                                                                            window.since())
                                                                    + " to "
                                                                    + Timestamps.format(
                                                                            window.until())
                                                                    + ", each SES event once"));
                                }),
                        EnvironmentTable.Format.valueOf(format.name()),
                        targetOptions.debug());
    }

    private MessageWindow window(Target target) {
        return MessageWindow.of(
                target, since, until != null ? until : Instant.now(), spec.commandLine());
    }

    /** The window's message items counted, type by type. */
    static ReportTally tally(MessageWindow window) {
        ReportTally tally = new ReportTally();
        for (MessageType type : MessageType.values()) {
            for (Map<String, AttributeValue> item :
                    window.items(type, ReportTally.attributes(type))) {
                tally.add(type, item);
            }
        }
        return tally;
    }
}
