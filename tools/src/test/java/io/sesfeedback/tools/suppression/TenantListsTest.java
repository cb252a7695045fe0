package io.sesfeedback.tools.suppression;

import static io.sesfeedback.tools.fixtures.SesNotifications.bounce;
import static io.sesfeedback.tools.fixtures.SesNotifications.complaint;
import static io.sesfeedback.tools.fixtures.SesNotifications.ofTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.ErrorLines;
import io.sesfeedback.tools.fixtures.RecordedStore;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The suppression commands on the list that applies to an SES tenant, on a store the real recorder
 * filled and SES's lists on the loopback stand-in. acme (its own list, scope TENANT) bounced a@
 * permanently, its identity notification first so the event names no tenant, and drew a complaint
 * from c@; globex (scope ACCOUNT) bounced g@ permanently; m@ had a transient bounce from acme's
 * mail and a permanent one from globex's; n@ bounced from mail that names no tenant.
 */
@Tag("moto")
class TenantListsTest {

    private static final Instant HOUR_AGO =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
    private static final String SENDER = "app@mail.example.com";
    private static final String A = "a@acme.example";
    private static final String C = "c@acme.example";
    private static final String G = "g@globex.example";
    private static final String M = "m@both.example";
    private static final String N = "n@other.example";
    private static final String K = "k@hooli.example";

    @TempDir Path temp;
    private Path store;
    private SesV2StandIn ses;

    @BeforeEach
    void recordTwoTenants() throws IOException {
        SnsMessage aNotification = bounce(HOUR_AGO, SENDER, "Permanent", "General", A);
        store =
                RecordedStore.of(
                        temp.resolve("store"),
                        List.of(
                                aNotification,
                                ofTenant(aNotification, "acme"),
                                ofTenant(complaint(at(1), SENDER, "abuse", C), "acme"),
                                ofTenant(
                                        bounce(at(2), SENDER, "Permanent", "General", G), "globex"),
                                ofTenant(
                                        bounce(at(3), SENDER, "Transient", "MailboxFull", M),
                                        "acme"),
                                ofTenant(
                                        bounce(at(4), SENDER, "Permanent", "General", M), "globex"),
                                bounce(at(5), SENDER, "Permanent", "General", N),
                                ofTenant(
                                        bounce(at(6), SENDER, "Permanent", "General", K),
                                        "hooli")));
        ses = SesV2StandIn.start();
        ses.tenantSuppression("acme", "TENANT", List.of("BOUNCE", "COMPLAINT"));
        ses.tenant("globex");
    }

    @AfterEach
    void stopSes() {
        ses.close();
    }

    @Test
    void
            givenAddressesOnTenantListsWhenUnsuppressedThenTheyComeOffTheListsThatApplyToTheirTenants() {
        // given a@ and m@ are on the account's list and acme's own; m@ also on globex's own,
        // which globex's mail does not use (its scope is ACCOUNT)
        for (String address : List.of(A, M)) {
            ses.list(address, "BOUNCE");
            ses.list("acme", address, "BOUNCE");
        }
        ses.list("globex", M, "BOUNCE");

        // when each is unsuppressed without naming a tenant
        Run a = command("unsuppress", A, "--reason", "mailbox fixed");
        Run m = command("unsuppress", M, "--reason", "mailbox fixed");

        // then each came off the account's list and off acme's, the tenant its feedback names (for
        // a@ through the configuration-set copy); globex's own list is left as it is
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(m.exit()).as(m.err()).isZero();
        assertThat(a.out())
                .contains("Took " + A + " off SES's account-level suppression list.")
                .contains(
                        "Suppression list: tenant acme's own (tenant acme's SuppressionScope is TENANT).")
                .contains("Took " + A + " off tenant acme's suppression list on SES.");
        assertThat(m.out())
                .contains("Took " + M + " off tenant acme's suppression list on SES.")
                .doesNotContain("globex");
        assertThat(ses.listed()).isEmpty();
        assertThat(ses.listed("acme")).isEmpty();
        assertThat(ses.listed("globex")).containsOnlyKeys(M);
    }

    @Test
    void givenATenantSesNoLongerHasWhenItsAddressIsUnsuppressedThenThatIsSaidAndTheRestIsDone() {
        ses.list(K, "BOUNCE");

        Run run = command("unsuppress", K, "--reason", "mailbox fixed");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Took " + K + " off SES's account-level suppression list.")
                .contains("Tenant hooli is gone from SES, and its list with it.");
        assertThat(ses.listed()).isEmpty();
    }

