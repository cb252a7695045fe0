package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateTest {

    private static final Recommendation DMARC = new Recommendation("DMARC", "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
            "HIGH", "DMARC is not set up.");
    private static final Recommendation DKIM = new Recommendation("DKIM", "arn:aws:ses:eu-west-1:123456789012:identity/example.org",
            "LOW", "DKIM signing is off.");

    private static AccountState state(String status, boolean sending, List<Recommendation> recommendations) {
        return new AccountState(status, sending, true, 50000, 14, true, recommendations);
    }

    @Test
    void theSameStateHasNoChanges() {
        AccountState state = state("HEALTHY", true, List.of(DMARC, DKIM));

        assertThat(state.changesSince(state("HEALTHY", true, List.of(DKIM, DMARC)))).isEmpty();
    }

    @Test
    void aReviewIsAChangeOfTheEnforcementStatusFromItsPreviousValue() {
        List<Change> changes = state("PROBATION", true, List.of()).changesSince(state("HEALTHY", true, List.of()));

        assertThat(changes).containsExactly(new Change("enforcementStatus", "HEALTHY", "PROBATION"));
        assertThat(changes.get(0).describe()).isEqualTo("enforcementStatus HEALTHY -> PROBATION");
    }

    @Test
    void aPauseChangesStatusAndSendingTheMostSeriousFirst() {
        List<Change> changes = state("SHUTDOWN", false, List.of()).changesSince(state("PROBATION", true, List.of()));

        assertThat(changes).extracting(Change::field).containsExactly("enforcementStatus", "sendingEnabled");
    }

    @Test
    void aQuotaChangeIsAChangeWrittenAsSesShowsIt() {
        AccountState raised = new AccountState("HEALTHY", true, true, 100000, 14.5, true, List.of());

        assertThat(raised.changesSince(state("HEALTHY", true, List.of()))).containsExactly(
                new Change("max24HourSend", "50000", "100000"), new Change("maxSendRate", "14", "14.5"));
    }

    @Test
    void aRecommendationThatOpensOrClosesIsAChange() {
        List<Change> changes = state("HEALTHY", true, List.of(DKIM)).changesSince(state("HEALTHY", true, List.of(DMARC)));

        assertThat(changes).containsExactly(new Change("recommendation", null, DKIM.describe()),
                new Change("recommendation", DMARC.describe(), null));
        assertThat(changes).extracting(Change::describe).containsExactly(
                "recommendation DKIM (LOW) arn:aws:ses:eu-west-1:123456789012:identity/example.org",
                "recommendation DMARC (HIGH) arn:aws:ses:eu-west-1:123456789012:identity/example.com closed");
    }

    @Test
    void theFirstCheckListsEveryFieldAsItIs() {
        List<Change> changes = state("HEALTHY", true, List.of(DMARC)).changesSince(null);

        assertThat(changes).extracting(Change::field).containsExactly("enforcementStatus", "sendingEnabled",
                "productionAccessEnabled", "max24HourSend", "maxSendRate", "vdmEnabled", "recommendation");
        assertThat(changes).allSatisfy(change -> assertThat(change.from()).isNull());
    }

    @Test
    void onlyHealthyIsHealthy() {
        assertThat(state("HEALTHY", true, List.of()).healthy()).isTrue();
        assertThat(state("PROBATION", true, List.of()).healthy()).isFalse();
        assertThat(state("SHUTDOWN", false, List.of()).healthy()).isFalse();
        assertThat(state(SesAccountSource.UNKNOWN, true, List.of()).healthy()).isFalse();
    }
}
