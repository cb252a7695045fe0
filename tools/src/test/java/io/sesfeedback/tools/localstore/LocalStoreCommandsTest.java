package io.sesfeedback.tools.localstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.targets.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * suppressed, history and message on the local store, filled by bin/replay's own code from events/.
 */
@Tag("moto")
class LocalStoreCommandsTest {

    @TempDir static Path dir;
    private static String store;

    @BeforeAll
    static void replayTheEventsFolder() {
        store = dir.resolve("store").toString();
        PrintStream quiet =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int exit =
                new ReplayCommand(quiet, quiet)
                        .run(
                                "--fresh",
                                "--store",
                                store,
                                "--log-file",
                                dir.resolve("log.jsonl").toString(),
                                "events");
        assertThat(exit).isZero();
    }

    private static CommandRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--local-store";
        all[args.length + 1] = store;
        return CommandRun.of(new AwsClients(), all);
    }

    @Test
    void suppressedListsEveryPermanentBounceAndComplaintOldestFirst() {
        CommandRun run = run("suppressed");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .hasSize(7)
                .first()
                .asString()
                .startsWith("nobody@example.net")
                .contains("Permanent bounce (NoEmail)");
        assertThat(run.out())
                .contains("jane.doe@example.com", "tom.baker@example.net", "Complaint (abuse)")
                .contains("6 suppressed address(es) in the local store")
                .doesNotContain("full.inbox@example.net");
    }

    @Test
    void suppressedAsCsvHasAHeaderAndOneRecordPerAddress() {
        CommandRun run = run("suppressed", "--format", "csv");

        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "address,suppressedAt,suppressionReason,suppressedBy,permanentBounces,"
                                + "transientBounces,undeterminedBounces,complaints");
        assertThat(lines)
                .hasSize(7)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .isEqualTo(
                                                "jane.doe@example.com,2026-11-20T10:15:01.337Z,Permanent bounce (General): smtp; 550 5.1.1 user unknown,"
                                                        + "b025f545-dc42-5abb-a3d0-f78648722be8,1,0,0,0"));
    }

    @Test
    void suppressedAsJsonIsOneObjectPerAddress() {
        CommandRun run = run("suppressed", "--format", "json", "--since", "2026-11-20T10:15:05Z");

        List<Map<String, Object>> statuses = run.out().lines().map(Json::readObject).toList();
        assertThat(statuses)
                .extracting(status -> status.get("address"))
                .containsExactly("reader@example.org", "tom.baker@example.net");
        assertThat(statuses.get(1))
                .containsEntry("complaints", 1)
                .containsEntry("suppressed", true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jane.doe@example.com",
                "Jane.Doe@Example.COM",
                "\"Jane Doe\" <JANE.DOE@example.com>"
            })
    void historyAcceptsAnySpellingOfTheAddress(String spelling) {
        CommandRun run = run("history", spelling);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("jane.doe@example.com\n")
                .contains(
                        "status: SUPPRESSED since 2026-11-20T10:15:01.337Z: Permanent bounce (General)")
                .contains(
                        "permanentBounces 1, transientBounces 0, undeterminedBounces 0, complaints 0")
                .contains(
                        "2026-11-20T10:15:01.337Z  Bounce            Permanent  General  5.1.1  smtp; 550 5.1.1 user unknown");
    }

    @Test
    void historyOfAnAddressThatOnlyReceivedMailShowsItsDeliveries() {
        CommandRun run = run("history", "alice@example.com", "--format", "json");

        assertThat(run.out().lines().map(Json::readObject).toList())
                .singleElement()
                .satisfies(event -> assertThat(event).containsEntry("messageType", "Delivery"));
    }

    @Test
    void messageBySesMessageIdShowsTheMessageItsRecipientsAndRawBody() {
        CommandRun run =
                run("message", "010201a1f873c26c-aac8b385-030b-5096-9f2e-2882a34c4981-000000");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith(
                        "Bounce  2026-11-20T10:15:01.337Z  sns b025f545-dc42-5abb-a3d0-f78648722be8")
                .contains(
                        "recipients           jane.doe@example.com, old.account@example.com, ghost.user@example.org")
                .contains("raw                  {\"notificationType\":\"Bounce\"");
    }

    @Test
    void messageBySnsMessageIdAsJsonCarriesTheRawBodyDecoded() {
        CommandRun run = run("message", "b025f545-dc42-5abb-a3d0-f78648722be8", "--format", "json");

        assertThat(run.out().lines().map(Json::readObject).toList())
                .singleElement()
                .satisfies(
                        message -> {
                            assertThat(message)
                                    .containsEntry("messageType", "Bounce")
                                    .doesNotContainKey("rawGzip");
                            assertThat((String) message.get("raw"))
                                    .startsWith("{\"notificationType\":\"Bounce\"");
                        });
    }

    @Test
    void unknownMessageIdIsOneLineAndExitOne() {
        CommandRun run = run("message", "no-such-id");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("ses-feedback: Nothing recorded for 'no-such-id' in the local store");
    }

    @Test
    void addressThatIsNotOneIsAUsageError() {
        CommandRun run = run("history", "jane.doe.example.com");

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("ses-feedback: Not an address: 'jane.doe.example.com' (no @)\n");
    }

    @Test
    void missingLocalStoreSaysHowToFillIt() {
        CommandRun run =
                CommandRun.of(
                        new AwsClients(),
                        "suppressed",
                        "--local-store",
                        dir.resolve("nothing-here").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err())
                .contains("No local store at")
                .contains("run bin/replay first")
                .doesNotContain("Exception");
    }

    @Test
    void formatACommandCannotPrintIsAUsageError() {
        CommandRun run = run("history", "jane.doe@example.com", "--format", "csv");

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--format", "csv");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("suppressed", "history", "message")) {
            CommandRun run = CommandRun.of(new AwsClients(), command, "--help");

            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out())
                    .as(command)
                    .contains("Usage: ses-feedback " + command, "--env", "--local-store");
        }
    }
}