    @Test
    void givenATenantsOwnListWhenExportedThenEachEntryIsBackedUpUnderTheTenantsName()
            throws IOException {
        // given acme's own list holds a@, and the account's list holds it for another reason
        ses.list("acme", A, "BOUNCE");
        ses.list(A, "COMPLAINT");

        // when
        Run run = command("ses-suppression", "export", "--tenant", "acme", "--rate", "50");

        // then acme's entry is backed up beside the address's status, under acme's name
        assertThat(run.exit()).as(run.err()).isZero();
        try (LocalFeedbackTable table = RecordedStore.reopen(store)) {
            assertThat(backup(table, "SES_SUPPRESSION#acme"))
                    .containsEntry("tenant", AttributeValue.fromS("acme"))
                    .containsEntry("sesReason", AttributeValue.fromS("BOUNCE"));
            assertThat(backup(table, "SES_SUPPRESSION")).isEmpty();
        }
    }

    @Test
    void givenForgetSesWithATenantWhenRunThenOnlyTheListThatAppliesToItChanges() {
        // given a@ is on both lists
        ses.list(A, "BOUNCE");
        ses.list("acme", A, "BOUNCE");

        // when
        Run run = command("forget", A, "--ses", "--tenant", "acme", "--yes");

        // then acme's own list lost it and the account's kept it
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Suppression list: tenant acme's own (tenant acme's SuppressionScope is TENANT).")
                .contains("Took " + A + " off tenant acme's suppression list on SES.");
        assertThat(ses.listed("acme")).isEmpty();
        assertThat(ses.listed()).containsOnlyKeys(A);
    }

    @Test
    void givenATenantWhoseScopeIsAccountWhenNamedThenTheAccountsListIsUsedAndSaidSo() {
        ses.list(G, "BOUNCE");

        Run run = command("unsuppress", G, "--reason", "mailbox fixed", "--tenant", "globex");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Suppression list: the account's (tenant globex's SuppressionScope is ACCOUNT).")
                .contains("Took " + G + " off SES's account-level suppression list.");
        assertThat(ses.listed()).isEmpty();
    }

    @Test
    void givenAnUnknownTenantWhenNamedThenOneLineAndNothingChanges() throws IOException {
        Path csv = temp.resolve("list.csv");
        Files.writeString(csv, "email,reason,date\r\nx@example.com,bounce,\r\n");
        for (String[] command :
                List.of(
                        new String[] {"unsuppress", N, "--reason", "x", "--tenant", "initech"},
                        new String[] {
                            "suppress", "h@example.com", "--reason", "x", "--tenant", "initech"
                        },
                        new String[] {"forget", N, "--ses", "--yes", "--tenant", "initech"},
                        new String[] {"ses-suppression", "sync", "--tenant", "initech"},
                        new String[] {"import", csv.toString(), "--ses", "--tenant", "initech"})) {
            ErrorLines.assertOneLine(
                    targets(),
                    1,
                    "ses-feedback: SES has no tenant initech in this account and region: check the"
                            + " tenant's name",
                    args(command));
        }
        assertThat(command("suppressed").out()).contains(N).doesNotContain("x@example.com");
        // and --tenant without the SES option it belongs to
        ErrorLines.assertOneLine(
                targets(),
                1,
                "ses-feedback: --tenant names the SES list forget --ses works on: give --ses too",
                args("forget", N, "--tenant", "acme"));
        ErrorLines.assertOneLine(
                targets(),
                1,
                "ses-feedback: --tenant names the SES list to take the address off: not with --no-ses",
                args("unsuppress", N, "--reason", "x", "--no-ses", "--tenant", "acme"));
        ErrorLines.assertOneLine(
                targets(),
                1,
                "ses-feedback: --tenant names the SES list import --ses puts on: give --ses too",
                args("import", csv.toString(), "--tenant", "acme"));
        assertThat(ses.calls()).extracting(SesV2StandIn.Call::operation).containsOnly("GetTenant");
    }

    @Test
    void givenAConfigurationSetWithAScopeWhenAListIsChosenThenItOverridesTheTenants() {
        ses.configurationSet("tenant-mail", true);
        ses.configurationSetSuppressionScope("tenant-mail", "ACCOUNT");
        ses.configurationSet("own-lists", true);
        ses.configurationSetSuppressionScope("own-lists", "TENANT");
        ses.configurationSet("no-scope", true);

        try (SesV2Client client = Cli.client(SesV2Client.builder(), ses.endpoint())) {
            assertThat(TenantList.of(client, "acme", "tenant-mail"))
                    .isEqualTo(
                            new TenantList(
                                    null,
                                    "Suppression list: the account's (configuration set tenant-mail's"
                                            + " SuppressionScope ACCOUNT overrides: tenant acme's"
                                            + " SuppressionScope is TENANT)."));
            assertThat(TenantList.of(client, "globex", "own-lists").tenant()).isEqualTo("globex");
            assertThat(TenantList.of(client, "acme", "no-scope").tenant()).isEqualTo("acme");
            assertThat(TenantList.of(client, "globex", "no-scope").tenant()).isNull();
        }
    }

    @Test
    void givenATenantWithItsOwnListWhenSyncedThenTheAddressesItsMailSuppressedGoOnIt() {
        Run run = command("ses-suppression", "sync", "--tenant", "acme", "--rate", "50");

        // then a@ (through its configuration-set copy) and c@ are put, with their reasons; not
        // globex's, nor m@ (suppressed by globex's mail), nor n@
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Suppression list: tenant acme's own (tenant acme's SuppressionScope is TENANT).")
                .contains("Tenant acme's list on SES holds 0 address(es)")
                .contains("suppresses 2 from tenant acme's mail");
        assertThat(ses.listed("acme")).isEqualTo(Map.of(A, "BOUNCE", C, "COMPLAINT"));
        assertThat(ses.listed()).isEmpty();
    }

    @Test
    void givenImportSesWithATenantWhenRunThenTheRowsGoOnItsList() throws IOException {
        Path csv = temp.resolve("list.csv");
        Files.writeString(csv, "email,reason,date\r\nx@example.com,bounce,\r\n");

        Run run = command("import", csv.toString(), "--ses", "--tenant", "acme", "--rate", "50");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Suppression list: tenant acme's own (tenant acme's SuppressionScope is TENANT).")
                .contains("Put 1 on tenant acme's suppression list on SES");
        assertThat(ses.listed("acme")).containsOnlyKeys("x@example.com");
        assertThat(ses.listed()).isEmpty();
    }

    @Test
    void givenAnAddressSuppressedByHandForATenantWhenItsListIsSyncedThenItGoesOnThatList() {
        String h = "h@acme.example";

        // when an operator suppresses h@ for acme, then acme's list is synced
        Run suppressed =
                command("suppress", h, "--reason", "asked acme to stop", "--tenant", "acme");
        Run listed = command("suppressed", "--tenant", "acme");
        Run synced = command("ses-suppression", "import", "--tenant", "acme", "--rate", "50");

        // then h@ is acme's as the addresses its mail suppressed are, and goes on its list
        assertThat(suppressed.exit()).as(suppressed.err()).isZero();
        assertThat(suppressed.out()).contains("for tenant acme: asked acme to stop");
        assertThat(listed.out()).contains(h, A, C).contains("3 suppressed address(es)");
        assertThat(synced.exit()).as(synced.err()).isZero();
        assertThat(ses.listed("acme")).containsOnlyKeys(h, A, C);

        // and once unsuppressed, it is no longer acme's suppression
        command("unsuppress", h, "--reason", "asked again", "--no-ses");
        assertThat(command("suppressed", "--tenant", "acme").out()).doesNotContain(h);
    }

    @Test
    void
            givenTwoTenantsWhenSuppressedIsAskedForOneThenOnlyTheAddressesItsMailSuppressedAreListed() {
        Run run = command("suppressed", "--tenant", "globex");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(G, M)
                .doesNotContain(A, C, N)
                .contains("2 suppressed address(es) in the")
                .contains("from tenant globex's mail");
    }

    @Test
    void
            givenAnAddressMailedByTwoTenantsWhenItsHistoryIsAskedForOneThenOnlyThatTenantsEventsShow() {
        Run acme = command("history", M, "--tenant", "acme");
        Run all = command("history", M);

        assertThat(acme.exit()).as(acme.err()).isZero();
        assertThat(acme.out()).contains("tenant acme").doesNotContain("tenant globex");
        assertThat(all.out()).contains("tenant acme").contains("tenant globex");
    }

    private Map<String, AttributeValue> backup(LocalFeedbackTable table, String sortKey) {
        return table.client()
                .getItem(
                        r ->
                                r.tableName(table.tableName())
                                        .key(
                                                Map.of(
                                                        "pk",
                                                        AttributeValue.fromS("RECIPIENT#" + A),
                                                        "sk",
                                                        AttributeValue.fromS(sortKey))))
                .item();
    }

    private static Instant at(int seconds) {
        return HOUR_AGO.plusSeconds(seconds);
    }

    private Run command(String... command) {
        return Cli.run(targets(), args(command));
    }

    private String[] args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--local-store", store.toString(), "--region", Cli.REGION));
        return args.toArray(String[]::new);
    }

    private AwsClients targets() {
        return Cli.targets(Map.of("sesv2", ses.endpoint()));
    }
}
