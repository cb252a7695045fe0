package io.sesfeedback.tools.reports;

import static io.sesfeedback.tools.fixtures.SesNotifications.bounce;
import static io.sesfeedback.tools.fixtures.SesNotifications.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code report} on stores filled through the real recorder: the events/ files, and made-up bounces
 * and complaints.
 */
@Tag("moto")
class ReportCommandTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String NEWS = "news@mail.example.com";
    private static final String BILLING = "billing@mail.example.com";

    @TempDir static Path temp;

    /** events/, and a cross-format copy of the permanent bounce. */
    private static Path replayed;

    /** Made-up feedback of the last hours, and older feedback outside the default window. */
    private static Path generated;

    @BeforeAll
    static void recordStores() {
        List<SnsMessage> events =
                new ArrayList<>(EventFiles.names().stream().map(EventFiles::message).toList());
        events.add(EventFiles.inOtherFormat(EventFiles.message("ses-bounce-permanent.json")));
        replayed = RecordedStore.of(temp.resolve("replayed"), events);
        generated = RecordedStore.of(temp.resolve("generated"), generatedFeedback());
    }

    /**
     * In the last 24 hours: 13 permanent bounces from news (12 domains, d01 three times), 2
     * transient and 1 undetermined from billing, 3 abuse complaints from news and 1 without a
     * feedback type from billing, and a cross-format copy of one transient bounce. Three days ago:
     * 5 bounces from old, outside the default window.
     */
    private static List<SnsMessage> generatedFeedback() {
        List<SnsMessage> messages = new ArrayList<>();
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        for (int i = 1; i <= 12; i++) {
            messages.add(
                    bounce(
                            hourAgo.plusSeconds(i),
                            NEWS,
                            "Permanent",
                            "General",
                            "user%02d@d%02d.example.com".formatted(i, i)));
        }
        messages.add(
                bounce(
                        hourAgo.plusSeconds(20),
                        NEWS,
                        "Permanent",
                        "NoEmail",
                        "a@d01.example.com",
                        "b@d01.example.com"));
        SnsMessage transient1 =
                bounce(
                        hourAgo.plusSeconds(30),
                        BILLING,
                        "Transient",
                        "MailboxFull",
                        "full@d02.example.com");
        messages.add(transient1);
        messages.add(
                bounce(
                        hourAgo.plusSeconds(31),
                        BILLING,
                        "Transient",
                        "MailboxFull",
                        "fuller@d02.example.com"));
        messages.add(
                bounce(
                        hourAgo.plusSeconds(32),
                        BILLING,
                        "Undetermined",
                        "Undetermined",
                        "who@d03.example.com"));
        messages.add(EventFiles.inOtherFormat(transient1));
        messages.add(complaint(hourAgo.plusSeconds(40), NEWS, "abuse", "angry@c1.example.net"));
        messages.add(complaint(hourAgo.plusSeconds(41), NEWS, "abuse", "cross@c1.example.net"));
        messages.add(complaint(hourAgo.plusSeconds(42), NEWS, "abuse", "mad@c2.example.net"));
        messages.add(complaint(hourAgo.plusSeconds(43), BILLING, null, "quiet@c1.example.net"));
        for (int i = 0; i < 5; i++) {
            messages.add(
                    bounce(
                            NOW.minus(Duration.ofDays(3)).plusSeconds(i),
                            "old@mail.example.com",
                            "Permanent",
                            "General",
                            "gone%d@old.example.com".formatted(i)));
        }
        return messages;
    }

    @Test
    void countsTheReplayedEventsByTypeBounceTypeComplaintTypeDomainAndSender() {
        CommandRun run =
                CommandRun.of(
                        "report",
                        "--local-store",
                        replayed.toString(),
                        "--since",
                        "2026-11-19",
                        "--until",
                        "2026-11-21");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines().get(0))
                .isEqualTo(
                        "SES feedback from 2026-11-19T00:00:00.000Z to 2026-11-21T00:00:00.000Z"
                                + " (local store "
                                + replayed.resolve("dynamodb-journal.jsonl")
                                + ")");
        assertThat(run.outLinesSpaced())
                .containsSubsequence(
                        "Each SES event counted once: 1 cross-format copy (duplicateOf) skipped.",
                        "Messages by type messages recipients",
                        "Bounce (+1 skipped) 3 5",
                        "Complaint 2 2",
                        "Delivery 2 3",
                        "Send 1 2",
                        "Reject 1 1",
                        "Open 1 1",
                        "Click 1 1",
                        "RenderingFailure 1 1",
                        "DeliveryDelay 1 1",
                        "Subscription 1 1",
                        "Alarm 1 0",
                        "AccountStatus 1 0",
                        "TopicValidation 2 0",
                        "Unrecognised 2 0",
                        "total 20 18",
                        "Bounces by type and subtype messages recipients",
                        "Permanent 2 4",
                        "General 1 3",
                        "NoEmail 1 1",
                        "Transient 1 1",
                        "MailboxFull 1 1",
                        "Hard bounces: 80.0% of bounced recipients (4 of 5) were Permanent.",
                        "SES puts an account under review at a 5% bounce rate, counted against sends.",
                        "This report sees bounces only: this is a share of bounces, not the bounce rate (see Reputation.BounceRate).",
                        "Bounced recipients by domain recipients",
                        "example.com 2",
                        "example.net 2",
                        "example.org 1",
                        "Complaints by feedback type messages recipients",
                        "(not given) 1 1",
                        "abuse 1 1",
                        "Complaining recipients by domain recipients",
                        "example.net 1",
                        "example.org 1",
                        "Busiest senders messages bounces complaints",
                        "noreply@mail.example.com 14 3 2");
    }

    @Test
    void withoutSinceCoversTheLast24HoursAndListsTheTopTenDomains() {
        CommandRun run = CommandRun.of("report", "--local-store", generated.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLinesSpaced())
                .containsSubsequence(
                        "Each SES event counted once: 1 cross-format copy (duplicateOf) skipped.",
                        "Bounce (+1 skipped) 16 17",
                        "Complaint 4 4",
                        "total 20 21",
                        "Permanent 13 14",
                        "General 12 12",
                        "NoEmail 1 2",
                        "Transient 2 2",
                        "MailboxFull 2 2",
                        "Undetermined 1 1",
                        "Undetermined 1 1",
                        "Hard bounces: 82.4% of bounced recipients (14 of 17) were Permanent.",
                        "d01.example.com 3",
                        "d02.example.com 3",
                        "d03.example.com 2",
                        "d04.example.com 1",
                        "d10.example.com 1",
                        "... and 2 more domains",
                        "abuse 3 3",
                        "(not given) 1 1",
                        "c1.example.net 3",
                        "c2.example.net 1",
                        "news@mail.example.com 16 13 3",
                        "billing@mail.example.com 4 3 1");
        assertThat(run.out())
                .doesNotContain("d11.example.com", "old@mail.example.com", "old.example.com");
    }

    @Test
    void aWiderWindowTakesInOlderFeedback() {
        CommandRun run =
                CommandRun.of("report", "--local-store", generated.toString(), "--since", "7d");

        assertThat(run.outLinesSpaced())
                .contains("Bounce (+1 skipped) 21 22", "old@mail.example.com 5 5 0");
    }

    @Test
    void jsonIsOneObjectWithTheSameCounts() {
        CommandRun run =
                CommandRun.of("report", "--local-store", generated.toString(), "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        Map<String, Object> report = Json.readObject(run.out());
        assertThat(report)
                .containsKeys("since", "until", "store")
                .containsEntry("messages", 20)
                .containsEntry("recipients", 21)
                .containsEntry("copiesSkipped", 1);
        assertThat(report.get("byType"))
                .isEqualTo(
                        Map.of(
                                "Bounce",
                                        Map.of(
                                                "messages",
                                                16,
                                                "recipients",
                                                17,
                                                "copiesSkipped",
                                                1),
                                "Complaint",
                                        Map.of(
                                                "messages",
                                                4,
                                                "recipients",
                                                4,
                                                "copiesSkipped",
                                                0)));

        Map<String, Object> bounces = object(report, "bounces");
        assertThat(bounces).containsEntry("messages", 16).containsEntry("recipients", 17);
        assertThat(object(bounces, "byType"))
                .containsOnlyKeys("Permanent", "Transient", "Undetermined");
        assertThat(object(object(bounces, "byType"), "Permanent"))
                .isEqualTo(
                        Map.of(
                                "messages",
                                13,
                                "recipients",
                                14,
                                "bySubType",
                                Map.of(
                                        "General",
                                        Map.of("messages", 12, "recipients", 12),
                                        "NoEmail",
                                        Map.of("messages", 1, "recipients", 2))));
        assertThat(object(bounces, "hardBounceShare"))
                .containsEntry("permanentRecipients", 14)
                .containsEntry("bouncedRecipients", 17)
                .containsEntry("percent", new BigDecimal("82.4"))
                .containsEntry("note", ReportCommand.BOUNCE_RATE_NOTE);
        Map<String, Object> bounceDomains = object(bounces, "domains");
        assertThat(bounceDomains)
                .containsEntry("distinct", 12)
                .containsEntry("recipientsListed", 17)
                .containsEntry("recipientsNamed", 17)
                .containsEntry("cappedMessages", 0);
        List<?> topDomains = (List<?>) bounceDomains.get("top");
        assertThat(topDomains).hasSize(10);
        assertThat(topDomains.subList(0, 3))
                .isEqualTo(
                        List.of(
                                Map.of("domain", "d01.example.com", "recipients", 3),
                                Map.of("domain", "d02.example.com", "recipients", 3),
                                Map.of("domain", "d03.example.com", "recipients", 2)));

        Map<String, Object> complaints = object(report, "complaints");
        assertThat(object(complaints, "byFeedbackType"))
                .isEqualTo(
                        Map.of(
                                "abuse",
                                Map.of("messages", 3, "recipients", 3),
                                "(not given)",
                                Map.of("messages", 1, "recipients", 1)));
        assertThat(object(complaints, "domains").get("top"))
                .isEqualTo(
                        List.of(
                                Map.of("domain", "c1.example.net", "recipients", 3),
                                Map.of("domain", "c2.example.net", "recipients", 1)));
        assertThat(report.get("senders"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "sender",
                                        NEWS,
                                        "messages",
                                        16,
                                        "bounces",
                                        13,
                                        "complaints",
                                        3),
                                Map.of(
                                        "sender",
                                        BILLING,
                                        "messages",
                                        4,
                                        "bounces",
                                        3,
                                        "complaints",
                                        1)));
    }

    @Test
    void saysWhenAMessageListsOnlyPartOfItsRecipients(@TempDir Path folder) {
        // a message item cut to fit 400 KB, as the recorder writes it for a message naming
        // thousands of addresses
        SnsMessage bounce =
                bounce(
                        NOW.minusSeconds(60),
                        NEWS,
                        "Permanent",
                        "General",
                        "one@cut.example.com",
                        "two@cut.example.com",
                        "three@cut.example.com");
        Path store =
                RecordedStore.of(
                        folder,
                        List.of(bounce),
                        table -> {
                            Map<String, AttributeValue> item =
                                    new HashMap<>(
                                            table.client()
                                                    .getItem(
                                                            request ->
                                                                    request.tableName(
                                                                                    table
                                                                                            .tableName())
                                                                            .key(
                                                                                    FeedbackTable
                                                                                            .messageKey(
                                                                                                    bounce
                                                                                                            .messageId())))
                                                    .item());
                            item.put(
                                    "recipients",
                                    AttributeValue.fromL(
                                            List.of(AttributeValue.fromS("one@cut.example.com"))));
                            item.put("recipientsCapped", AttributeValue.fromBool(true));
                            table.client()
                                    .putItem(
                                            request ->
                                                    request.tableName(table.tableName())
                                                            .item(item));
                        });

        CommandRun run = CommandRun.of("report", "--local-store", store.toString());

        assertThat(run.outLinesSpaced())
                .containsSubsequence(
                        "Permanent 1 3",
                        "cut.example.com 1",
                        "(1 message(s) list only part of their recipients, to fit DynamoDB's item size:"
                                + " the domains of 1 of 3 recipients are counted)");
    }

    @Test
    void anEmptyWindowSaysSoAndCountsZero() {
        CommandRun text =
                CommandRun.of(
                        "report",
                        "--local-store",
                        replayed.toString(),
                        "--since",
                        "2026-01-01",
                        "--until",
                        "2026-01-02");
        CommandRun json =
                CommandRun.of(
                        "report",
                        "--local-store",
                        replayed.toString(),
                        "--since",
                        "2026-01-01",
                        "--until",
                        "2026-01-02",
                        "--format",
                        "json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.outLines())
                .containsExactly(
                        "SES feedback from 2026-01-01T00:00:00.000Z to 2026-01-02T00:00:00.000Z (local store "
                                + replayed.resolve("dynamodb-journal.jsonl")
                                + ")",
                        "No messages recorded in this window.");
        Map<String, Object> report = Json.readObject(json.out());
        assertThat(report)
                .containsEntry("messages", 0)
                .containsEntry("copiesSkipped", 0)
                .containsEntry("byType", Map.of())
                .containsEntry("senders", List.of());
        assertThat(object(object(report, "bounces"), "hardBounceShare"))
                .containsEntry("percent", null);
    }

    @Test
    void aSinceThatIsNoTimeIsAUsageErrorOnOneLine() {
        CommandRun run =
                CommandRun.of(
                        "report", "--local-store", replayed.toString(), "--since", "yesterday");

        assertThat(run.exit()).as(run.err()).isEqualTo(ErrorReport.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList())
                .containsExactly(
                        "ses-feedback: Invalid value for option '--since': 'yesterday' is not a time:"
                                + " write 30m, 24h, 7d, 2w, 2026-11-20 or 2026-11-20T10:00:00Z (see 'ses-feedback report --help')");
    }

    @Test
    void anUntilBeforeTheSinceIsAUsageError() {
        CommandRun run =
                CommandRun.of(
                        "report",
                        "--local-store",
                        replayed.toString(),
                        "--since",
                        "2026-11-21",
                        "--until",
                        "2026-11-20");

        assertThat(run.exit()).as(run.err()).isEqualTo(ErrorReport.USAGE);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith(
                        "ses-feedback: --until 2026-11-20T00:00:00.000Z is before --since 2026-11-21T00:00:00.000Z");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }
}
