package io.sesfeedback.tools.incident;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.tools.reports.ReportTally;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The figures of an incident report, whatever it is printed as: the timeline, the first bad sends,
 * the attribution tables, the hard-bounce share, the suppressed addresses, the comparison around
 * the fix and the prevention text. Every figure counts recipients: one bounce naming three
 * addresses is three bounced recipients.
 */
final class IncidentReport {

    /** Rows per attribution table, first bad sends, and suppressed addresses listed. */
    static final int TOP = 10;

    static final int FIRST_SENDS = 10;
    static final int SUPPRESSED_LISTED = 50;

    /** Up to two weeks the timeline has an hour per bar; a longer window gets a day per bar. */
    static final Duration HOURLY_UP_TO = Duration.ofDays(14);

    /**
     * One bar of the timeline; {@code sends} is null when CloudWatch's figures are not available.
     */
    record Bucket(Instant start, long bounces, long hardBounces, long complaints, Long sends) {}

    /**
     * One row of an attribution table: a domain, sender, subject, configuration set or tag, and
     * what it caused.
     */
    record Row(String name, long bounced, long hardBounced, long complained) {
        long total() {
            return bounced + complained;
        }
    }

    record Attribution(String title, List<Row> rows, int all) {}

    /** Sends per bucket start from CloudWatch, or why there are none. */
    record Sends(Map<Instant, Long> byBucket, String unavailable) {
        static Sends unavailable(String reason) {
            return new Sends(null, reason);
        }

        boolean available() {
            return byBucket != null;
        }

        long total() {
            return available() ? byBucket.values().stream().mapToLong(Long::longValue).sum() : 0;
        }
    }

    record Suppression(String address, Instant at, String reason) {}

    /** The figures of one stretch of the window: before or after the fix. */
    record Period(
            String name,
            Instant from,
            Instant to,
            long bounced,
            long hardBounced,
            long complained,
            long suppressed,
            Long sends) {
        double hours() {
            return Math.max(Duration.between(from, to).toMinutes(), 1) / 60.0;
        }
    }

    /** An alarm state change the table recorded in the window. */
    record AlarmChange(Instant at, String name, String state) {}

    final Instant since;
    final Instant until;
    final Instant fixedAt;
    final String store;
    final Duration bucketWidth;
    final List<IncidentEvent> events;
    final Sends sends;
    final List<Suppression> suppressions;
    final List<AlarmChange> alarms;
    final List<String> prevention;
    private final long preventedSends;

    IncidentReport(
            Instant since,
            Instant until,
            Instant fixedAt,
            String store,
            List<IncidentEvent> events,
            Sends sends,
            List<Suppression> suppressions,
            List<AlarmChange> alarms,
            List<String> prevention,
            long preventedSends) {
        this.since = since;
        this.until = until;
        this.fixedAt = fixedAt;
        this.store = store;
        this.bucketWidth = bucketWidth(since, until);
        this.events = List.copyOf(events);
        this.sends = sends;
        this.suppressions = List.copyOf(suppressions);
        this.alarms = List.copyOf(alarms);
        this.prevention = List.copyOf(prevention);
        this.preventedSends = preventedSends;
    }

    /** Recipients SES never tried to deliver to (on its suppression list): not in the bounces. */
    long preventedSends() {
        return preventedSends;
    }

    static Duration bucketWidth(Instant since, Instant until) {
        return Duration.between(since, until).compareTo(HOURLY_UP_TO) <= 0
                ? Duration.ofHours(1)
                : Duration.ofDays(1);
    }

