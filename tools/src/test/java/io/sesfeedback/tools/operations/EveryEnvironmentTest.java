package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.EnvironmentStacks;
import io.sesfeedback.tools.fixtures.EnvironmentStacks.Env;
import io.sesfeedback.tools.fixtures.ErrorLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * status --all and report --all on three environments of samconfig.toml, each in its own region and
 * read with its own profile: stg at a 40% bounce rate (its breaker armed on its configuration set,
 * its bounce-rate alarm in ALARM, a permanent bounce of three recipients in its table), prod
 * healthy, and dev, which samconfig.toml names but whose account has no stack.
 */
@Tag("moto")
class EveryEnvironmentTest {

    private static final String DEV_NOT_FOUND =
            "Stack ses-feedback-dev not found in region eu-west-2: check --env/--stack and --region";

    private static EnvironmentStacks stacks;
    private static Path samconfig;

    @BeforeAll
    static void threeEnvironments() throws Exception {
        stacks = new EnvironmentStacks();
        stacks.add("dev", "eu-west-2");
        Env stg = stacks.add("stg", "eu-west-1");
        stacks.deploy(
                stg, Map.of("AutoPause", "ConfigurationSet", "ConfigurationSetName", "stg-mail"));
        stg.ses().configurationSet("stg-mail", true);
        stg.cloudWatch().latest(Map.of("Reputation.BounceRate", 0.40));
        stg.cloudWatch()
                .alarms(
                        List.of(
                                Map.of(
                                        "AlarmName",
                                        "ses-feedback-stg-bounce-rate",
                                        "StateValue",
                                        "ALARM")));
        stacks.record(stg, List.of(EventFiles.message("ses-bounce-permanent.json")));
        Env prod = stacks.add("prod", "us-east-1");
        stacks.deploy(prod, Map.of("AutoPause", "Disabled"));
        prod.cloudWatch()
                .latest(Map.of("Reputation.BounceRate", 0.004, "Reputation.ComplaintRate", 0.0001));
        samconfig = stacks.samconfig(Files.createTempDirectory("every-environment"));
    }

    @AfterAll
    static void stop() throws Exception {
        stacks.close();
    }

    private static Run run(String... args) {
        return Cli.run(stacks.accounts(), args);
    }

    private static List<String> spaced(String out) {
        return out.lines().map(line -> line.strip().replaceAll("\\s+", " ")).toList();
    }

    @Test
    void statusAllShowsStagingRedBesideProdGreenAndNamesWhatCouldNotBeRead() {
        // when
        Run run = run("status", "--all", "--config-file", samconfig.toString());

        // then one row per environment, each read in its own region with its own profile
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(spaced(run.out()))
                .containsSubsequence(
                        "ENVIRONMENT HEALTH STACK REGION PROFILE ENFORCEMENT SENDING BOUNCE RATE"
                                + " COMPLAINT RATE BOUNCES COMPLAINTS SUPPRESSED ALARMS BREAKER",
                        "dev ERROR ses-feedback-dev eu-west-2 dev-account cannot be read: "
                                + DEV_NOT_FOUND,
                        "stg RED ses-feedback-stg eu-west-1 stg-account HEALTHY enabled 40.00% PAUSE"
                                + " - 0 0 3 1 armed (set stg-mail)",
                        "prod GREEN ses-feedback-prod us-east-1 prod-account HEALTHY enabled 0.40% ok"
                                + " 0.010% ok 0 0 0 0 off",
                        "stg: in ALARM: ses-feedback-stg-bounce-rate")
                .contains(
                        "Bounces and complaints: SES send statistics, last 24 hours.",
                        "1 of 3 environments could not be read.");
        assertThat(run.errLines()).containsExactly("ses-feedback: dev: " + DEV_NOT_FOUND);
    }

