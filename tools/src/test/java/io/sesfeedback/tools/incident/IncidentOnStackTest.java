package io.sesfeedback.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import io.sesfeedback.tools.targets.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code incident --env dev} on the stack on moto: the table through the stack's outputs,
 * CloudWatch named missing.
 */
@Tag("moto")
class IncidentOnStackTest {

    private static DeployedStack stack;

    @BeforeAll
    static void recordTheIncidentOnTheStack() throws Exception {
        stack = DeployedStack.start();
        stack.reset();
        FeedbackRecorder recorder =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(
                                stack.dynamo(),
                                DeployedStack.TABLE,
                                Duration.ofDays(DeployedStack.RETENTION_DAYS),
                                Clock.systemUTC()),
                        new CollectingLog());
        IncidentCommandTest.incident().forEach(recorder::record);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void theStacksTableIsReportedAndSendsAreNamedNotAvailable(@TempDir Path temp) throws Exception {
        // given moto, which does not speak the CloudWatch client's CBOR protocol
        AwsClients targets =
                Cli.targets(
                        Map.of(
                                "dynamodb",
                                stack.dynamoEndpoint(),
                                "cloudformation",
                                stack.motoEndpoint(),
                                "cloudwatch",
                                stack.motoEndpoint()));
        Path output = temp.resolve("incident.md");

        // when
        Run run =
                Cli.run(
                        targets,
                        "incident",
                        "--env",
                        "dev",
                        "--region",
                        Cli.REGION,
                        "--since",
                        Timestamps.format(IncidentCommandTest.FIX.minus(Duration.ofHours(6))),
                        "--fixed-at",
                        Timestamps.format(IncidentCommandTest.FIX),
                        "--output",
                        output.toString());

        // then the figures are the table's, and the sends' absence is said, not an error
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        String markdown = Files.readString(output);
        assertThat(markdown)
                .contains(
                        "stack " + DeployedStack.STACK,
                        "- Bounced recipients: 6, of which hard (Permanent): 5",
                        "| bounced recipients | 5 | 1 |",
                        "| sends | n/a | n/a |",
                        "Settings read from the stack " + DeployedStack.STACK + "'s parameters");
        assertThat(markdown).containsPattern("- Sends: not available \\(CloudWatch: HTTP 404");
    }
}