    /** The start of the bar {@code at} falls in: bars begin on whole UTC hours or days. */
    static Instant bucketStart(Instant at, Duration width) {
        return at.truncatedTo(
                width.equals(Duration.ofHours(1)) ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    }

    Instant bucketOf(Instant at) {
        return bucketStart(at, bucketWidth);
    }

    List<Bucket> timeline() {
        Map<Instant, long[]> counts = new LinkedHashMap<>();
        for (Instant start = bucketOf(since);
                !start.isAfter(until);
                start = start.plus(bucketWidth)) {
            counts.put(start, new long[3]);
        }
        for (IncidentEvent event : events) {
            long[] count = counts.get(bucketOf(event.occurredAt()));
            if (count != null) {
                int recipients = event.recipients().size();
                count[event.type() == MessageType.BOUNCE ? 0 : 2] += recipients;
                count[1] += event.hard() ? recipients : 0;
            }
        }
        return counts.entrySet().stream()
                .map(
                        entry ->
                                new Bucket(
                                        entry.getKey(),
                                        entry.getValue()[0],
                                        entry.getValue()[1],
                                        entry.getValue()[2],
                                        sends.available()
                                                ? sends.byBucket().getOrDefault(entry.getKey(), 0L)
                                                : null))
                .toList();
    }

    long bounced() {
        return recipients(events, event -> event.type() == MessageType.BOUNCE);
    }

    long hardBounced() {
        return recipients(events, IncidentEvent::hard);
    }

    long complained() {
        return recipients(events, event -> event.type() == MessageType.COMPLAINT);
    }

    long notSpam() {
        return recipients(events, IncidentEvent::notSpam);
    }

    /**
     * Hard-bounced recipients as a percentage of bounced recipients, one decimal; empty without
     * bounces.
     */
    Optional<Double> hardBouncePercent() {
        return percent(hardBounced(), bounced());
    }

    static Optional<Double> percent(long part, long whole) {
        return whole == 0
                ? Optional.empty()
                : Optional.of(Math.round(1000.0 * part / whole) / 10.0);
    }

    /** The mails that bounced or drew complaints, the earliest sent first. */
    List<IncidentEvent> firstBadSends() {
        return events.stream()
                .sorted(Comparator.comparing(IncidentEvent::sentOrOccurred))
                .limit(FIRST_SENDS)
                .toList();
    }

    List<Attribution> attributions() {
        List<Attribution> attributions = new ArrayList<>(byMailAttributions());
        // SES tags bounces and complaints with the tenant that sent them
        if (events.stream().anyMatch(event -> event.tenant() != null)) {
            attributions.add(attribution("Tenant", event -> List.of(given(event.tenant())), false));
        }
        // a hub's events name the member account they came from
        if (events.stream().anyMatch(event -> event.memberAccount() != null)) {
            attributions.add(
                    attribution(
                            "Member account",
                            event -> List.of(given(event.memberAccount())),
                            false));
        }
        return List.copyOf(attributions);
    }

    private List<Attribution> byMailAttributions() {
        return List.of(
                attribution(
                        "Recipient domain",
                        event -> event.recipients().stream().map(Recipient::domain).toList(),
                        true),
                attribution("Sender", event -> List.of(given(event.sender())), false),
                attribution("Subject", event -> List.of(given(event.subject())), false),
                attribution(
                        "Configuration set",
                        event -> List.of(given(event.configurationSet())),
                        false),
                attribution("Message tag", IncidentEvent::tags, false));
    }

    /**
     * Recipients by the names {@code names} gives each event. Per recipient when {@code
     * perRecipient} (a domain is a recipient's), else every recipient of the event counts for each
     * of its names.
     */
    private Attribution attribution(
            String title, Function<IncidentEvent, List<String>> names, boolean perRecipient) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (IncidentEvent event : events) {
            long weight = perRecipient ? 1 : event.recipients().size();
            for (String name : names.apply(event)) {
                long[] count = counts.computeIfAbsent(name, n -> new long[3]);
                count[event.type() == MessageType.BOUNCE ? 0 : 2] += weight;
                count[1] += event.hard() ? weight : 0;
            }
        }
        List<Row> rows =
                counts.entrySet().stream()
                        .map(
                                entry ->
                                        new Row(
                                                entry.getKey(),
                                                entry.getValue()[0],
                                                entry.getValue()[1],
                                                entry.getValue()[2]))
                        .sorted(
                                Comparator.comparingLong(Row::total)
                                        .reversed()
                                        .thenComparing(Row::name))
                        .toList();
        return new Attribution(title, rows.stream().limit(TOP).toList(), rows.size());
    }

