package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The per-tenant decision, with the tenants, their metrics and the topic in memory: limits of 4%
 * bounces, 0.08% complaints, 100 sends, over an hour.
 */
class TenantBreakerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    private static final TenantLimits LIMITS =
            new TenantLimits(0.04, 0.0008, 100, Duration.ofMinutes(60));

    /** Tenants in pages of two, their customer-managed statuses, and the pauses asked for. */
    static final class Tenants implements TenantDirectory {
        final Map<String, Tenant> tenants = new LinkedHashMap<>();
        final Map<String, CustomerStatus> statuses = new HashMap<>();
        final List<String> paused = new ArrayList<>();
        final List<String> read = new ArrayList<>();

        Tenant add(String name) {
            Tenant tenant =
                    new Tenant(
                            name,
                            "id-" + name,
                            "arn:aws:ses:eu-west-1:123456789012:tenant/" + name + "/id-" + name);
            tenants.put(name, tenant);
            statuses.put(
                    name, new CustomerStatus("ENABLED", Instant.parse("2026-01-01T00:00:00Z")));
            return tenant;
        }

        @Override
        public void pages(Consumer<List<Tenant>> page) {
            List<Tenant> all = List.copyOf(tenants.values());
            for (int from = 0; from < all.size(); from += 2) {
                page.accept(all.subList(from, Math.min(from + 2, all.size())));
            }
        }

        @Override
        public CustomerStatus customerStatus(Tenant tenant) {
            read.add(tenant.name());
            return statuses.get(tenant.name());
        }

        @Override
        public void pause(Tenant tenant) {
            paused.add(tenant.name());
            statuses.put(tenant.name(), new CustomerStatus("DISABLED", NOW));
        }
    }

    private final Tenants tenants = new Tenants();
    private final Map<String, double[]> counts = new HashMap<>();
    private final List<String[]> published = new ArrayList<>();
    private final List<Instant[]> windows = new ArrayList<>();

    private TenantBreaker breaker(Instant now) {
        return new TenantBreaker(
                LIMITS,
                "dev",
                "ses-feedback-dev",
                "eu-west-1",
                tenants,
                (page, start, end) -> {
                    windows.add(new Instant[] {start, end});
                    return page.stream()
                            .map(
                                    t -> {
                                        double[] c = counts.getOrDefault(t.name(), new double[3]);
                                        return new TenantCounts(t, c[0], c[1], c[2]);
                                    })
                            .toList();
                },
                (subject, body) -> published.add(new String[] {subject, body}),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private void sent(String tenant, double sends, double bounces, double complaints) {
        tenants.add(tenant);
        counts.put(tenant, new double[] {sends, bounces, complaints});
    }

    @Test
    void givenATenantOverTheBounceRateWhenCheckedThenItAloneIsPausedAndAnnouncedWithItsResume() {
        sent("acme", 500, 30, 0);
        sent("globex", 500, 10, 0);

        TenantBreaker.Result result = breaker(NOW).check();

        assertThat(tenants.paused).containsExactly("acme");
        assertThat(result.tenants()).isEqualTo(2);
        assertThat(result.names(TenantBreaker.Outcome.PAUSED)).containsExactly("acme");
        assertThat(published).hasSize(1);
        assertThat(published.get(0)[0])
                .isEqualTo("ses-feedback-dev: SES tenant acme paused (bounce rate 6%)");
        Map<String, Object> message = AlarmEvents.read(published.get(0)[1]);
        assertThat(message)
                .containsEntry("notificationType", "CircuitBreaker")
                .containsEntry("action", "Paused")
                .containsEntry("scope", "Tenant")
                .containsEntry("tenant", "acme")
                .containsEntry(
                        "tenantArn", "arn:aws:ses:eu-west-1:123456789012:tenant/acme/id-acme")
                .containsEntry("measure", "BounceRate")
                .containsEntry("rate", 0.06)
                .containsEntry("threshold", 0.04)
                .containsEntry("sends", 500)
                .containsEntry("bounces", 30)
                .containsEntry("windowMinutes", 60)
                .containsEntry("time", "2026-12-07T10:15:30.000Z")
                .containsEntry("resume", "bin/ses-feedback resume --env dev --tenant acme");
        assertThat(message.get("summary"))
                .isEqualTo(
                        "ses-feedback paused the SES tenant acme in eu-west-1 (its sends are"
                                + " refused; other tenants still send), because its bounce rate was 6%"
                                + " (30 bounces of 500 sends in the last 60 minutes), at or above the"
                                + " breaker's 4%. Find the cause (bin/ses-feedback report --env dev"
                                + " --tenant acme), then resume: bin/ses-feedback resume --env dev"
                                + " --tenant acme. After a resume the breaker leaves the tenant alone"
                                + " for 60 minutes, so the same bounces do not pause it again.");
    }

    @Test
    void givenATenantOverTheComplaintRateWhenCheckedThenItIsPausedNamingTheComplaintRate() {
        sent("initech", 10_000, 0, 9);

        breaker(NOW).check();

        assertThat(tenants.paused).containsExactly("initech");
        assertThat(published.get(0)[0])
                .isEqualTo("ses-feedback-dev: SES tenant initech paused (complaint rate 0.09%)");
        assertThat(AlarmEvents.read(published.get(0)[1]))
                .containsEntry("measure", "ComplaintRate")
                .containsEntry("threshold", 0.0008)
                .containsEntry("complaints", 9);
    }

    @Test
    void givenTenantsUnderBothThresholdsWhenCheckedThenNothingIsPausedNorAnnounced() {
        sent("acme", 1000, 39, 0);
        sent("globex", 10_000, 0, 7);
        sent("quiet", 0, 0, 0);

        TenantBreaker.Result result = breaker(NOW).check();

        assertThat(result.tenants()).isEqualTo(3);
        assertThat(result.overLimits()).isEmpty();
        assertThat(tenants.read).as("statuses read").isEmpty();
        assertThat(tenants.paused).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void givenOneBounceOfTwoSendsWhenCheckedThenTooFewSendsPauseNothing() {
        sent("tiny", 2, 1, 1);
        sent("almost", 99, 50, 0);

        breaker(NOW).check();

        assertThat(tenants.paused).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void givenATenantItsCustomerPausedAlreadyWhenCheckedThenItIsNeitherPausedNorAnnouncedAgain() {
        sent("acme", 500, 30, 0);
        tenants.statuses.put(
                "acme",
                new TenantDirectory.CustomerStatus(
                        "DISABLED", Instant.parse("2026-12-01T00:00:00Z")));

        TenantBreaker.Result result = breaker(NOW).check();

        assertThat(result.names(TenantBreaker.Outcome.ALREADY_PAUSED)).containsExactly("acme");
        assertThat(tenants.paused).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void givenAPausedTenantWhenTheNextCheckReadsTheSameBouncesThenNothingIsAnnouncedTwice() {
        sent("acme", 500, 30, 0);

        breaker(NOW).check();
        TenantBreaker.Result second = breaker(NOW.plus(Duration.ofMinutes(15))).check();

        assertThat(tenants.paused).containsExactly("acme");
        assertThat(second.names(TenantBreaker.Outcome.ALREADY_PAUSED)).containsExactly("acme");
        assertThat(published).hasSize(1);
    }

    @Test
    void
            givenAnOperatorResumedTheTenantInsideTheWindowWhenCheckedThenItIsLeftAloneUntilTheWindowPassed() {
        sent("acme", 500, 30, 0);
        Instant resumed = NOW.minus(Duration.ofMinutes(20));
        tenants.statuses.put("acme", new TenantDirectory.CustomerStatus("ENABLED", resumed));

        TenantBreaker.Result inside = breaker(NOW).check();

        assertThat(inside.names(TenantBreaker.Outcome.RECENTLY_CHANGED)).containsExactly("acme");
        assertThat(tenants.paused).isEmpty();
        assertThat(published).isEmpty();

        breaker(resumed.plus(Duration.ofMinutes(61))).check();

        assertThat(tenants.paused).containsExactly("acme");
        assertThat(published).hasSize(1);
    }

    @Test
    void givenATenantDeletedBetweenTheListingAndTheCheckThenItIsSkipped() {
        sent("acme", 500, 30, 0);
        tenants.statuses.remove("acme");

        TenantBreaker.Result result = breaker(NOW).check();

        assertThat(result.names(TenantBreaker.Outcome.GONE)).containsExactly("acme");
        assertThat(tenants.paused).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void givenAnyCheckThenTheWindowIsTheLastHourInWholeMinutesAndEveryPageIsRead() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            sent(name, 10, 0, 0);
        }

        TenantBreaker.Result result = breaker(NOW).check();

        assertThat(result.tenants()).isEqualTo(5);
        assertThat(windows).hasSize(3);
        assertThat(windows.get(0))
                .containsExactly(
                        Instant.parse("2026-12-07T09:15:00Z"),
                        Instant.parse("2026-12-07T10:15:00Z"));
    }

    @Test
    void givenChecksFurtherApartThanAnHourThenTheWindowSpansTheTimeBetweenTwo() {
        assertThat(TenantLimits.window(15)).isEqualTo(Duration.ofMinutes(60));
        assertThat(TenantLimits.window(240)).isEqualTo(Duration.ofMinutes(240));
    }

    @Test
    void givenTheLongestTenantNameThenTheSubjectStaysWithinSnsHundredCharacters() {
        String longest = "t".repeat(64);
        sent(longest, 500, 30, 0);

        breaker(NOW).check();

        assertThat(published.get(0)[0])
                .hasSizeLessThanOrEqualTo(100)
                .startsWith("ses-feedback-dev");
    }

    @Test
    void givenSixtyTenantsPausedWhenTheHandlerLogsTheCheckThenItNamesFiftyAndCountsAll() {
        for (int i = 0; i < 60; i++) {
            sent(String.format("bulk-%02d", i), 500, 30, 0);
        }
        List<String> lines = new ArrayList<>();

        String outcome =
                new CircuitBreakerHandler(
                                null,
                                breaker(NOW),
                                new io.sesfeedback.support.FunctionLog(
                                        lines::add, Clock.fixed(NOW, ZoneOffset.UTC)))
                        .handleRequest(CircuitBreakerHandler.TENANT_CHECK, null);

        assertThat(outcome).isEqualTo("PAUSED_TENANTS 60");
        Map<String, Object> line = AlarmEvents.read(lines.get(lines.size() - 1));
        assertThat(line).containsEntry("tenants", 60).containsEntry("paused_count", 60);
        assertThat((List<?>) line.get("paused")).hasSize(50).first().isEqualTo("bulk-00");
    }

    @Test
    void givenTheAnnouncementFailsWhenCheckedThenTheTenantIsNotPausedUntilARetryTellsIt() {
        sent("acme", 500, 30, 0);
        TenantBreaker failing =
                new TenantBreaker(
                        LIMITS,
                        "dev",
                        "ses-feedback-dev",
                        "eu-west-1",
                        tenants,
                        (page, start, end) ->
                                page.stream().map(t -> new TenantCounts(t, 500, 30, 0)).toList(),
                        (subject, body) -> {
                            throw new IllegalStateException("SNS throttled");
                        },
                        Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(failing::check).hasMessageContaining("SNS throttled");
        assertThat(tenants.paused).isEmpty();

        // Lambda's retry announces it and pauses it
        breaker(NOW).check();
        assertThat(published).hasSize(1);
        assertThat(tenants.paused).containsExactly("acme");
    }

    @Test
    void givenANewTenantWhoseStatusWasStampedAtItsCreationThenItIsPausedAllTheSame() {
        Instant created = NOW.minus(Duration.ofMinutes(10));
        tenants.tenants.put(
                "fresh",
                new Tenant(
                        "fresh",
                        "id-fresh",
                        "arn:aws:ses:eu-west-1:123456789012:tenant/fresh/id-fresh",
                        created));
        tenants.statuses.put("fresh", new TenantDirectory.CustomerStatus("ENABLED", created));
        counts.put("fresh", new double[] {500, 30, 0});

        breaker(NOW).check();

        assertThat(tenants.paused).containsExactly("fresh");
    }
}
