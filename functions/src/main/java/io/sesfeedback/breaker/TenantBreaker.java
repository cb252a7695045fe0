package io.sesfeedback.breaker;

import io.sesfeedback.support.JsonText;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision per tenant, on the account watch's schedule: a tenant whose bounce or complaint rate
 * over the window reached its threshold, with enough sends to mean something, is paused (its
 * customer-managed status set to DISABLED) and the topic hears it once, with the command that
 * resumes it. Nothing flaps: a tenant the customer already paused is left as it is and not
 * announced again, and a tenant whose customer-managed status changed inside the window (an
 * operator's resume) is left alone until the window has passed, so the bounces that paused it do
 * not pause it again.
 */
final class TenantBreaker {

    enum Outcome {
        /** Fewer sends than the minimum, or both rates under their thresholds. */
        UNDER_LIMITS,
        PAUSED,
        /** Over a threshold, but the customer-managed status is DISABLED already. */
        ALREADY_PAUSED,
        /** Over a threshold, but its customer-managed status changed inside the window. */
        RECENTLY_CHANGED,
        /** Over a threshold, but deleted between the listing and the check. */
        GONE
    }

    /** One tenant over a threshold: what happened, and the message published when paused. */
    record Decision(TenantCounts counts, Outcome outcome, String subject, String message) {}

    /**
     * A check: how many tenants were read, the sends CloudWatch gave for them all, and every tenant
     * over a threshold.
     */
    record Result(int tenants, double sends, List<Decision> overLimits) {

        long count(Outcome outcome) {
            return overLimits.stream().filter(d -> d.outcome() == outcome).count();
        }

        List<String> names(Outcome outcome) {
            return overLimits.stream()
                    .filter(d -> d.outcome() == outcome)
                    .map(d -> d.counts().tenant().name())
                    .toList();
        }
    }

    private final TenantLimits limits;
    private final String environment;
    private final String stack;
    private final String region;
    private final TenantDirectory tenants;
    private final TenantMetrics metrics;
    private final Announcement topic;
    private final Clock clock;

    TenantBreaker(
            TenantLimits limits,
            String environment,
            String stack,
            String region,
            TenantDirectory tenants,
            TenantMetrics metrics,
            Announcement topic,
            Clock clock) {
        this.limits = limits;
        this.environment = environment;
        this.stack = stack;
        this.region = region;
        this.tenants = tenants;
        this.metrics = metrics;
        this.topic = topic;
        this.clock = clock;
    }

    Result check() {
        Instant now = clock.instant();
        // whole minutes: CloudWatch's periods are multiples of 60 seconds
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(limits.window());
        List<Decision> overLimits = new ArrayList<>();
        int[] read = {0};
        double[] sends = {0};
        tenants.pages(
                page -> {
                    read[0] += page.size();
                    for (TenantCounts counts : metrics.counts(page, start, end)) {
                        sends[0] += counts.sends();
                        if (overLimits(counts)) {
                            overLimits.add(decide(counts, now));
                        }
                    }
                });
        return new Result(read[0], sends[0], overLimits);
    }

    /** The one command that lifts the tenant's pause. */
    String resumeCommand(String tenant) {
        return "bin/ses-feedback resume --env " + environment + " --tenant " + tenant;
    }

    private boolean overLimits(TenantCounts counts) {
        return counts.sends() >= limits.minimumSends()
                && ((counts.bounces() > 0 && counts.bounceRate() >= limits.bounceRate())
                        || (counts.complaints() > 0
                                && counts.complaintRate() >= limits.complaintRate()));
    }

    private Decision decide(TenantCounts counts, Instant now) {
        TenantDirectory.CustomerStatus status = tenants.customerStatus(counts.tenant());
        if (status == null) {
            return new Decision(counts, Outcome.GONE, null, null);
        }
        if ("DISABLED".equals(status.status())) {
            return new Decision(counts, Outcome.ALREADY_PAUSED, null, null);
        }
        if (changedByHand(counts.tenant(), status, now)) {
            return new Decision(counts, Outcome.RECENTLY_CHANGED, null, null);
        }
        Measured measured = measured(counts);
        String subject =
                CircuitBreaker.bounded(
                        stack
                                + ": SES tenant "
                                + counts.tenant().name()
                                + " paused ("
                                + measured.name()
                                + " "
                                + percent(measured.rate())
                                + ")");
        String message = message(counts, measured, now);
        // told first: a pause whose message failed would read as already paused on the retry, and
        // no one would hear of it; a failed pause after the message is retried, told twice
        topic.publish(subject, message);
        tenants.pause(counts.tenant());
        return new Decision(counts, Outcome.PAUSED, subject, message);
    }

    /**
     * Whether someone set the tenant's status inside the window (an operator's resume): the same
     * old bounces must not undo it. A status stamped when the tenant was made is not such a change.
     */
    private boolean changedByHand(
            Tenant tenant, TenantDirectory.CustomerStatus status, Instant now) {
        Instant updated = status.lastUpdated();
        return updated != null
                && updated.isAfter(now.minus(limits.window()))
                && (tenant.created() == null
                        || updated.isAfter(tenant.created().plus(CREATION_STAMP)));
    }

    /** How long after a tenant's creation its first status stamp may come. */
    private static final java.time.Duration CREATION_STAMP = java.time.Duration.ofMinutes(1);

    /** The rate that reached its threshold, the bounce rate first when both did. */
    private record Measured(String name, String field, double rate, double threshold) {}

    private Measured measured(TenantCounts counts) {
        return counts.bounces() > 0 && counts.bounceRate() >= limits.bounceRate()
                ? new Measured(
                        "bounce rate", "BounceRate", counts.bounceRate(), limits.bounceRate())
                : new Measured(
                        "complaint rate",
                        "ComplaintRate",
                        counts.complaintRate(),
                        limits.complaintRate());
    }

    private String message(TenantCounts counts, Measured measured, Instant now) {
        String name = counts.tenant().name();
        long minutes = limits.window().toMinutes();
        String summary =
                "ses-feedback paused the SES tenant "
                        + name
                        + " in "
                        + region
                        + " (its sends are refused; other tenants still send), because its "
                        + measured.name()
                        + " was "
                        + percent(measured.rate())
                        + " ("
                        + whole(
                                measured.field().equals("BounceRate")
                                        ? counts.bounces()
                                        : counts.complaints())
                        + (measured.field().equals("BounceRate") ? " bounces" : " complaints")
                        + " of "
                        + whole(counts.sends())
                        + " sends in the last "
                        + minutes
                        + " minutes), at or above the breaker's "
                        + percent(measured.threshold())
                        + ". Find the cause (bin/ses-feedback report --env "
                        + environment
                        + " --tenant "
                        + name
                        + "), then resume: "
                        + resumeCommand(name)
                        + ". After a resume the breaker leaves the tenant alone for "
                        + minutes
                        + " minutes, so the same bounces do not pause it again.";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationType", CircuitBreaker.NOTIFICATION_TYPE);
        body.put("action", "Paused");
        body.put("scope", "Tenant");
        body.put("tenant", name);
        body.put("tenantArn", counts.tenant().arn());
        body.put("region", region);
        body.put("time", CircuitBreaker.TIME.format(now));
        body.put("measure", measured.field());
        body.put("rate", measured.rate());
        body.put("threshold", measured.threshold());
        body.put("sends", (long) counts.sends());
        body.put("bounces", (long) counts.bounces());
        body.put("complaints", (long) counts.complaints());
        body.put("windowMinutes", minutes);
        body.put("summary", summary);
        body.put("resume", resumeCommand(name));
        return JsonText.write(body);
    }

    /** 0.0612 as 6.12%, 0.0008 as 0.08%. */
    private static String percent(double fraction) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT))
                        .format(fraction * 100)
                + "%";
    }

    private static String whole(double count) {
        return Long.toString((long) count);
    }
}