    /** Before and after {@code --fixed-at}; empty without it. */
    List<Period> aroundFix() {
        if (fixedAt == null) {
            return List.of();
        }
        return List.of(
                period("before the fix", since, fixedAt), period("after the fix", fixedAt, until));
    }

    private Period period(String name, Instant from, Instant to) {
        Predicate<Instant> inside =
                at -> !at.isBefore(from) && at.isBefore(to.equals(until) ? to.plusMillis(1) : to);
        List<IncidentEvent> inPeriod =
                events.stream().filter(event -> inside.test(event.occurredAt())).toList();
        Long periodSends =
                sends.available()
                        ? sends.byBucket().entrySet().stream()
                                .filter(entry -> inside.test(entry.getKey()))
                                .mapToLong(Map.Entry::getValue)
                                .sum()
                        : null;
        return new Period(
                name,
                from,
                to,
                recipients(inPeriod, event -> event.type() == MessageType.BOUNCE),
                recipients(inPeriod, IncidentEvent::hard),
                recipients(inPeriod, event -> event.type() == MessageType.COMPLAINT),
                suppressions.stream().filter(suppression -> inside.test(suppression.at())).count(),
                periodSends);
    }

    private static long recipients(List<IncidentEvent> events, Predicate<IncidentEvent> which) {
        return events.stream().filter(which).mapToLong(event -> event.recipients().size()).sum();
    }

    private static String given(String value) {
        return value == null || value.isEmpty() ? ReportTally.NOT_GIVEN : value;
    }

    /**
     * The prevention lines the command writes for the operator to edit, from the stack's
     * parameters.
     */
    static List<String> prevention(
            Map<String, String> parameters, long suppressedInTable, String source) {
        List<String> lines = new ArrayList<>();
        lines.add(
                "Settings read from the "
                        + source
                        + "; edit this section to say what was changed, and when.");
        lines.add(
                "Alarms: bounce rate at "
                        + parameters.get("BounceRateThreshold")
                        + " and complaint rate at "
                        + parameters.get("ComplaintRateThreshold")
                        + " (CloudWatch Reputation metrics, fractions), bounce count at "
                        + parameters.get("BounceCountThreshold")
                        + " bounces in five minutes; the complaint-rate alarm at SES's"
                        + " review level (0.001) "
                        + parameters.get("EarlyComplaintAlarm")
                        + ". Alarm emails go to the stack's AlarmEmail.");
        lines.add(
                "Guard: sends to BlockedRecipientDomains ("
                        + parameters.get("BlockedRecipientDomains")
                        + ") are denied by a sending policy on each notified identity.");
        lines.add(
                "Circuit breaker: none in this stack. [Say what stops sending when the bounce rate climbs, or delete this line.]");
        String softBounces =
                "0".equals(parameters.get("SoftBounceLimit"))
                        ? "transient bounces never suppress"
                        : "or "
                                + parameters.get("SoftBounceLimit")
                                + " transient bounces in a row with no delivery between";
        lines.add(
                "Suppression list: "
                        + suppressedInTable
                        + " address(es) suppressed in the feedback table (a permanent"
                        + " bounce or a complaint, "
                        + softBounces
                        + "); the mailers must skip them. [Say whether SES's"
                        + " account-level suppression list is in step: bin/ses-feedback ses-suppression sync.]");
        lines.add("Cause and fix: [What sent to the bad addresses, what was changed, and when.]");
        return lines;
    }

    /** The stack parameters {@link #prevention} reads. */
    static final List<String> PREVENTION_PARAMETERS =
            List.of(
                    "BounceRateThreshold",
                    "ComplaintRateThreshold",
                    "BounceCountThreshold",
                    "EarlyComplaintAlarm",
                    "BlockedRecipientDomains",
                    "SoftBounceLimit");
}
