package io.sesfeedback.tools.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import io.sesfeedback.tools.fixtures.ErrorLines;
import io.sesfeedback.tools.fixtures.OnFailureRecords;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How a command finds a deployed environment's table and queue, and what it says when it cannot.
 */
@Tag("moto")
class DeployedTargetTest {

    private static final String BOUNCE = "b025f545-dc42-5abb-a3d0-f78648722be8";

    private static DeployedStack stack;

    @BeforeAll
    static void startEmulators() throws Exception {
        stack = DeployedStack.start();
    }

    @AfterAll
    static void stopEmulators() throws Exception {
        stack.close();
    }

    @BeforeEach
    void oneFailedBounceInTheQueue() throws IOException {
        stack.reset();
        stack.send(OnFailureRecords.of("ses-bounce-permanent.json"));
    }

    @Test
    void theEnvironmentNamesTheStackWhoseOutputsNameTableAndQueue() {
        // when: samconfig.toml maps dev to the stack ses-feedback-dev
        Run run =
                Cli.run(
                        stack.targets(),
                        "redrive",
                        "--dry-run",
                        "--env",
                        "dev",
                        "--region",
                        Cli.REGION);

        // then the queue's message was read and looked up in the table
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("would redrive +sns " + BOUNCE + "  Bounce");
    }

    @Test
    void theStackNameFindsTableAndQueue() {
        // when
        Run run =
                Cli.run(
                        stack.targets(),
                        "redrive",
                        "--stack",
                        DeployedStack.STACK,
                        "--region",
                        Cli.REGION);

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("redriven +sns " + BOUNCE + "  Bounce");
        assertThat(stack.queries().message(BOUNCE)).isPresent();
    }

    @Test
    void sesSuppressionPutsTheStacksSuppressedAddressesOnSesList() throws IOException {
        // given the stack's table suppressed the bounce's three addresses (redriven into it)
        Cli.run(stack.targets(), "redrive", "--env", "dev", "--region", Cli.REGION);

        try (SesV2StandIn ses = SesV2StandIn.start()) {
            AwsClients targets =
                    Cli.targets(
                            Map.of(
                                    "dynamodb",
                                    stack.dynamoEndpoint(),
                                    "cloudformation",
                                    stack.motoEndpoint(),
                                    "sesv2",
                                    ses.endpoint()));

            // when
            Run run =
                    Cli.run(
                            targets,
                            "ses-suppression",
                            "import",
                            "--rate",
                            "50",
                            "--env",
                            "dev",
                            "--region",
                            Cli.REGION);

            // then
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("the stack ses-feedback-dev suppresses 3");
            assertThat(ses.listed())
                    .containsOnlyKeys(
                            "jane.doe@example.com",
                            "old.account@example.com",
                            "ghost.user@example.org")
                    .containsValue("BOUNCE");
        }
    }

    @Test
    void aStackThatDoesNotExistIsOneLine() {
        ErrorLines.assertOneLine(
                stack.targets(),
                1,
                "ses-feedback: Stack ses-feedback-nope not found in region eu-west-1:"
                        + " check --env/--stack and --region",
                "redrive",
                "--stack",
                "ses-feedback-nope",
                "--region",
                Cli.REGION);
    }

    @Test
    void aQueueThatDoesNotExistIsOneLine() {
        String missingQueue =
                stack.queueUrl().replace("ses-feedback-dev-failed-feedback", "no-such-queue");
        ErrorLines.assertOneLine(
                stack.targets(),
                1,
                "ses-feedback: Queue not found: check --queue-url, --env and --region",
                "redrive",
                "--env",
                "dev",
                "--queue-url",
                missingQueue,
                "--region",
                Cli.REGION);
    }

    @Test
    void redriveRefusesATableWithoutTheStacksLogGroup() {
        // a table given alone has no log group: the log lines would miss CloudWatch Logs
        ErrorLines.assertOneLine(
                stack.targets(),
                1,
                "ses-feedback: No notification log group for the table "
                        + DeployedStack.TABLE
                        + ": redrive writes each message's log line too; give --env or --stack (its"
                        + " FeedbackLogGroupName output)",
                "redrive",
                "--table",
                DeployedStack.TABLE,
                "--queue-url",
                stack.queueUrl(),
                "--region",
                Cli.REGION);
        assertThat(stack.visibleMessages()).isEqualTo(1);
    }
}
