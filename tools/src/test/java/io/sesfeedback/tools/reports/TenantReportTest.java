package io.sesfeedback.tools.reports;

import static io.sesfeedback.tools.fixtures.SesNotifications.bounce;
import static io.sesfeedback.tools.fixtures.SesNotifications.complaint;
import static io.sesfeedback.tools.fixtures.SesNotifications.ofTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on a store holding two SES tenants' feedback and a bounce that names none, with
 * one prevented send (the address on the account's suppression list): acme bounced a@ permanently
 * (its identity notification arrived first, so the copy that holds the event names no tenant) and
 * was prevented from mailing p@; globex bounced g@ permanently and drew a complaint from c@; a
 * transient bounce of t@ names no tenant.
 */
@Tag("moto")
class TenantReportTest {

    private static final Instant HOUR_AGO =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
    private static final String SENDER = "app@mail.example.com";

    @TempDir static Path temp;

    private static Path store;

    @BeforeAll
    static void recordTwoTenants() {
        SnsMessage acmeNotification =
                bounce(HOUR_AGO, SENDER, "Permanent", "General", "a@acme.example");
        store =
                RecordedStore.of(
                        temp.resolve("tenants"),
                        List.of(
                                acmeNotification,
                                ofTenant(acmeNotification, "acme"),
                                ofTenant(
                                        bounce(
                                                HOUR_AGO.plusSeconds(1),
                                                SENDER,
                                                "Permanent",
                                                "OnAccountSuppressionList",
                                                "p@acme.example"),
                                        "acme"),
                                ofTenant(
                                        bounce(
                                                HOUR_AGO.plusSeconds(2),
                                                SENDER,
                                                "Permanent",
                                                "General",
                                                "g@globex.example"),
                                        "globex"),
                                ofTenant(
                                        complaint(
                                                HOUR_AGO.plusSeconds(3),
                                                SENDER,
                                                "abuse",
                                                "c@globex.example"),
                                        "globex"),
                                bounce(
                                        HOUR_AGO.plusSeconds(4),
                                        SENDER,
                                        "Transient",
                                        "MailboxFull",
                                        "t@other.example")));
    }

    private static CommandRun report(String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of("report", "--local-store", store.toString(), "--since", "2h"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void givenAPreventedSendWhenReportedThenItIsLabelledApartAndLeftOutOfTheBounceFigures() {
        CommandRun run = report();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLinesSpaced())
                .containsSubsequence(
                        "Bounces by type and subtype messages recipients",
                        "Permanent 2 2",
                        "General 2 2",
                        "Transient 1 1",
                        "Hard bounces: 66.7% of bounced recipients (2 of 3) were Permanent.")
                .containsSubsequence(
                        "Not bounces messages recipients",
                        "prevented (on the suppression list) 1 1")
                .noneMatch(line -> line.startsWith("OnAccountSuppressionList"));
    }

    @Test
    void givenAComplaintSesNeverSentWhenReportedThenItIsPreventedNotAComplaint() {
        SnsMessage complaint = complaint(HOUR_AGO, SENDER, "abuse", "listed@example.org");
        Map<String, Object> body = Json.readObject(complaint.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) body.get("complaint");
        detail.put("complaintSubType", "OnAccountSuppressionList");
        Path prevented =
                RecordedStore.of(
                        temp.resolve("prevented-complaint"),
                        List.of(
                                new SnsMessage(
                                        complaint.messageId(),
                                        complaint.topicArn(),
                                        complaint.subject(),
                                        complaint.publishedAt(),
                                        Json.write(body))));

        CommandRun run =
                CommandRun.of(
                        "report",
                        "--local-store",
                        prevented.toString(),
                        "--since",
                        "2h",
                        "--format",
                        "json");

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, Object> report = Json.readObject(run.out());
        assertThat(((Map<?, ?>) report.get("prevented")).get("recipients"))
                .as(run.out())
                .hasToString("1");
        assertThat(((Map<?, ?>) report.get("complaints")).get("recipients")).hasToString("0");
    }

    @Test
    void givenSeveralTenantsWhenReportedThenFiguresAreBrokenDownByTenant() {
        CommandRun text = report();
        CommandRun json = report("--format", "json");
        CommandRun csv = report("--format", "csv");

        assertThat(text.outLinesSpaced())
                .containsSubsequence(
                        "By tenant bounced permanent prevented complained",
                        "(no tenant) 1 0 0 0",
                        "acme 1 1 1 0",
                        "globex 1 1 0 1");
        Map<String, Object> report = Json.readObject(json.out());
        assertThat((List<?>) report.get("byTenant"))
                .extracting(entry -> (Object) ((Map<?, ?>) entry).get("tenant"))
                .containsExactly("(no tenant)", "acme", "globex");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.outLines())
                .containsExactly(
                        "tenant,bounceMessages,bouncedRecipients,permanentBouncedRecipients,"
                                + "preventedMessages,preventedRecipients,complaintMessages,complainedRecipients",
                        "(no tenant),1,1,0,0,0,0,0",
                        "acme,1,1,1,1,1,0,0",
                        "globex,1,1,1,0,0,1,1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenATenantNamedWhenReportedThenOnlyItsMessagesCount() {
        CommandRun run = report("--tenant", "globex", "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, Object> report = Json.readObject(run.out());
        assertThat(report).containsEntry("tenant", "globex").doesNotContainKey("byTenant");
        assertThat((Map<String, Object>) report.get("bounces")).containsEntry("recipients", 1);
        assertThat((Map<String, Object>) report.get("prevented")).containsEntry("recipients", 0);
        assertThat((Map<String, Object>) report.get("complaints")).containsEntry("recipients", 1);
    }

    @Test
    void givenATenantNamedWhenExportedThenOnlyItsRowsAndThePreventedSendMarked() {
        CommandRun run =
                CommandRun.of(
                        "export",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "2h",
                        "--format",
                        "jsonl",
                        "--tenant",
                        "acme");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines().stream().map(Json::readObject).toList())
                .extracting(
                        row -> row.get("address"),
                        row -> row.get("tenant"),
                        row -> row.get("prevented"))
                .containsExactlyInAnyOrder(
                        tuple("a@acme.example", "acme", null),
                        tuple("p@acme.example", "acme", "true"));
    }

    @Test
    void givenAPreventedSendWhenAnAddressHistoryIsShownThenItIsLabelledWithItsTenant() {
        CommandRun run =
                CommandRun.of("history", "--local-store", store.toString(), "p@acme.example");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("prevented (on the suppression list) 1")
                .contains("Bounce            prevented (on the suppression list)  tenant acme");
    }

    @Test
    void givenATenantNamedWhenAnIncidentIsWrittenThenItsPreventedSendIsNotABounce()
            throws Exception {
        Path page = temp.resolve("acme.md");
        CommandRun run =
                CommandRun.of(
                        "incident",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "2h",
                        "--tenant",
                        "acme",
                        "--output",
                        page.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(java.nio.file.Files.readString(page))
                .contains("Bounced recipients: 1, of which hard (Permanent): 1")
                .contains("Not bounces, prevented (on the suppression list): 1 recipient(s).")
                .contains("Complained recipients: 0")
                .contains("| Tenant | bounced | hard | complained |", "| acme | 1 | 1 | 0 |");
    }
}
