package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountStatusMessageTest {

    private static final Instant CHECKED_AT = Instant.parse("2026-11-20T10:15:00Z");

    private static AccountState state(String status, boolean sending) {
        return new AccountState(status, sending, true, 50000, 14, false, List.of());
    }

    private static AccountStatusMessage message(AccountState previous, AccountState now) {
        return AccountStatusMessage.of(
                new AccountCheck(CHECKED_AT, "eu-west-1", now, 1234),
                previous,
                now.changesSince(previous));
    }

    @Test
    void theBodyNamesTheTypeTheRecorderReadsAndTheTimeOfTheCheckToTheMillisecond() {
        String body = message(state("HEALTHY", true), state("PROBATION", true)).body();

        assertThat(body)
                .startsWith(
                        "{\"notificationType\":\"AccountStatus\",\"checkedAt\":\"2026-11-20T10:15:00.000Z\","
                                + "\"region\":\"eu-west-1\",\"summary\":\"enforcementStatus HEALTHY -> PROBATION\"");
        assertThat(body)
                .contains(
                        "\"account\":{\"enforcementStatus\":\"PROBATION\",\"sendingEnabled\":true,")
                .contains("\"sentLast24Hours\":1234.0")
                .contains("\"previous\":{\"enforcementStatus\":\"HEALTHY\"")
                .contains(
                        "\"changes\":[{\"field\":\"enforcementStatus\",\"from\":\"HEALTHY\",\"to\":\"PROBATION\"}]")
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
        assertThat(message.body())
                .contains("\"summary\":\"First check: enforcementStatus HEALTHY;")
                .contains("\"previous\":null")
                .contains("Nothing to do");
    }

    @Test
    void theSubjectStaysWithinWhatSnsTakes() {
        AccountState before = state("HEALTHY", true);
        AccountState after =
                new AccountState(
                        "HEALTHY",
                        true,
                        true,
                        50000,
                        14,
                        true,
                        List.of(
                                new Recommendation(
                                        "DMARC",
                                        "arn:aws:ses:eu-west-1:123456789012:identity/a-very-long-subdomain.of-a-very-long-domain.example.com",
                                        "HIGH",
                                        "é")));
        AccountStatusMessage message = message(before, after);

        assertThat(message.subject())
                .hasSizeLessThanOrEqualTo(100)
                .matches("[\\x20-\\x7E]+")
                .endsWith("2 changes");
    }

    /**
     * {@code count} open recommendations on as many identities, the first {@code high} of HIGH
     * impact.
     */
    static List<Recommendation> recommendations(
            int count, int high, String identityTail, String description) {
        List<Recommendation> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(
                    new Recommendation(
                            i % 2 == 0 ? "DMARC" : "SPF",
                            "arn:aws:ses:eu-west-1:123456789012:identity/example-"
                                    + i
                                    + identityTail,
                            i < high ? "HIGH" : "LOW",
                            description));
        }
        return open;
    }

    /**
     * A thousand open recommendations whose identities and descriptions run to thousands of
     * three-byte characters.
     */
    private static AccountState withTheLongestRecommendations() {
        return new AccountState(
                "HEALTHY",
                true,
                true,
                50000,
                14,
                true,
                recommendations(1000, 1000, "€".repeat(2000), "€".repeat(5000)));
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aFirstCheckOfAThousandOpenRecommendationsListsTheTwentyMostSevereAndCountsTheRest() {
        // given an account with a thousand open recommendations, thirty of HIGH impact, each
        // described in 400 characters
        AccountState now =
                new AccountState(
                        "HEALTHY",
                        true,
                        true,
                        50000,
                        14,
                        true,
                        recommendations(
                                1000,
                                30,
                                ".com",
                                "Set up DMARC for this domain. ".repeat(13) + "Then check."));

        // when its first check is published
        AccountStatusMessage message = message(null, now);

        // then the body fits a quarter of SNS's message, with twenty of each listed, the most
        // severe first, and counts of the rest
        assertThat(bytes(message.body()))
                .isLessThanOrEqualTo(AccountStatusMessage.BODY_BYTES)
                .isLessThan(AccountStatusMessage.SNS_MESSAGE_BYTES);
        Map<String, Object> body = JsonTree.object(message.body());
        Map<String, Object> account = JsonTree.object(body, "account");
        assertThat(JsonTree.list(account, "recommendations"))
                .hasSize(20)
                .allSatisfy(r -> assertThat(((Map<?, ?>) r).get("impact")).isEqualTo("HIGH"));
        assertThat(account).containsEntry("recommendationsNotListed", 980L);
        assertThat(JsonTree.list(body, "changes")).hasSize(20);
        assertThat(body).containsEntry("changesNotListed", 987L);
        assertThat((String) body.get("summary"))
                .startsWith("First check: enforcementStatus HEALTHY;")
                .contains("recommendation DMARC (HIGH)")
                .endsWith("; and 987 more");
        assertThat(message.listed()).isEqualTo(20);
    }

    @Test
    void recommendationsWithTheLongestTextsStillMakeABodyWithinItsBudgetListingFewer() {
        // given a thousand open recommendations whose identities and descriptions run to thousands
        // of three-byte characters
        AccountState now = withTheLongestRecommendations();

        // when its first check is published
        AccountStatusMessage message = message(null, now);

        // then fewer are listed, so that the body still fits, and what is left out is counted
        assertThat(bytes(message.body())).isLessThanOrEqualTo(AccountStatusMessage.BODY_BYTES);
        assertThat(message.listed()).isBetween(1, 19);
        Map<String, Object> body = JsonTree.object(message.body());
        assertThat(JsonTree.list(body, "changes")).hasSize(message.listed());
        assertThat(body).containsEntry("changesNotListed", 1007L - message.listed());
        assertThat(JsonTree.object(body, "account"))
                .containsEntry("recommendationsNotListed", 1000L - message.listed());
    }

    @Test
    void theDetailOnAMembersBusIsTheBodyWithItsEnvironmentLast() {
        AccountStatusMessage message =
                message(null, new AccountState("HEALTHY", true, true, 50000, 14, false, List.of()));

        Map<String, Object> detail = JsonTree.object(message.detailIn("prod \"eu\""));

        Map<String, Object> body = JsonTree.object(message.body());
        assertThat(detail).containsAllEntriesOf(body).containsEntry("environment", "prod \"eu\"");
        assertThat(List.copyOf(detail.keySet())).endsWith("environment").hasSize(body.size() + 1);
    }

    /**
     * The largest body, with its environment, source and detail type, fits PutEvents' 256 KB a
     * request ("Calculating PutEvents event entry size",
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).
     */
    @Test
    void theLargestBodyPutOnABusFitsOnePutEventsEntry() {
        AccountState now = withTheLongestRecommendations();
        AccountStatusMessage message = message(null, now);

        String detail = message.detailIn("x".repeat(255));

        assertThat(bytes(EventBridgeBus.SOURCE) + bytes(EventBridgeBus.DETAIL_TYPE) + bytes(detail))
                .isLessThanOrEqualTo(EventBridgeBus.ENTRY_BYTES);
    }

    @Test
    void aMessageThatListsEverythingCountsNothing() {
        String body = message(state("HEALTHY", true), state("PROBATION", true)).body();

        assertThat(body).doesNotContain("NotListed");
    }

    private static AccountState suppressing(String... reasons) {
        return state("HEALTHY", true)
                .withAccountSuppression(AccountSuppression.of(List.of(reasons)));
    }

    @Test
    void givenSuppressionOffAtTheFirstCheckThenTheSubjectAndAdviceSaySoAndHowToTurnItOn() {
        AccountStatusMessage message = message(null, suppressing());

        assertThat(message.subject())
                .isEqualTo(
                        "SES account eu-west-1: HEALTHY, first check; account-level suppression off");
        assertThat(message.body())
                .contains("\"suppressedReasons\":[]")
                .contains(
                        "SES will keep sending to addresses that bounced or complained, which counts against"
                                + " the account's reputation; this stack's table still records them. Turn it on"
                                + " with: aws sesv2 put-account-suppression-attributes --suppressed-reasons BOUNCE"
                                + " COMPLAINT");
    }

    @Test
    void givenSuppressionTurnedBackOnThenTheSubjectSaysSoAndTheAdviceHasNothingToAdd() {
        AccountStatusMessage message = message(suppressing(), suppressing("BOUNCE", "COMPLAINT"));

        assertThat(message.subject())
                .isEqualTo(
                        "SES account eu-west-1: account-level suppression on (BOUNCE, COMPLAINT)");
        assertThat(message.body())
                .contains("\"suppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]")
                .doesNotContain("Turn it on");
    }

    @Test
    void givenSuppressionForBouncesOnlyThenTheAdviceNamesTheComplaintsSesStillSendsTo() {
        AccountStatusMessage message =
                message(suppressing("BOUNCE", "COMPLAINT"), suppressing("BOUNCE"));

        assertThat(message.subject())
                .isEqualTo(
                        "SES account eu-west-1: account-level suppression partial (BOUNCE only)");
        assertThat(message.body()).contains("SES will keep sending to addresses that complained");
    }

    @Test
    void givenTenThousandTenantsChangedThenOneMessageListsTheWorstCountsTheRestAndFitsSns() {
        List<TenantState> read = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            read.add(
                    i % 10 == 0
                            ? TenantChangesTest.disabledBySes(
                                    "tenant-" + i, "x".repeat(600), 2, "HIGH")
                            : TenantChangesTest.enabled("tenant-" + i));
        }
        AccountState same = state("HEALTHY", true);
        List<Change> changes = TenantChanges.between(Map.of(), read, true, true).changes();

        AccountStatusMessage message =
                AccountStatusMessage.of(
                        new AccountCheck(CHECKED_AT, "eu-west-1", same, 0), same, changes);

        assertThat(message.body().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(AccountStatusMessage.BODY_BYTES);
        assertThat(message.listed()).isLessThanOrEqualTo(AccountState.STORED_IN_FULL);
        assertThat(message.body())
                .contains("\"changesNotListed\":" + (10_000 - message.listed()))
                .contains("\"tenantsChanged\":10000")
                .contains("; and " + (10_000 - message.listed()) + " more\"")
                .contains("\"field\":\"tenant tenant-0\"");
        assertThat(message.subject())
                .isEqualTo("SES account eu-west-1: 10000 tenants changed, 1000 DISABLED");
    }

    @Test
    void givenOneTenantChangedThenTheSubjectNamesItAndItsNewStatus() {
        AccountState same = state("HEALTHY", true);
        List<Change> changes =
                TenantChanges.between(
                                Map.of(
                                        TenantChangesTest.enabled("acme").arn(),
                                        TenantChangesTest.enabled("acme")),
                                List.of(
                                        TenantChangesTest.disabledBySes(
                                                "acme", "High bounce rate", 1, "HIGH")),
                                true,
                                true)
                        .changes();

        AccountStatusMessage message =
                AccountStatusMessage.of(
                        new AccountCheck(CHECKED_AT, "eu-west-1", same, 0), same, changes);

        assertThat(message.subject())
                .isEqualTo(
                        "SES account eu-west-1: tenant acme: DISABLED by SES-managed (High bounce"
                                + " rate), policy standard, ...");
        assertThat(message.subject()).hasSize(100);
    }
}
