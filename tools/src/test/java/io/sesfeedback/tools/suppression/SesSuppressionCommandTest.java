package io.sesfeedback.tools.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.RecordedStore;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * ses-suppression and forget --ses on a store the real recorder filled, against SES's list on
 * loopback.
 */
@Tag("moto")
class SesSuppressionCommandTest {

    private static final String JANE = "jane.doe@example.com";
    private static final String OLD = "old.account@example.com";
    private static final String GHOST = "ghost.user@example.org";
    private static final String TOM = "tom.baker@example.net";

    @TempDir Path temp;
    private Path store;
    private SesV2StandIn ses;

    @BeforeEach
    void recordABounceAndAComplaint() throws IOException {
        // three addresses suppressed by a permanent bounce, one by a complaint
        store =
                RecordedStore.of(
                        temp.resolve("store"),
                        List.of(
                                EventFiles.message("ses-bounce-permanent.json"),
                                EventFiles.message("ses-complaint.json")));
        ses = SesV2StandIn.start();
    }

    @AfterEach
    void stopSes() {
        ses.close();
    }

    @Test
    void exportBacksEverySesEntryUpUnderItsAddress() throws IOException {
        // given SES lists three addresses, one spelt as a mailer might, over two pages
        ses.list("Jane.Doe@Example.COM", "BOUNCE");
        ses.list("someone.else@example.com", "COMPLAINT");
        ses.list("third@example.com", "BOUNCE");

        // when
        Run run = sesSuppression("export");

        // then each is an item beside the address's status, spelt as the recorder spells it
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("back up        jane.doe@example.com                     BOUNCE")
                .contains(
                        "SES's list holds 3 address(es), the local store "
                                + store.resolve("dynamodb-journal.jsonl")
                                + " suppresses 4:"
                                + " 2 on SES's list only, 3 in the table only, 1 on both.")
                .contains("Backed up 3 into the table, put 0 on SES's list.");
        assertThat(backups())
                .containsOnlyKeys(JANE, "someone.else@example.com", "third@example.com")
                .containsEntry("someone.else@example.com", "COMPLAINT")
                .containsEntry(JANE, "BOUNCE");
        assertThat(ses.listed()).hasSize(3);
    }

    @Test
    void importPutsEachSuppressedAddressWithItsReasonAndARunAgainPutsNothing() {
        // given SES lists Jane already
        ses.list(JANE, "BOUNCE");

        // when
        Run first = sesSuppression("import");
        Run again = sesSuppression("import");

        // then the other three are put, with the reason that suppressed them, once
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Backed up 0 into the table, put 3 on SES's list.");
        assertThat(ses.listed())
                .isEqualTo(
                        Map.of(JANE, "BOUNCE", OLD, "BOUNCE", GHOST, "BOUNCE", TOM, "COMPLAINT"));
        assertThat(again.out()).contains("4 on both").contains("put 0 on SES's list");
        assertThat(ses.calls()).filteredOn(call -> call.method().equals("PUT")).hasSize(3);
    }

    @Test
    void anAddressSesRefusesIsNamedAndTheOthersArePutRunAfterRun() {
        // given SES will not take Tom's address
        ses.refuseAddress(TOM);

        // when
        Run first = sesSuppression("import");
        Run again = sesSuppression("import");

        // then the other three are on SES's list, the refusal is named, and a second run does not
        // stop at it either
        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        assertThat(first.out())
                .contains("refused        " + TOM)
                .contains("put 3 on SES's list. SES refused 1 address(es), listed above.");
        assertThat(ses.listed()).containsOnlyKeys(JANE, OLD, GHOST);
        assertThat(again.out())
                .contains("refused        " + TOM)
                .contains("put 0 on SES's list. SES refused 1");
    }

