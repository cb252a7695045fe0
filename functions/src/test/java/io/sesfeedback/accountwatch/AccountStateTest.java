package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateTest {

    private static final Recommendation DMARC =
            new Recommendation(
                    "DMARC",
                    "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
                    "HIGH",
                    "DMARC is not set up.");
    private static final Recommendation DKIM =
            new Recommendation(
                    "DKIM",
                    "arn:aws:ses:eu-west-1:123456789012:identity/example.org",
                    "LOW",
                    "DKIM signing is off.");

    private static AccountState state(
            String status, boolean sending, List<Recommendation> recommendations) {
        return new AccountState(status, sending, true, 50000, 14, true, recommendations);
    }

    @Test
    void theSameStateHasNoChanges() {
        AccountState state = state("HEALTHY", true, List.of(DMARC, DKIM));

        assertThat(state.changesSince(state("HEALTHY", true, List.of(DKIM, DMARC)))).isEmpty();
    }

    @Test
    void aReviewIsAChangeOfTheEnforcementStatusFromItsPreviousValue() {
        List<Change> changes =
                state("PROBATION", true, List.of()).changesSince(state("HEALTHY", true, List.of()));

        assertThat(changes)
                .containsExactly(new Change("enforcementStatus", "HEALTHY", "PROBATION"));
        assertThat(changes.get(0).describe()).isEqualTo("enforcementStatus HEALTHY -> PROBATION");
    }

    @Test
    void aPauseChangesStatusAndSendingTheMostSeriousFirst() {
        List<Change> changes =
                state("SHUTDOWN", false, List.of())
                        .changesSince(state("PROBATION", true, List.of()));

        assertThat(changes)
                .extracting(Change::field)
                .containsExactly("enforcementStatus", "sendingEnabled");
    }

    @Test
    void aQuotaChangeIsAChangeWrittenAsSesShowsIt() {
        AccountState raised =
                new AccountState("HEALTHY", true, true, 100000, 14.5, true, List.of());

        assertThat(raised.changesSince(state("HEALTHY", true, List.of())))
                .containsExactly(
                        new Change("max24HourSend", "50000", "100000"),
                        new Change("maxSendRate", "14", "14.5"));
    }

    @Test
    void aRecommendationThatOpensOrClosesIsAChange() {
        List<Change> changes =
                state("HEALTHY", true, List.of(DKIM))
                        .changesSince(state("HEALTHY", true, List.of(DMARC)));

        assertThat(changes)
                .containsExactly(
                        new Change("recommendation", null, DKIM.describe()),
                        new Change("recommendation", DMARC.describe(), null));
        assertThat(changes)
                .extracting(Change::describe)
                .containsExactly(
                        "recommendation DKIM (LOW) arn:aws:ses:eu-west-1:123456789012:identity/example.org",
                        "recommendation DMARC (HIGH) arn:aws:ses:eu-west-1:123456789012:identity/example.com closed");
    }

    @Test
    void theFirstCheckListsEveryFieldAsItIs() {
        List<Change> changes = state("HEALTHY", true, List.of(DMARC)).changesSince(null);

        assertThat(changes)
                .extracting(Change::field)
                .containsExactly(
                        "enforcementStatus",
                        "sendingEnabled",
                        "productionAccessEnabled",
                        "max24HourSend",
                        "maxSendRate",
                        "vdmEnabled",
                        "accountSuppression",
                        "recommendation");
        assertThat(changes).allSatisfy(change -> assertThat(change.from()).isNull());
    }

    private static AccountState suppressing(String... reasons) {
        return state("HEALTHY", true, List.of())
                .withAccountSuppression(AccountSuppression.of(List.of(reasons)));
    }

    @Test
    void givenAccountSuppressionOnWhenItTurnsOffThenThatIsAChange() {
        assertThat(suppressing().changesSince(suppressing("BOUNCE", "COMPLAINT")))
                .containsExactly(new Change("accountSuppression", "on (BOUNCE, COMPLAINT)", "off"));
    }

    @Test
    void givenAccountSuppressionOffWhenItStaysOffThenNothingChanged() {
        assertThat(suppressing().changesSince(suppressing())).isEmpty();
    }

    @Test
    void givenAccountSuppressionOffWhenItTurnsOnThenThatIsAChange() {
        assertThat(suppressing("COMPLAINT", "BOUNCE").changesSince(suppressing()))
                .containsExactly(new Change("accountSuppression", "off", "on (BOUNCE, COMPLAINT)"));
    }

    @Test
    void givenAccountSuppressionOnWhenOneReasonIsLeftThenItIsPartial() {
        assertThat(suppressing("BOUNCE").changesSince(suppressing("BOUNCE", "COMPLAINT")))
                .extracting(Change::describe)
                .containsExactly(
                        "accountSuppression on (BOUNCE, COMPLAINT) -> partial (BOUNCE only)");
    }

    @Test
    void givenAStateStoredBeforeSuppressionWasReadThenOnlySuppressionNotOnIsNews() {
        AccountState stored = suppressing().withAccountSuppression(null);

        assertThat(suppressing("BOUNCE", "COMPLAINT").changesSince(stored)).isEmpty();
        assertThat(suppressing().changesSince(stored))
                .containsExactly(new Change("accountSuppression", null, "off"));
    }

    @Test
    void onlyHealthyIsHealthy() {
        assertThat(state("HEALTHY", true, List.of()).healthy()).isTrue();
        assertThat(state("PROBATION", true, List.of()).healthy()).isFalse();
        assertThat(state("SHUTDOWN", false, List.of()).healthy()).isFalse();
        assertThat(state(SesAccountSource.UNKNOWN, true, List.of()).healthy()).isFalse();
    }

    /** The state as the table keeps it: the most severe in full, every open one by its digest. */
    private static AccountState asStored(AccountState state) {
        return new AccountState(
                state.enforcementStatus(),
                state.sendingEnabled(),
                state.productionAccessEnabled(),
                state.max24HourSend(),
                state.maxSendRate(),
                state.vdmEnabled(),
                state.accountSuppression(),
                state.mostSevere(AccountState.STORED_IN_FULL),
                state.openRecommendations());
    }

    @Test
    void theStateTheTableKeepsHasNoChangesFromTheSameThousandRecommendationsListedAgain() {
        // given a thousand open recommendations, kept as the table keeps them
        List<Recommendation> open =
                AccountStatusMessageTest.recommendations(1000, 30, ".com", "Set up DMARC.");
        AccountState stored = asStored(state("HEALTHY", true, open));

        // when SES lists the same thousand again
        List<Change> changes = state("HEALTHY", true, open).changesSince(stored);

        // then nothing changed, though only twenty were kept in full
        assertThat(stored.recommendations()).hasSize(AccountState.STORED_IN_FULL);
        assertThat(stored.openRecommendations()).hasSize(1000);
        assertThat(changes).isEmpty();
    }

    @Test
    void recommendationsThatClosedWithoutBeingKeptInFullAreCountedTheOthersDescribed() {
        // given fifty open recommendations kept as the table keeps them, the first ten of HIGH
        // impact
        List<Recommendation> open =
                AccountStatusMessageTest.recommendations(50, 10, ".com", "Set up DMARC.");
        AccountState stored = asStored(state("HEALTHY", true, open));

        // when all but the last five close
        List<Change> changes = state("HEALTHY", true, open.subList(45, 50)).changesSince(stored);

        // then the twenty kept in full are named as closed, and the other twenty-five are counted
        assertThat(changes).hasSize(21);
        assertThat(changes.subList(0, 10))
                .allSatisfy(change -> assertThat(change.from()).contains("(HIGH)"));
        assertThat(changes.subList(0, 20))
                .allSatisfy(change -> assertThat(change.describe()).endsWith(" closed"));
        assertThat(changes.get(20).describe()).isEqualTo("recommendation 25 others closed");
    }

    @Test
    void recommendationsThatOpenAreListedTheMostSevereFirst() {
        List<Change> changes =
                state("HEALTHY", true, List.of(DKIM, DMARC))
                        .changesSince(state("HEALTHY", true, List.of()));

        assertThat(changes)
                .extracting(Change::to)
                .containsExactly(DMARC.describe(), DKIM.describe());
    }

    @Test
    void aRecommendationsTextsAreCutToAFixedLengthNeverInsideACharacter() {
        Recommendation long_ =
                new Recommendation("DMARC", "arn:" + "x".repeat(5000), "HIGH", "🙂".repeat(5000));

        assertThat(long_.resourceArn()).hasSize(Recommendation.TEXT_LENGTH).endsWith("…");
        assertThat(long_.description())
                .hasSizeLessThanOrEqualTo(Recommendation.TEXT_LENGTH)
                .endsWith("🙂…");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(long_.description())).isTrue();
        assertThat(long_.digest())
                .hasSize(16)
                .isEqualTo(
                        new Recommendation(
                                        "DMARC", long_.resourceArn(), "HIGH", long_.description())
                                .digest());
    }
}
