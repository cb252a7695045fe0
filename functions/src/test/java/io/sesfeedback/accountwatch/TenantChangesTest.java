package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a tenant read now is compared with the one stored: what is news, what is not. */
class TenantChangesTest {

    private static final String PREFIX = "arn:aws:ses:eu-west-1:123456789012:tenant/";

    static TenantState enabled(String name) {
        return new TenantState(
                name,
                PREFIX + name + "/id-" + name,
                "ENABLED",
                "ENABLED",
                null,
                "ENABLED",
                null,
                "standard",
                0,
                null);
    }

    static TenantState disabledBySes(String name, String cause, int findings, String impact) {
        return new TenantState(
                name,
                PREFIX + name + "/id-" + name,
                "DISABLED",
                "ENABLED",
                null,
                "DISABLED",
                cause,
                "standard",
                findings,
                impact);
    }

    private static Map<String, TenantState> stored(TenantState... tenants) {
        return java.util.Arrays.stream(tenants)
                .collect(java.util.stream.Collectors.toMap(TenantState::arn, t -> t));
    }

    @Test
    void givenATenantSesDisabledWhenComparedThenItIsTheOneChangeWithItsCauseAndTheOnlyOneStored() {
        TenantChanges changes =
                TenantChanges.between(
                        stored(enabled("acme"), enabled("globex")),
                        List.of(
                                disabledBySes("acme", "High bounce rate", 1, "HIGH"),
                                enabled("globex")),
                        true,
                        true);

        assertThat(changes.changes())
                .containsExactly(
                        new Change(
                                "tenant acme",
                                "ENABLED, policy standard, 0 open findings",
                                "DISABLED by SES-managed (High bounce rate), policy standard, 1"
                                        + " open finding (highest HIGH)"));
        assertThat(changes.toStore()).extracting(TenantState::name).containsExactly("acme");
        assertThat(changes.deletedArns()).isEmpty();
    }

    @Test
    void givenOnlyTheCauseRewordedWhenComparedThenNothingChanged() {
        TenantChanges changes =
                TenantChanges.between(
                        stored(disabledBySes("acme", "High bounce rate", 1, "HIGH")),
                        List.of(disabledBySes("acme", "Bounce rate above 10%", 1, "HIGH")),
                        true,
                        true);

        assertThat(changes.changes()).isEmpty();
        assertThat(changes.toStore()).isEmpty();
    }

    @Test
    void givenAStoredTenantNotListedThenItIsDeletedOnlyWhenSesListedEveryTenant() {
        Map<String, TenantState> before = stored(enabled("acme"), enabled("globex"));

        TenantChanges partial =
                TenantChanges.between(before, List.of(enabled("acme")), false, true);
        TenantChanges complete =
                TenantChanges.between(before, List.of(enabled("acme")), true, true);

        assertThat(partial.changes()).isEmpty();
        assertThat(partial.deletedArns()).isEmpty();
        assertThat(complete.deletedArns()).containsExactly(enabled("globex").arn());
        assertThat(complete.changes())
                .containsExactly(
                        new Change(
                                "tenant globex",
                                "ENABLED, policy standard, 0 open findings",
                                "deleted"));
    }

    @Test
    void givenFindingsNotAllListedThenEachTenantKeepsTheFindingsStored() {
        TenantState stored = disabledBySes("acme", null, 3, "HIGH");

        TenantChanges changes =
                TenantChanges.between(
                        stored(stored),
                        List.of(disabledBySes("acme", null, 1, "LOW")),
                        true,
                        false);

        assertThat(changes.changes()).isEmpty();
    }

    @Test
    void givenNewTenantsThenEachIsAChangeTheDisabledFirstThenTheHighestImpact() {
        TenantChanges changes =
                TenantChanges.between(
                        Map.of(),
                        List.of(
                                enabled("aaa"),
                                disabledBySes("zzz", null, 1, "LOW"),
                                disabledBySes("mmm", null, 1, "HIGH")),
                        true,
                        true);

        assertThat(changes.changes())
                .extracting(Change::field)
                .containsExactly("tenant mmm", "tenant zzz", "tenant aaa");
        assertThat(changes.changes()).allSatisfy(c -> assertThat(c.from()).isNull());
    }

    @Test
    void aTenantsNameIsTheFirstSegmentAfterTenantInItsArnAndOtherResourcesAreNone() {
        assertThat(TenantState.nameOf(PREFIX + "acme/0f1e")).isEqualTo("acme");
        assertThat(TenantState.nameOf("arn:aws:ses:eu-west-1:123456789012:identity/example.com"))
                .isNull();
        assertThat(TenantState.policyOf("arn:aws:ses:eu-west-1:aws:reputation-policy/strict"))
                .isEqualTo("strict");
    }
}
