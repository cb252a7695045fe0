package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStatusMessageTest {

    private static final Instant CHECKED_AT = Instant.parse("2026-11-20T10:15:00Z");

    private static AccountState state(String status, boolean sending) {
        return new AccountState(status, sending, true, 50000, 14, false, List.of());
    }

    private static AccountStatusMessage message(AccountState previous, AccountState now) {
        return AccountStatusMessage.of(new AccountCheck(CHECKED_AT, "eu-west-1", now, 1234), previous, now.changesSince(previous));
    }

    @Test
    void theBodyNamesTheTypeTheRecorderReadsAndTheTimeOfTheCheckToTheMillisecond() {
        String body = message(state("HEALTHY", true), state("PROBATION", true)).body();

        assertThat(body).startsWith("{\"notificationType\":\"AccountStatus\",\"checkedAt\":\"2026-11-20T10:15:00.000Z\","
                + "\"region\":\"eu-west-1\",\"summary\":\"enforcementStatus HEALTHY -> PROBATION\"");
        assertThat(body).contains("\"account\":{\"enforcementStatus\":\"PROBATION\",\"sendingEnabled\":true,")
                .contains("\"sentLast24Hours\":1234.0")
                .contains("\"previous\":{\"enforcementStatus\":\"HEALTHY\"")
                .contains("\"changes\":[{\"field\":\"enforcementStatus\",\"from\":\"HEALTHY\",\"to\":\"PROBATION\"}]")
                .contains("under review");
    }

    @Test
    void theSubjectNamesTheNewEnforcementStatusAndThePreviousOne() {
        assertThat(message(state("HEALTHY", true), state("PROBATION", true)).subject())
                .isEqualTo("SES account eu-west-1: PROBATION (was HEALTHY)");
        assertThat(message(state("PROBATION", true), state("PROBATION", false)).subject())
                .isEqualTo("SES account eu-west-1: sending disabled");
    }

    @Test
    void theFirstCheckSaysSoAndHasNoPreviousState() {
        AccountStatusMessage message = message(null, state("HEALTHY", true));

        assertThat(message.subject()).isEqualTo("SES account eu-west-1: HEALTHY, first check");
        assertThat(message.body()).contains("\"summary\":\"First check: enforcementStatus HEALTHY;")
                .contains("\"previous\":null").contains("Nothing to do");
    }

    @Test
    void theSubjectStaysWithinWhatSnsTakes() {
        AccountState before = state("HEALTHY", true);
        AccountState after = new AccountState("HEALTHY", true, true, 50000, 14, true, List.of(new Recommendation("DMARC",
                "arn:aws:ses:eu-west-1:123456789012:identity/a-very-long-subdomain.of-a-very-long-domain.example.com",
                "HIGH", "é")));
        AccountStatusMessage message = message(before, after);

        assertThat(message.subject()).hasSizeLessThanOrEqualTo(100).matches("[\\x20-\\x7E]+").endsWith("2 changes");
    }
}
