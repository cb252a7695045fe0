package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder's parser on the tenant breaker's message, as the topic delivers it to it. */
class TenantBreakerRecordedTest {

    @Test
    void givenATenantPausedWhenTheRecorderReadsTheMessageThenItIsACircuitBreakerNamingTheTenant() {
        TenantBreakerTest.Tenants tenants = new TenantBreakerTest.Tenants();
        tenants.add("acme");
        List<String[]> published = new ArrayList<>();
        new TenantBreaker(
                        new TenantLimits(0.04, 0.0008, 100, Duration.ofMinutes(60)),
                        "dev",
                        CircuitBreakerOnMotoTest.STACK,
                        "eu-west-1",
                        tenants,
                        (page, start, end) ->
                                page.stream().map(t -> new TenantCounts(t, 500, 30, 0)).toList(),
                        (subject, body) -> published.add(new String[] {subject, body}),
                        Clock.fixed(Instant.parse("2026-12-07T10:15:30Z"), ZoneOffset.UTC))
                .check();

        FeedbackMessage recorded =
                new NotificationParser()
                        .parse(
                                new SnsMessage(
                                        "b1c7e3a0-0000-4000-8000-000000000001",
                                        CircuitBreakerOnMotoTest.TOPIC,
                                        published.get(0)[0],
                                        Instant.parse("2026-12-07T10:15:31Z"),
                                        published.get(0)[1]));

        assertThat(recorded.type()).isEqualTo(MessageType.CIRCUIT_BREAKER);
        assertThat(recorded.detail("action")).isEqualTo("Paused");
        assertThat(recorded.detail("scope")).isEqualTo("Tenant");
        assertThat(recorded.detail("tenant")).isEqualTo("acme");
        assertThat(recorded.detail("sends")).isEqualTo("500");
        assertThat(recorded.detail("rate")).isNotBlank();
        assertThat(recorded.detail("summary")).contains("SES tenant acme");
        assertThat(recorded.detail("resume"))
                .isEqualTo("bin/ses-feedback resume --env dev --tenant acme");
    }
}