    @Test
    void syncDryRunShowsTheDifferenceAndWritesNothing() throws IOException {
        ses.list("someone.else@example.com", "COMPLAINT");

        Run run = sesSuppression("sync", "--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("would back up  someone.else@example.com", "would put      " + TOM + "  ")
                .contains("1 on SES's list only, 4 in the table only, 0 on both.")
                .contains(
                        "Dry run, nothing written: would back up 1 into the table, would put 4 on SES's list.");
        assertThat(ses.listed()).containsOnlyKeys("someone.else@example.com");
        assertThat(ses.calls()).extracting(SesV2StandIn.Call::method).containsOnly("GET");
        assertThat(backups()).isEmpty();
    }

    @Test
    void syncBacksUpAndPutsSoBothListsEndTheSame() throws IOException {
        ses.list("someone.else@example.com", "COMPLAINT");

        Run run = sesSuppression("sync");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(ses.listed())
                .containsOnlyKeys("someone.else@example.com", JANE, OLD, GHOST, TOM);
        assertThat(backups()).containsOnlyKeys("someone.else@example.com");
    }

    @Test
    void callsAreSpacedByTheRate() {
        // given four addresses to put, at five calls a second
        Run run = sesSuppression("import", "--rate", "5");

        // then the five calls (one list, four puts) all reached SES, in order
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(ses.calls())
                .extracting(SesV2StandIn.Call::method)
                .containsExactly("GET", "PUT", "PUT", "PUT", "PUT");
    }

    /**
     * The spacing in the list's own time, not in arrival times at the stand-in: those also carry
     * each request's trip, which a busy machine stretches for one call and not the next (189 ms was
     * seen between calls paced 200 ms apart).
     */
    @Test
    void eachCallWaitsUntilTheSpacingHasPassedSinceTheLastOneStarted() {
        // given a list paced at 200 ms, on a clock that moves only when the pacing sleeps
        List<Long> sleeps = new ArrayList<>();
        long[] now = {0};
        SesSuppressionList.Ticker virtual =
                new SesSuppressionList.Ticker() {
                    @Override
                    public long nanoTime() {
                        return now[0];
                    }

                    @Override
                    public void sleep(long nanos) {
                        sleeps.add(nanos);
                        now[0] += nanos;
                    }
                };
        try (SesV2Client client = Cli.client(SesV2Client.builder(), ses.endpoint())) {
            SesSuppressionList list =
                    new SesSuppressionList(client, Duration.ofMillis(200), virtual);

            // when three addresses are put
            list.put("a@example.com", SuppressionListReason.BOUNCE);
            list.put("b@example.com", SuppressionListReason.BOUNCE);
            list.put("c@example.com", SuppressionListReason.COMPLAINT);
        }

        // then the second and third each waited the whole 200 ms, and the first not at all
        assertThat(sleeps).containsExactly(200_000_000L, 200_000_000L);
    }

    @Test
    void forgetWithSesTakesTheAddressOffSesListToo() {
        ses.list(TOM, "COMPLAINT");

        Run forgotten =
                Cli.run(
                        targets(),
                        "forget",
                        TOM,
                        "--ses",
                        "--yes",
                        "--local-store",
                        store.toString(),
                        "--region",
                        Cli.REGION);
        Run again =
                Cli.run(
                        targets(),
                        "forget",
                        TOM,
                        "--ses",
                        "--yes",
                        "--local-store",
                        store.toString(),
                        "--region",
                        Cli.REGION);

        assertThat(forgotten.exit()).as(forgotten.err()).isZero();
        assertThat(forgotten.out())
                .contains("Took " + TOM + " off SES's account-level suppression list.");
        assertThat(ses.listed()).isEmpty();
        assertThat(again.out())
                .contains("Nothing stored about " + TOM)
                .contains(TOM + " was not on SES's account-level suppression list.");
    }

    @Test
    void anUnknownActionIsAOneLineUsageError() {
        Run run = sesSuppression("merge");

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst())
                .hasValueSatisfying(
                        line ->
                                assertThat(line)
                                        .contains("expected export, import or sync, not 'merge'"));
        assertThat(ses.calls()).isEmpty();
    }

    private Run sesSuppression(String... options) {
        List<String> args = new ArrayList<>(List.of("ses-suppression"));
        args.addAll(List.of(options));
        if (!args.contains("--rate")) {
            // the default, one a second, is what SES gets; the tests need not wait for it
            args.addAll(List.of("--rate", "50"));
        }
        args.addAll(List.of("--local-store", store.toString(), "--region", Cli.REGION));
        return Cli.run(targets(), args.toArray(String[]::new));
    }

    private AwsClients targets() {
        return Cli.targets(Map.of("sesv2", ses.endpoint()));
    }

    /** The SES_SUPPRESSION items of the store: address to reason. */
    private Map<String, String> backups() throws IOException {
        try (LocalFeedbackTable table = RecordedStore.reopen(store);
                Stream<Map<String, AttributeValue>> items =
                        table
                                .client()
                                .scanPaginator(r -> r.tableName(table.tableName()))
                                .items()
                                .stream()) {
            return items.filter(
                            item ->
                                    item.get(FeedbackTable.SK)
                                            .s()
                                            .equals(FeedbackTable.SES_SUPPRESSION_SORT_KEY))
                    .collect(
                            java.util.stream.Collectors.toMap(
                                    item -> item.get("address").s(),
                                    item -> item.get("sesReason").s()));
        }
    }
}
