package io.sesfeedback.tools.localstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir Path tempDir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int replay(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--log-file",
                                tempDir.resolve("feedback-log.jsonl").toString(),
                                "--store",
                                tempDir.resolve("store").toString()));
        all.addAll(List.of(args));
        return new ReplayCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Tag("moto")
    void replayOfTheEventsFolderPrintsEachMessageItsRecipientsAndSuppressions() throws Exception {
        int exit = replay();

        assertThat(exit).isZero();
        assertThat(out())
                .contains(
                        "events/ses-bounce-permanent.json",
                        "jane.doe@example.com",
                        "now SUPPRESSED: Permanent bounce (General): smtp; 550 5.1.1 user unknown",
                        "transientBounces 0 -> 1",
                        "Unrecognised",
                        "Replayed " + EventFiles.names().size() + " file(s)")
                .as("the count's markers are bookkeeping, not what changed for the address")
                .doesNotContain(FeedbackTable.COUNT_MARKER_PREFIX);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(tempDir.resolve("feedback-log.jsonl").toString());
        assertThat(Files.readAllLines(tempDir.resolve("feedback-log.jsonl")))
                .hasSize(EventFiles.names().size());
    }

    @Test
    @Tag("moto")
    void eachMessageIdIsLabelledByTheFormatItCameIn() throws Exception {
        // when an SNS notification and an EventBridge event are replayed
        int exit = replay("events/ses-bounce-permanent.json", "events/eventbridge-bounce.json");

        // then the EventBridge event's id is not called an SNS MessageId
        assertThat(exit).isZero();
        assertThat(out())
                .contains(
                        "Bounce  sns b025f545-dc42-5abb-a3d0-f78648722be8",
                        "Bounce  eventbridge 5f3b7a2e-8c1d-4e6f-9a0b-1c2d3e4f5a61")
                .doesNotContain("sns 5f3b7a2e-8c1d-4e6f-9a0b-1c2d3e4f5a61");
    }

    @Test
    @Tag("moto")
    void jsonPrintsOneObjectPerStoredItemWithAttributeNamesAsStored() throws Exception {
        int exit = replay("--json", "events/ses-bounce-permanent.json", "events/ses-delivery.json");

        assertThat(exit).isZero();
        List<Map<String, Object>> items = new ArrayList<>();
        for (String line : out().lines().toList()) {
            items.add(Json.readObject(line));
        }
        // 2 messages, 3 + 2 recipient events and 3 statuses (a delivery changes no status)
        assertThat(items).hasSize(10);
        assertThat(items)
                .filteredOn(item -> "RECIPIENT#jane.doe@example.com".equals(item.get("pk")))
                .extracting(item -> item.get("sk"))
                .contains("STATUS");
        assertThat(items)
                .filteredOn(item -> "STATUS".equals(item.get("sk")))
                .allSatisfy(
                        status ->
                                assertThat(status)
                                        .containsEntry("suppressed", true)
                                        .containsEntry("permanentBounces", 1));
    }

    @Test
    @Tag("moto")
    void storeOutlivesTheRunAndFreshEmptiesIt() throws Exception {
        replay("--json", "events/ses-complaint.json");
        out.reset();

        replay("--json", "events/ses-delivery.json");
        List<String> both = out().lines().toList();
        out.reset();
        replay("--fresh", "--json", "events/ses-delivery.json");

        assertThat(both).anyMatch(line -> line.contains("tom.baker@example.net"));
        assertThat(out().lines())
                .noneMatch(line -> line.contains("tom.baker@example.net"))
                .isNotEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(tempDir.resolve("store").resolve("dynamodb-journal.jsonl").toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(replay("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown option --frobnicate", "usage:");
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        assertThat(replay("events/no-such-file.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("events/no-such-file.json: no such file or folder");
    }

    @Test
    @Tag("moto")
    void fileThatIsNotAnSnsEventIsReportedAndFailsTheRun() throws Exception {
        Path notAnEvent = tempDir.resolve("not-an-event.json");
        Files.writeString(notAnEvent, "{\"hello\":\"world\"}");

        assertThat(replay(notAnEvent.toString(), "events/ses-complaint.json")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not-an-event.json");
        assertThat(out()).contains("tom.baker@example.net");
    }
}