    @Test
    void anEnvironmentThatCannotBeReadIsOneLineOnStandardError() {
        ErrorLines.assertOneLine(
                stacks.accounts(),
                1,
                "ses-feedback: dev: " + DEV_NOT_FOUND,
                "status",
                "--all",
                "--config-file",
                samconfig.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusAllAsJsonHasTheSameRows() {
        Run run = run("status", "--all", "--config-file", samconfig.toString(), "--format", "json");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        Map<String, Object> json = Json.readObject(run.out());
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("environments");
        assertThat(rows)
                .extracting(row -> row.get("environment"))
                .containsExactly("dev", "stg", "prod");
        assertThat(rows.get(0))
                .containsEntry("health", "ERROR")
                .containsEntry("error", DEV_NOT_FOUND);
        assertThat(rows.get(1))
                .containsEntry("health", "RED")
                .containsEntry("profile", "stg-account")
                .containsEntry("region", "eu-west-1")
                .containsEntry("enforcementStatus", "HEALTHY")
                .containsEntry("sendingEnabled", true)
                .containsEntry("accountSuppression", "on")
                .containsEntry("suppressedReasons", List.of("BOUNCE", "COMPLAINT"))
                .containsEntry("bounceLevel", "PAUSE")
                .containsEntry("suppressedAddresses", 3)
                .containsEntry("alarmsInAlarm", List.of("ses-feedback-stg-bounce-rate"))
                .containsEntry("breaker", "armed (set stg-mail)");
        assertThat(((Number) rows.get(1).get("bounceRate")).doubleValue()).isEqualTo(0.4);
        assertThat(rows.get(2)).containsEntry("health", "GREEN").containsEntry("breaker", "off");
        assertThat(json).containsEntry("unreadable", 1);
    }

    @Test
    void statusAllAsCsvIsAHeaderAndARowPerEnvironment() {
        Run run = run("status", "--all", "--config-file", samconfig.toString(), "--format", "csv");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "environment,health,stack,region,profile,enforcementStatus,sending,accountSuppression,bounceRate,"
                                + "bounceLevel,complaintRate,complaintLevel,bounces,complaints,"
                                + "suppressedAddresses,alarmsInAlarm,breaker,problems,error",
                        "dev,ERROR,ses-feedback-dev,eu-west-2,dev-account,,,,,,,,,,,,,,"
                                + DEV_NOT_FOUND,
                        "stg,RED,ses-feedback-stg,eu-west-1,stg-account,HEALTHY,enabled,on,0.4,PAUSE,,,0,0,3,"
                                + "ses-feedback-stg-bounce-rate,armed (set stg-mail),,",
                        "prod,GREEN,ses-feedback-prod,us-east-1,prod-account,HEALTHY,enabled,on,0.004,ok,"
                                + "1.0E-4,ok,0,0,0,,off,,");
    }

    @Test
    void reportAllCountsEachEnvironmentsRecordedBouncesInTheWindow() {
        Run run =
                run(
                        "report",
                        "--all",
                        "--config-file",
                        samconfig.toString(),
                        "--since",
                        "2026-11-19",
                        "--until",
                        "2026-11-21");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(spaced(run.out()))
                .contains(
                        "stg RED ses-feedback-stg eu-west-1 stg-account HEALTHY enabled 40.00% PAUSE"
                                + " - 3 0 3 1 armed (set stg-mail)",
                        "prod GREEN ses-feedback-prod us-east-1 prod-account HEALTHY enabled 0.40% ok"
                                + " 0.010% ok 0 0 0 0 off",
                        "Bounces and complaints: recipients recorded from 2026-11-19T00:00:00.000Z to"
                                + " 2026-11-21T00:00:00.000Z, each SES event once.");
        assertThat(run.errLines()).containsExactly("ses-feedback: dev: " + DEV_NOT_FOUND);
    }

    @Test
    void allDoesNotGoWithOptionsThatNameOneTarget() {
        ErrorLines.assertOneLine(
                stacks.accounts(),
                1,
                "ses-feedback: --all reads every environment of samconfig.toml: leave out --env, --stack,"
                        + " --table, --queue-url and --local-store",
                "report",
                "--all",
                "--env",
                "prod");
    }

    /** A stack named may be a hub, which prints csv: the local store never is. */
    @Test
    void csvWithoutAllIsOneLine() {
        ErrorLines.assertOneLine(
                stacks.accounts(),
                1,
                "ses-feedback: status prints --format csv with --all only",
                "status",
                "--format",
                "csv");
    }
}
