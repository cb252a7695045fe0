package io.sesfeedback.tools.incident;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.store.RawBody;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.Since;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.Window;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.reports.MessageWindow;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(
        name = "incident",
        mixinStandardHelpOptions = true,
        description = {
            "The report to attach to an AWS support case when SES reviews the account: bounces and complaints"
                    + " per hour (sends too, where CloudWatch has them), the first bad sends, the recipients by domain, sender,"
                    + " subject, configuration set and message tag, the share of hard bounces, the addresses suppressed, the"
                    + " figures before and after the fix, and the prevention in place as text to edit.",
            "An HTML page (charts as inline SVG, one file, no network) or Markdown for pasting into the case, by the"
                    + " ending of --output. Each SES event counts once (cross-format copies are skipped); counts are"
                    + " recipients. Reads the TypeShards index (16 Queries per type, at once) and the SuppressedShards index (16), then the messages whole (BatchGetItem).",
            "On a hub (the stack's StackMode output), the attribution also counts recipients by member account"
                    + " (account, region, environment), and the alarms are the members' as they forwarded them."
        })
public final class IncidentCommand extends TargetCommand {

    @Mixin Window timeWindow;

    @Option(
            names = "--fixed-at",
            converter = Since.class,
            paramLabel = "TIME",
            description =
                    "When the fix went in, inside the window: the report compares before and after it.")
    Instant fixedAt;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Only the bounces and complaints of this SES tenant (the ses:tenant-name tag SES adds to them).")
    String tenant;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE.html|FILE.md",
            description = "Where to write the report: an HTML page (.html) or Markdown (.md).")
    Path output;

    @Override
    protected int run(Target target, PrintWriter out) {
        Instant since = timeWindow.since();
        Instant end = timeWindow.until();
        MessageWindow window = MessageWindow.of(target, since, end, spec.commandLine());
        boolean html = checkedFormat();
        if (fixedAt != null && (fixedAt.isBefore(since) || fixedAt.isAfter(end))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--fixed-at "
                            + Timestamps.format(fixedAt)
                            + " is outside the window "
                            + Timestamps.format(since)
                            + " to "
                            + Timestamps.format(end));
        }
        FeedbackQueries queries = target.queries();
        NotificationParser parser = new NotificationParser();
        List<IncidentEvent> events = new ArrayList<>();
        long preventedSends = 0;
        for (MessageType type : List.of(MessageType.BOUNCE, MessageType.COMPLAINT)) {
            List<Map<String, AttributeValue>> items = queries.messagesOfType(type, since, end);
            Map<String, String> namedByCopies = namedByCopies(items);
            for (Map<String, AttributeValue> item : items) {
                if (item.containsKey(FeedbackTable.DUPLICATE_OF)) {
                    continue;
                }
                IncidentEvent event = IncidentEvent.of(item, parser);
                if (event.tenant() == null) {
                    event =
                            event.ofTenant(
                                    namedByCopies.get(
                                            Items.text(item, FeedbackTable.SNS_MESSAGE_ID)));
                }
                if (tenant != null && !tenant.equals(event.tenant())) {
                    continue;
                }
                if (event.prevented()) {
                    preventedSends += event.recipients().size();
                } else {
                    events.add(event);
                }
            }
        }
        IncidentReport report =
                new IncidentReport(
                        since,
                        end,
                        fixedAt,
                        target.description(),
                        events,
                        sends(target, end),
                        suppressions(queries, end),
                        alarms(queries, parser, end),
                        prevention(target, queries),
                        preventedSends);
        write(html ? new IncidentHtml(report).page() : new IncidentMarkdown(report).text());
        out.printf(
                "Wrote %s: %d bounced and %d complained recipient(s) from %s%n",
                output, report.bounced(), report.complained(), window.description());
        return 0;
    }

    /**
     * Whether the report is HTML; a wrong command line when --output ends in neither .html nor .md.
     */
    private boolean checkedFormat() {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".md")) {
            throw new ParameterException(
                    spec.commandLine(), "--output " + output + " ends in neither .html nor .md");
        }
        return name.endsWith(".html");
    }

    /**
     * CloudWatch's AWS/SES Send sums per bar; named unavailable, not an error, where CloudWatch
     * cannot answer.
     */
    private IncidentReport.Sends sends(Target target, Instant end) {
        if (!targetOptions.deployed()) {
            return IncidentReport.Sends.unavailable("the local store has no CloudWatch metrics");
        }
        Duration width = IncidentReport.bucketWidth(timeWindow.since(), end);
        try {
            CloudWatchClient cloudWatch = target.client(CloudWatchClient.builder(), "cloudwatch");
            Map<Instant, Long> byBucket = new HashMap<>();
            cloudWatch
                    .getMetricDataPaginator(
                            r ->
                                    r.startTime(
                                                    IncidentReport.bucketStart(
                                                            timeWindow.since(), width))
                                            .endTime(end)
                                            .metricDataQueries(
                                                    q ->
                                                            q.id("sends")
                                                                    .metricStat(
                                                                            s ->
                                                                                    s.stat("Sum")
                                                                                            .period(
                                                                                                    (int)
                                                                                                            width
                                                                                                                    .toSeconds())
                                                                                            .metric(
                                                                                                    m ->
                                                                                                            m.namespace(
                                                                                                                            "AWS/SES")
                                                                                                                    .metricName(
                                                                                                                            "Send")))))
                    .metricDataResults()
                    .forEach(
                            result -> {
                                for (int i = 0; i < result.timestamps().size(); i++) {
                                    byBucket.merge(
                                            IncidentReport.bucketStart(
                                                    result.timestamps().get(i), width),
                                            Math.round(result.values().get(i)),
                                            Long::sum);
                                }
                            });
            return new IncidentReport.Sends(byBucket, null);
        } catch (SdkException e) {
            return IncidentReport.Sends.unavailable("CloudWatch: " + ErrorReport.describe(e));
        }
    }

    private List<IncidentReport.Suppression> suppressions(FeedbackQueries queries, Instant end) {
        try (Stream<Map<String, AttributeValue>> statuses =
                queries.suppressed(timeWindow.since())) {
            return statuses.map(
                            status ->
                                    new IncidentReport.Suppression(
                                            status.get(FeedbackTable.PK)
                                                    .s()
                                                    .substring(
                                                            FeedbackTable.RECIPIENT_PREFIX
                                                                    .length()),
                                            Instant.parse(
                                                    status.get(FeedbackTable.SUPPRESSED_AT).s()),
                                            Items.text(status, FeedbackTable.SUPPRESSION_REASON)))
                    .filter(suppression -> !suppression.at().isAfter(end))
                    .toList();
        }
    }

    private List<IncidentReport.AlarmChange> alarms(
            FeedbackQueries queries, NotificationParser parser, Instant end) {
        return queries.messagesOfType(MessageType.ALARM, timeWindow.since(), end).stream()
                .map(
                        item -> {
                            Instant at = IncidentEvent.eventTime(item);
                            FeedbackMessage alarm =
                                    parser.parse(
                                            new SnsMessage(
                                                    item.get(FeedbackTable.SNS_MESSAGE_ID).s(),
                                                    null,
                                                    null,
                                                    at,
                                                    RawBody.of(item)));
                            return new IncidentReport.AlarmChange(
                                    at, alarm.detail("alarmName"), alarm.detail("alarmState"));
                        })
                .toList();
    }

    private List<String> prevention(Target target, FeedbackQueries queries) {
        Map<String, String> parameters = new LinkedHashMap<>();
        IncidentReport.PREVENTION_PARAMETERS.forEach(
                name -> parameters.put(name, target.parameter(name)));
        long suppressed;
        try (Stream<Map<String, AttributeValue>> statuses = queries.suppressed(Instant.EPOCH)) {
            suppressed = statuses.count();
        }
        String source =
                targetOptions.namesStack()
                        ? target.description() + "'s parameters"
                        : "template.yaml's defaults (no stack given)";
        return IncidentReport.prevention(parameters, suppressed, source);
    }

    private void write(String text) {
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("Cannot write " + output + ": no such folder");
        } catch (AccessDeniedException e) {
            throw new UserError("Cannot write " + output + ": permission denied");
        } catch (IOException e) {
            throw new UserError("Cannot write " + output + ": " + e.getMessage());
        }
    }

    /**
     * The tenant a cross-format copy names, by the SNS message that holds its event: an identity
     * notification, which carries no tags, may hold it.
     */
    private static Map<String, String> namedByCopies(List<Map<String, AttributeValue>> items) {
        Map<String, String> named = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (item.containsKey(FeedbackTable.DUPLICATE_OF)
                    && item.containsKey(FeedbackTable.TENANT)) {
                named.putIfAbsent(
                        item.get(FeedbackTable.DUPLICATE_OF).s(),
                        item.get(FeedbackTable.TENANT).s());
            }
        }
        return named;
    }
}
