package io.sesfeedback.tools.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} on a store filled through the real recorder from events/, with a cross-format copy
 * of one bounce.
 */
@Tag("moto")
class ExportCommandTest {

    private static final String PERMANENT_BOUNCE_SNS = "b025f545-dc42-5abb-a3d0-f78648722be8";
    private static final String JANE_ROW =
            "2026-11-20T10:15:01.337Z,Bounce,jane.doe@example.com,example.com,5.1.1,failed,"
                    + "smtp; 550 5.1.1 user unknown,Permanent,General,,010201a1f873c26c-aac8b385-030b-5096-9f2e-2882a34c4981-000000,"
                    + PERMANENT_BOUNCE_SNS
                    + ",noreply@mail.example.com,Welcome to Example,";

    /** The two columns after duplicateOf, tenant and prevented, empty for the events/ rows. */
    private static final String NO_TENANT_NOT_PREVENTED = ",,";

    @TempDir static Path temp;
    private static Path store;
    private static SnsMessage copy;

    @BeforeAll
    static void recordStore() {
        List<SnsMessage> events =
                new ArrayList<>(EventFiles.names().stream().map(EventFiles::message).toList());
        copy = EventFiles.inOtherFormat(EventFiles.message("ses-bounce-permanent.json"));
        events.add(copy);
        store = RecordedStore.of(temp.resolve("store"), events);
    }

