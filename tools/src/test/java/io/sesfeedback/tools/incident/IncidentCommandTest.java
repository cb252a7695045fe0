package io.sesfeedback.tools.incident;

import static io.sesfeedback.tools.fixtures.SesNotifications.bounce;
import static io.sesfeedback.tools.fixtures.SesNotifications.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.ErrorLines;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code incident} on a local store filled through the real recorder: the figures, both formats,
 * escaping, errors.
 */
@Tag("moto")
class IncidentCommandTest {

    static final Instant FIX =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    static final String HOSTILE_SUBJECT =
            "<script>alert(1)</script> =HYPERLINK(\"http://evil.example\",\"x\") | *bold*";

    @TempDir static Path temp;
    private static Path store;

    /**
     * Before the fix: 4 permanent bounces from news (3 at bad.example, 1 at d.example) with a
     * hostile subject, 1 transient from billing; after it: 1 permanent bounce and 1 abuse
     * complaint, 1 not-spam complaint.
     */
    static List<SnsMessage> incident() {
        List<SnsMessage> messages = new ArrayList<>();
        Instant before = FIX.minus(Duration.ofHours(3));
        messages.add(
                bounce(
                        before,
                        "news@mail.example.com",
                        "Permanent",
                        "General",
                        "a@bad.example",
                        "b@bad.example"));
        messages.add(
                bounce(
                        before.plusSeconds(60),
                        "news@mail.example.com",
                        "Permanent",
                        "NoEmail",
                        "c@bad.example"));
        messages.add(
                withSubject(
                        bounce(
                                before.plusSeconds(120),
                                "news@mail.example.com",
                                "Permanent",
                                "General",
                                "d@d.example")));
        messages.add(
                bounce(
                        before.plusSeconds(180),
                        "billing@mail.example.com",
                        "Transient",
                        "MailboxFull",
                        "full@d.example"));
        Instant after = FIX.plus(Duration.ofMinutes(30));
        messages.add(
                bounce(after, "news@mail.example.com", "Permanent", "General", "e@bad.example"));
        messages.add(
                complaint(after.plusSeconds(5), "news@mail.example.com", "abuse", "f@d.example"));
        messages.add(
                complaint(
                        after.plusSeconds(10), "news@mail.example.com", "not-spam", "g@d.example"));
        return messages;
    }

    private static SnsMessage withSubject(SnsMessage message) {
        return new SnsMessage(
                message.messageId(),
                message.topicArn(),
                message.subject(),
                message.publishedAt(),
                message.body()
                        .replace(
                                "\"Newsletter\"",
                                "\"" + HOSTILE_SUBJECT.replace("\"", "\\\"") + "\""));
    }

    @BeforeAll
    static void recordIncident() {
        store = RecordedStore.of(temp.resolve("store"), incident());
    }

    static Run incident(Path output, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "incident",
                                "--local-store",
                                store.toString(),
                                "--since",
                                Timestamps.format(FIX.minus(Duration.ofHours(6))),
                                "--output",
                                output.toString()));
        args.addAll(List.of(more));
        return Cli.run(Cli.targets(Map.of()), args.toArray(String[]::new));
    }

    @Test
    void theMarkdownCountsRecipientsAroundTheFixAndAttributesThem() throws IOException {
        // when
        Path output = temp.resolve("incident.md");
        Run run = incident(output, "--fixed-at", Timestamps.format(FIX));

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Wrote " + output + ": 6 bounced and 2 complained recipient(s)");
        String markdown = Files.readString(output);
        assertThat(markdown)
                .contains(
                        "- Sends: not available (the local store has no CloudWatch metrics)",
                        "- Bounced recipients: 6, of which hard (Permanent): 5 (83.3% of bounced recipients).",
                        "not-spam (rescued from the spam folder, not suppressed): 1.",
                        "| bounced recipients | 5 | 1 |",
                        "| hard share of bounced | 80.0% | 100.0% |",
                        "| complained recipients | 0 | 2 |",
                        "| bad.example | 4 | 4 | 0 |",
                        "| news@mail.example.com | 5 | 5 | 2 |",
                        "| a@bad.example |",
                        "Circuit breaker: none in this stack.");
        // the first bad send is the earliest mail, its two recipients
        assertThat(
                        markdown.lines()
                                .filter(line -> line.contains("| Bounce Permanent |"))
                                .findFirst()
                                .orElseThrow())
                .contains("| news@mail.example.com | Newsletter | 2 |");
    }

    @Test
    void valuesFromTheTableAreEscapedInBothFormats() throws IOException {
        Path html = temp.resolve("hostile.html");
        Path markdown = temp.resolve("hostile.md");
        assertThat(incident(html).exit()).isZero();
        assertThat(incident(markdown).exit()).isZero();

        String page = Files.readString(html);
        assertThat(page)
                .doesNotContain("<script")
                .contains(
                        "&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://evil.example&quot;");
        assertThat(Files.readString(markdown))
                .doesNotContain("<script>")
                .contains(
                        "\\<script\\>alert(1)\\</script\\> =HYPERLINK(\"http://evil.example\",\"x\") \\| \\*bold\\*");
    }

    @Test
    void thePageIsOneFileThatLoadsNothing() throws IOException {
        Path html = temp.resolve("page.html");
        assertThat(incident(html, "--fixed-at", Timestamps.format(FIX)).exit()).isZero();

        String page = Files.readString(html);
        assertThat(page)
                .contains(
                        "default-src 'none'",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"timeline-chart\"",
                        "id=\"domain-chart\"",
                        "id=\"fix-chart\"",
                        "<line class=\"fix\"",
                        "contenteditable=\"true\"");
        assertThat(page)
                .doesNotContain("<script", "<link", "<img", "src=", "href=", "@import", "url(");
    }

    @Test
    void anOutputThatIsNeitherHtmlNorMarkdownIsOneLine() {
        ErrorLines.assertOneLine(
                Cli.targets(Map.of()),
                2,
                "ses-feedback: --output "
                        + temp.resolve("report.pdf")
                        + " ends in neither .html nor .md (see 'ses-feedback incident --help')",
                "incident",
                "--local-store",
                store.toString(),
                "--since",
                "7d",
                "--output",
                temp.resolve("report.pdf").toString());
    }

    @Test
    void aFixOutsideTheWindowIsOneLine() {
        Run run =
                Cli.run(
                        Cli.targets(Map.of()),
                        "incident",
                        "--local-store",
                        store.toString(),
                        "--since",
                        "2026-01-01",
                        "--until",
                        "2026-01-02",
                        "--fixed-at",
                        "2026-02-01",
                        "--output",
                        temp.resolve("x.md").toString());
        ErrorLines.assertOneLine(
                run,
                2,
                "ses-feedback: --fixed-at 2026-02-01T00:00:00.000Z is outside the window"
                        + " 2026-01-01T00:00:00.000Z to 2026-01-02T00:00:00.000Z (see 'ses-feedback incident --help')");
    }

    @Test
    void aFolderThatDoesNotExistIsOneLine() {
        Path output = temp.resolve("no-such-folder/incident.md");
        ErrorLines.assertOneLine(
                incident(output), 1, "ses-feedback: Cannot write " + output + ": no such folder");
    }

    @Test
    void helpNamesEveryOption() {
        Run run = Cli.run(Cli.targets(Map.of()), "incident", "--help");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "--since=24h|7d|DATE",
                        "--until=24h|7d|DATE",
                        "--fixed-at=TIME",
                        "--output=FILE.html|FILE.md",
                        "support case");
    }
}
