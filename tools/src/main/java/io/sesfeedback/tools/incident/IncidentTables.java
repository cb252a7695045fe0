package io.sesfeedback.tools.incident;

import io.sesfeedback.notification.PreventedSend;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.tools.reports.ReportCommand;
import io.sesfeedback.tools.reports.ReportTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The incident report's words and tables, as plain strings: what the Markdown and the HTML page
 * both show, each escaping the strings its own way.
 */
final class IncidentTables {

    /** A titled table; {@code notes} follow it. */
    record Table(String title, List<String> columns, List<List<String>> rows, List<String> notes) {}

    static final String TITLE = "SES incident report";

    private final IncidentReport report;

    IncidentTables(IncidentReport report) {
        this.report = report;
    }

    List<String> heading() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "Window: "
                        + Timestamps.format(report.since)
                        + " to "
                        + Timestamps.format(report.until)
                        + " (UTC), "
                        + report.store
                        + ".");
        if (report.fixedAt != null) {
            lines.add("Fix in place from: " + Timestamps.format(report.fixedAt) + ".");
        }
        lines.add(
                "Each SES event counts once (cross-format copies skipped); every figure counts recipients.");
        return lines;
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "Sends: "
                        + (report.sends.available()
                                ? count(report.sends.total()) + " (CloudWatch AWS/SES Send)"
                                : "not available (" + report.sends.unavailable() + ")"));
        lines.add(
                "Bounced recipients: "
                        + count(report.bounced())
                        + ", of which hard (Permanent): "
                        + count(report.hardBounced())
                        + share(report.hardBouncePercent())
                        + ".");
        lines.add(
                "Complained recipients: "
                        + count(report.complained())
                        + ", of which not-spam (rescued from the spam"
                        + " folder, not suppressed): "
                        + count(report.notSpam())
                        + ".");
        if (report.preventedSends() > 0) {
            lines.add(
                    "Not bounces, "
                            + PreventedSend.LABEL
                            + ": "
                            + count(report.preventedSends())
                            + " recipient(s). "
                            + ReportCommand.PREVENTED_NOTE);
        }
        lines.add("Addresses suppressed in the window: " + count(report.suppressions.size()) + ".");
        lines.add(ReportCommand.BOUNCE_RATE_NOTE);
        return lines;
    }

    String timelineTitle() {
        return "Timeline: bounces and complaints per " + unit() + " (UTC)";
    }

    /** The bars that have anything, for a table: a long window is mostly empty hours. */
    Table timeline() {
        List<List<String>> rows =
                report.timeline().stream()
                        .filter(
                                bucket ->
                                        bucket.bounces() + bucket.complaints() > 0
                                                || bucket.sends() != null && bucket.sends() > 0)
                        .map(
                                bucket ->
                                        List.of(
                                                Timestamps.format(bucket.start()),
                                                sends(bucket.sends()),
                                                count(bucket.bounces()),
                                                count(bucket.hardBounces()),
                                                count(bucket.complaints())))
                        .toList();
        return new Table(
                timelineTitle(),
                List.of(unit() + " from", "sends", "bounced", "hard", "complained"),
                rows,
                List.of(
                        rows.isEmpty()
                                ? "No bounces or complaints in the window."
                                : "Only the "
                                        + unit()
                                        + "s with sends, bounces or complaints are listed."));
    }

    Optional<Table> aroundFix() {
        List<IncidentReport.Period> periods = report.aroundFix();
        if (periods.isEmpty()) {
            return Optional.empty();
        }
        IncidentReport.Period before = periods.get(0);
        IncidentReport.Period after = periods.get(1);
        List<List<String>> rows =
                List.of(
                        List.of(
                                "from",
                                Timestamps.format(before.from()),
                                Timestamps.format(after.from())),
                        List.of(
                                "to",
                                Timestamps.format(before.to()),
                                Timestamps.format(after.to())),
                        List.of("hours", decimal(before.hours()), decimal(after.hours())),
                        List.of("sends", sends(before.sends()), sends(after.sends())),
                        List.of(
                                "bounced recipients",
                                count(before.bounced()),
                                count(after.bounced())),
                        List.of(
                                "bounced per hour",
                                decimal(before.bounced() / before.hours()),
                                decimal(after.bounced() / after.hours())),
                        List.of(
                                "hard bounced",
                                count(before.hardBounced()),
                                count(after.hardBounced())),
                        List.of(
                                "hard share of bounced",
                                percent(before.hardBounced(), before.bounced()),
                                percent(after.hardBounced(), after.bounced())),
                        List.of(
                                "complained recipients",
                                count(before.complained()),
                                count(after.complained())),
                        List.of(
                                "complained per hour",
                                decimal(before.complained() / before.hours()),
                                decimal(after.complained() / after.hours())),
                        List.of(
                                "addresses suppressed",
                                count(before.suppressed()),
                                count(after.suppressed())));
        return Optional.of(
                new Table(
                        "Before and after the fix",
                        List.of("", before.name(), after.name()),
                        rows,
                        List.of()));
    }

    Table firstBadSends() {
        List<List<String>> rows =
                report.firstBadSends().stream()
                        .map(
                                event ->
                                        List.of(
                                                event.sentAt() == null
                                                        ? "(not given)"
                                                        : Timestamps.format(event.sentAt()),
                                                Timestamps.format(event.occurredAt()),
                                                event.type().label()
                                                        + (event.bounceType() != null
                                                                ? " " + event.bounceType()
                                                                : "")
                                                        + (event.complaintFeedbackType() != null
                                                                ? " "
                                                                        + event
                                                                                .complaintFeedbackType()
                                                                : ""),
                                                orNotGiven(event.sender()),
                                                orNotGiven(event.subject()),
                                                count(event.recipients().size()),
                                                orNotGiven(event.sesMessageId())))
                        .toList();
        return new Table(
                "First bad sends",
                List.of(
                        "sent",
                        "feedback at",
                        "feedback",
                        "sender",
                        "subject",
                        "recipients",
                        "SES message id"),
                rows,
                List.of(
                        "The "
                                + IncidentReport.FIRST_SENDS
                                + " earliest mails that bounced or drew a complaint, by the time SES accepted them."));
    }

    List<Table> attributions() {
        return report.attributions().stream()
                .map(
                        attribution ->
                                new Table(
                                        "By " + attribution.title().toLowerCase(Locale.ROOT),
                                        List.of(
                                                attribution.title(),
                                                "bounced",
                                                "hard",
                                                "complained"),
                                        attribution.rows().stream()
                                                .map(
                                                        row ->
                                                                List.of(
                                                                        row.name(),
                                                                        count(row.bounced()),
                                                                        count(row.hardBounced()),
                                                                        count(row.complained())))
                                                .toList(),
                                        attribution.all() > attribution.rows().size()
                                                ? List.of(
                                                        "... and "
                                                                + (attribution.all()
                                                                        - attribution.rows().size())
                                                                + " more.")
                                                : attribution.rows().isEmpty()
                                                        ? List.of("None in the window.")
                                                        : List.of()))
                .toList();
    }

    Table suppressed() {
        List<IncidentReport.Suppression> listed =
                report.suppressions.stream().limit(IncidentReport.SUPPRESSED_LISTED).toList();
        List<String> notes = new ArrayList<>();
        if (report.suppressions.size() > listed.size()) {
            notes.add(
                    "... and "
                            + (report.suppressions.size() - listed.size())
                            + " more: bin/ses-feedback suppressed --since "
                            + Timestamps.format(report.since)
                            + " lists them all.");
        }
        if (report.suppressions.isEmpty()) {
            notes.add("None suppressed in the window.");
        }
        return new Table(
                "Addresses suppressed",
                List.of("address", "suppressed at", "reason"),
                listed.stream()
                        .map(s -> List.of(s.address(), Timestamps.format(s.at()), s.reason()))
                        .toList(),
                notes);
    }

    Table alarms() {
        return new Table(
                "Alarms recorded in the window",
                List.of("at", "alarm", "state"),
                report.alarms.stream()
                        .map(
                                alarm ->
                                        List.of(
                                                Timestamps.format(alarm.at()),
                                                orNotGiven(alarm.name()),
                                                orNotGiven(alarm.state())))
                        .toList(),
                report.alarms.isEmpty()
                        ? List.of("No alarm state change reached the feedback topic in the window.")
                        : List.of());
    }

    String preventionTitle() {
        return "Prevention in place";
    }

    List<String> prevention() {
        return report.prevention;
    }

    String unit() {
        return report.bucketWidth.equals(Duration.ofHours(1)) ? "hour" : "day";
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String sends(Long sends) {
        return sends == null ? "n/a" : count(sends);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(long part, long whole) {
        return IncidentReport.percent(part, whole)
                .map(p -> String.format(Locale.ROOT, "%.1f%%", p))
                .orElse("-");
    }

    private static String share(Optional<Double> percent) {
        return percent.map(p -> String.format(Locale.ROOT, " (%.1f%% of bounced recipients)", p))
                .orElse("");
    }

    private static String orNotGiven(String value) {
        return value == null || value.isEmpty() ? ReportTally.NOT_GIVEN : value;
    }
}