    @Test
    void csvHasTheHeaderRowThenOneRowPerRecipientOfEveryMessage() {
        CommandRun run = export("--format", "csv");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0))
                .isEqualTo(ExportRows.HEADER)
                .isEqualTo(String.join(",", ExportRows.COLUMNS));
        assertThat(ExportRows.COLUMNS)
                .containsExactly(
                        "occurredAt",
                        "messageType",
                        "address",
                        "domain",
                        "status",
                        "action",
                        "diagnosticCode",
                        "bounceType",
                        "bounceSubType",
                        "complaintFeedbackType",
                        "sesMessageId",
                        "snsMessageId",
                        "sender",
                        "subject",
                        "duplicateOf",
                        "tenant",
                        "prevented");
        // 19 messages naming 23 recipients, or none; the copy names the bounce's 3 again
        assertThat(lines).hasSize(1 + 27);
        assertThat(lines)
                .contains(
                        JANE_ROW + NO_TENANT_NOT_PREVENTED,
                        JANE_ROW.replace(PERMANENT_BOUNCE_SNS, copy.messageId())
                                + PERMANENT_BOUNCE_SNS
                                + NO_TENANT_NOT_PREVENTED,
                        "2026-11-20T10:15:12.000Z,Complaint,tom.baker@example.net,example.net,,,,,,abuse,"
                                + "010201a1f86486d6-8c9cb2ad-109a-51a0-a59f-a74c558cc4d2-000000,e9635e21-7a4b-5710-a16b-fb1f21e13fb9,"
                                + "noreply@mail.example.com,Welcome to Example,"
                                + NO_TENANT_NOT_PREVENTED,
                        // a message naming nobody is one row without an address; a quote in a field
                        // is doubled
                        "2026-11-20T10:15:29.876Z,Alarm,,,,,,,,,,10cc2466-4925-543d-864a-d811809f74ac,,"
                                + "\"ALARM: \"\"ses-feedback-dev-bounce-rate\"\" in EU (Ireland)\","
                                + NO_TENANT_NOT_PREVENTED);
        assertThat(lines.subList(1, lines.size()))
                .extracting(line -> line.split(",")[1])
                .containsSubsequence("Bounce", "Complaint", "Delivery", "Send", "Unrecognised");
        assertThat(run.err())
                .isEqualTo(
                        "Exported 27 row(s) of 21 message(s) from 2026-11-19T00:00:00.000Z to"
                                + " 2026-11-21T00:00:00.000Z (local store "
                                + store.resolve("dynamodb-journal.jsonl")
                                + ") to standard output\n");
    }

    @Test
    void jsonLinesCarryTheColumnsAsNamesAndNullWhereAMessageHasNoValue() {
        CommandRun run = export("--format", "jsonl");

        assertThat(run.exit()).as(run.err()).isZero();
        List<Map<String, Object>> rows = run.outLines().stream().map(Json::readObject).toList();
        assertThat(rows)
                .hasSize(27)
                .allSatisfy(
                        row ->
                                assertThat(row.keySet())
                                        .containsExactlyElementsOf(ExportRows.COLUMNS));
        assertThat(rows)
                .filteredOn(row -> "ghost.user@example.org".equals(row.get("address")))
                .extracting(row -> row.get("duplicateOf"))
                .containsExactlyInAnyOrder(null, PERMANENT_BOUNCE_SNS);
        Map<String, Object> delay =
                rows.stream()
                        .filter(row -> "DeliveryDelay".equals(row.get("messageType")))
                        .findFirst()
                        .orElseThrow();
        assertThat(delay)
                .containsEntry("address", "slow.server@example.org")
                .containsEntry("domain", "example.org")
                .containsEntry("status", "4.4.1")
                .containsEntry("action", null)
                .containsEntry("diagnosticCode", "smtp; 421 4.4.1 Unable to connect to remote host")
                .containsEntry("bounceType", null)
                .containsEntry("occurredAt", "2026-11-20T10:15:24.095Z");
        assertThat(rows)
                .filteredOn(row -> "TopicValidation".equals(row.get("messageType")))
                .hasSize(2)
                .allSatisfy(row -> assertThat(row).containsEntry("address", null));
    }

    @Test
    void withOutputTheRowsGoToTheFileAndNothingToStandardOutput() throws IOException {
        Path file = temp.resolve("feedback.csv");

        CommandRun run = export("--format", "csv", "--output", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .isEqualTo(export("--format", "csv").outLines());
        assertThat(run.err())
                .startsWith("Exported 27 row(s) of 21 message(s) from ")
                .endsWith(" to " + file + "\n");
    }

    @Test
    void anOutputInAMissingFolderIsOneLine() {
        CommandRun run =
                export(
                        "--format",
                        "csv",
                        "--output",
                        temp.resolve("missing/feedback.csv").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ErrorReport.FAILED);
        assertThat(run.err())
                .isEqualTo(
                        "ses-feedback: Cannot write "
                                + temp.resolve("missing/feedback.csv")
                                + ": no such folder\n");
    }

    @Test
    void anEmptyWindowIsTheHeaderRowAlone() {
        CommandRun csv =
                CommandRun.of(
                        "export",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "2026-01-01",
                        "--until",
                        "2026-01-02",
                        "--format",
                        "csv");
        CommandRun jsonl =
                CommandRun.of(
                        "export",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "2026-01-01",
                        "--until",
                        "2026-01-02",
                        "--format",
                        "jsonl");

        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.outLines()).containsExactly(ExportRows.HEADER);
        assertThat(jsonl.out()).isEmpty();
        assertThat(jsonl.err())
                .startsWith(
                        "Exported 0 row(s) of 0 message(s) from 2026-01-01T00:00:00.000Z to 2026-01-02T00:00:00.000Z");
    }

    @Test
    void aSinceThatIsNoTimeIsAUsageErrorOnOneLine() {
        CommandRun run =
                CommandRun.of(
                        "export",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "last week",
                        "--format",
                        "csv");

        assertThat(run.exit()).as(run.err()).isEqualTo(ErrorReport.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList())
                .containsExactly(
                        "ses-feedback: Invalid value for option '--since': 'last week' is not a time:"
                                + " write 30m, 24h, 7d, 2w, 2026-11-20 or 2026-11-20T10:00:00Z (see 'ses-feedback export --help')");
    }

    @Test
    void sinceAndFormatAreRequiredAndOnlyCsvOrJsonLines() {
        assertThat(
                        CommandRun.of(
                                        "export",
                                        "--local-store",
                                        store.toString(),
                                        "--format",
                                        "csv")
                                .err())
                .startsWith("ses-feedback: Missing required option: '--since=24h|7d|DATE'");
        CommandRun text =
                CommandRun.of(
                        "export",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "7d",
                        "--format",
                        "text");
        assertThat(text.exit()).as(text.err()).isEqualTo(ErrorReport.USAGE);
        assertThat(text.err())
                .startsWith(
                        "ses-feedback: Invalid value for option '--format': expected one of [csv, jsonl]");
    }

    private static CommandRun export(String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "export",
                                "--local-store",
                                store.toString(),
                                "--since",
                                "2026-11-19",
                                "--until",
                                "2026-11-21"));
        args.addAll(List.of(options));
        return CommandRun.of(args.toArray(String[]::new));
    }
}
