package io.sesfeedback.tools.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.HubStacks;
import io.sesfeedback.tools.fixtures.SesNotifications;
import io.sesfeedback.tools.items.MemberAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub's table holding two members' feedback, read by bin/ses-feedback --stack HUB: each command
 * breaks its figures down by member account (account, region, environment) in text, json and csv.
 * Prod (111111111111, eu-west-1) bounced two recipients permanently (and SES sent the same bounce
 * in its other format), drew one complaint, is under review and has its bounce-rate alarm in ALARM;
 * stg (222222222222, us-east-1) bounced one recipient softly and one permanently, is healthy, and
 * its alarm went back to OK.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class HubBreakdownTest {

    private static final MemberAccount PROD =
            new MemberAccount("111111111111", "eu-west-1", "prod");
    private static final MemberAccount STG = new MemberAccount("222222222222", "us-east-1", "stg");

    private static HubStacks stacks;
    private static HubStacks.Deployed hub;

    @BeforeAll
    static void aHubThatRecordedTwoMembers(MotoServer moto) {
        stacks = new HubStacks(moto);
        hub = stacks.deploy("hub-breakdown", "Hub", Map.of("OrganizationId", "o-a1b2c3d4e5"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SnsMessage prodBounce =
                SesNotifications.bounce(
                        now.minusSeconds(7200),
                        "=HYPERLINK(\"x\")@mail.prod.example",
                        "Permanent",
                        "General",
                        "ann@gone.example",
                        "bob@gone.example");
        stacks.record(
                hub,
                PROD,
                List.of(
                        prodBounce,
                        EventFiles.inOtherFormat(prodBounce),
                        SesNotifications.complaint(
                                now.minusSeconds(3600),
                                "news@mail.prod.example",
                                "abuse",
                                "cat@angry.example"),
                        EventFiles.message("account-status-probation.json"),
                        EventFiles.message("alarm-bounce-rate.json")));
        stacks.record(
                hub,
                STG,
                List.of(
                        SesNotifications.bounce(
                                now.minusSeconds(10800),
                                "test@mail.stg.example",
                                "Transient",
                                "MailboxFull",
                                "dan@full.example"),
                        SesNotifications.bounce(
                                now.minusSeconds(5400),
                                "test@mail.stg.example",
                                "Permanent",
                                "General",
                                "eve@gone.example"),
                        EventFiles.republished(
                                "account-status-probation.json", "\"PROBATION\"", "\"HEALTHY\""),
                        EventFiles.republished("alarm-bounce-rate.json", "ALARM", "ALARM"),
                        backToOk()));
    }

    /** The bounce-rate alarm's change back to OK, an hour after it went to ALARM. */
    private static SnsMessage backToOk() {
        SnsMessage ok =
                EventFiles.republished(
                        "alarm-bounce-rate.json",
                        "\"NewStateValue\":\"ALARM\"",
                        "\"NewStateValue\":\"OK\"");
        return new SnsMessage(
                ok.messageId(),
                ok.topicArn(),
                ok.subject(),
                ok.publishedAt().plusSeconds(3600),
                ok.body().replace("2026-11-20T10:15:29.876+0000", "2026-11-20T11:15:29.876+0000"));
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--stack", hub.name(), "--region", Cli.REGION));
        return Cli.run(stacks.targets(null), all.toArray(String[]::new));
    }

    private static List<String> spaced(String out) {
        return out.lines().map(line -> line.strip().replaceAll("\\s+", " ")).toList();
    }

    @Test
    void reportOnAHubCountsEachMemberAccountApart() {
        // when
        Run text = run("report", "--since", "24h");
        Run json = run("report", "--since", "24h", "--format", "json");
        Run csv = run("report", "--since", "24h", "--format", "csv");

        // then the organisation's figures, then a row per member account
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(spaced(text.out()))
                .contains(
                        "By member account messages bounced permanent hard % complained copies",
                        "111111111111 eu-west-1 prod 2 2 2 100.0 1 1",
                        "222222222222 us-east-1 stg 2 2 1 50.0 0 0");
        Map<String, Object> report = Json.readObject(json.out());
        assertThat(report).containsEntry("messages", 4);
        assertThat((List<?>) report.get("byAccount"))
                .extracting(
                        entry -> ((Map<?, ?>) entry).get("account"),
                        entry -> ((Map<?, ?>) entry).get("environment"),
                        entry -> ((Map<?, ?>) ((Map<?, ?>) entry).get("bounces")).get("recipients"))
                .containsExactly(tuple("111111111111", "prod", 2), tuple("222222222222", "stg", 2));
        assertThat(csv.out().lines())
                .containsExactly(
                        "account,region,environment,messages,recipients,bounceMessages,bouncedRecipients,"
                                + "permanentBouncedRecipients,complaintMessages,complainedRecipients,copiesSkipped",
                        "111111111111,eu-west-1,prod,2,3,1,2,2,1,1,1",
                        "222222222222,us-east-1,stg,2,2,2,2,1,0,0,0");
    }

    @Test
    void statusOnAHubShowsOneRowPerMemberFromWhatTheMembersForwarded() {
        // when
        Run text = run("status");
        Run json = run("status", "--format", "json");
        Run csv = run("status", "--format", "csv");

        // then prod is red (under review, its alarm in ALARM), stg green (its alarm back to OK)
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(spaced(text.out()))
                .contains(
                        "RED 111111111111 eu-west-1 prod PROBATION enabled 2026-11-20T10:30:00.412Z 2 1 0"
                                + " ses-feedback-dev-bounce-rate",
                        "GREEN 222222222222 us-east-1 stg HEALTHY enabled 2026-11-20T10:30:00.412Z 2 0 0"
                                + " none");
        List<?> accounts = (List<?>) Json.readObject(json.out()).get("accounts");
        assertThat(accounts).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> prod = (Map<String, Object>) accounts.get(0);
        assertThat(prod)
                .containsEntry("account", "111111111111")
                .containsEntry("enforcementStatus", "PROBATION")
                .containsEntry("sendingEnabled", true)
                .containsEntry("alarmsInAlarm", List.of("ses-feedback-dev-bounce-rate"));
        assertThat(csv.out().lines())
                .containsExactly(
                        "health,account,region,environment,enforcementStatus,sendingEnabled,statusAt,bounces,"
                                + "complaints,prevented,alarmsInAlarm",
                        "RED,111111111111,eu-west-1,prod,PROBATION,true,2026-11-20T10:30:00.412Z,2,1,0,"
                                + "ses-feedback-dev-bounce-rate",
                        "GREEN,222222222222,us-east-1,stg,HEALTHY,true,2026-11-20T10:30:00.412Z,2,0,0,");
    }

    @Test
    void suppressedOnAHubNamesTheMemberWhoseFeedbackSuppressedEachAddress() {
        // when
        Run text = run("suppressed");
        Run json = run("suppressed", "--format", "json");
        Run csv = run("suppressed", "--format", "csv");

        // then
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(spaced(text.out()))
                .contains(
                        "4 suppressed address(es) in the stack " + hub.name(),
                        "By the member account whose feedback suppressed them first:",
                        "111111111111 eu-west-1 prod 3",
                        "222222222222 us-east-1 stg 1");
        assertThat(json.out().lines().map(Json::readObject))
                .filteredOn(line -> "eve@gone.example".equals(line.get("address")))
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(line)
                                        .containsEntry("account", "222222222222")
                                        .containsEntry("region", "us-east-1")
                                        .containsEntry("environment", "stg"));
        assertThat(csv.out().lines().findFirst().orElseThrow())
                .endsWith(",complaints,account,region,environment");
        assertThat(csv.out().lines())
                .filteredOn(line -> line.startsWith("cat@angry.example,"))
                .singleElement()
                .asString()
                .endsWith(",111111111111,eu-west-1,prod");
    }

    @Test
    void exportOnAHubEndsEachRowWithItsMemberAccountAndKeepsCellsInert(@TempDir Path folder)
            throws Exception {
        // when
        Path csv = folder.resolve("feedback.csv");
        Run run = run("export", "--since", "24h", "--format", "csv", "--output", csv.toString());
        Run jsonl = run("export", "--since", "24h", "--format", "jsonl");

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0))
                .endsWith(",duplicateOf,tenant,prevented,account,region,environment");
        assertThat(lines)
                .filteredOn(line -> line.contains("ann@gone.example"))
                .hasSize(2)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .contains(",\"'=HYPERLINK(\"\"x\"\")@mail.prod.example\",")
                                        .endsWith(",111111111111,eu-west-1,prod"));
        assertThat(jsonl.out().lines().map(Json::readObject))
                .filteredOn(row -> "dan@full.example".equals(row.get("address")))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("account", "222222222222"));
    }

    @Test
    void incidentOnAHubAttributesRecipientsToEachMemberAccount(@TempDir Path folder)
            throws Exception {
        // when
        Path report = folder.resolve("incident.md");
        Run run = run("incident", "--since", "24h", "--output", report.toString());

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(report))
                .contains("By member account")
                .containsPattern("111111111111 eu-west-1 prod \\| 2 \\| 2 \\| 1")
                .containsPattern("222222222222 us-east-1 stg \\| 2 \\| 1 \\| 0");
    }

    @Test
    void messageOnAHubNamesTheMemberAccountItCameFrom() {
        // when
        Run run = run("message", EventFiles.message("account-status-probation.json").messageId());

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(spaced(run.out()))
                .contains("account 111111111111", "region eu-west-1", "environment prod");
    }
}
