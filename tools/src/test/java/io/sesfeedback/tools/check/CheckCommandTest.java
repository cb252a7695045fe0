package io.sesfeedback.tools.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.testing.ses.SesV2StandIn;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.DeployedStack;
import io.sesfeedback.tools.targets.AwsClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * check on the dev stack on moto (CloudFormation, SNS, SQS, CloudWatch Logs, its DynamoDB table),
 * with loopback stand-ins where moto lacks a call: SES API v2 (SendEmail, the guard's refusal, the
 * sending switches) and CloudWatch's DescribeAlarms (CBOR). The test plays SES, SNS and Lambda:
 * each mail SES accepts comes back as the simulator's documented notifications, recorded by the
 * real recorder in the stack's table and log group.
 */
@Tag("moto")
class CheckCommandTest {

    private static final String IDENTITY = "mail.acme.io";
    private static final Map<String, String> WIRED =
            Map.of("NotifiedIdentities", IDENTITY, "ConfigurationSetName", "loadtest");
    private static final String WATCH_LOG = "/aws/lambda/ses-feedback-dev-account-watch";

    private static DeployedStack stack;
    private static SesV2StandIn ses;
    private static CloudWatchStandIn cloudWatch;
    private static CloudWatchLogsClient logs;
    private static String topicArn;

    @BeforeAll
    static void start() throws Exception {
        stack = DeployedStack.start();
        ses = SesV2StandIn.start();
        cloudWatch = CloudWatchStandIn.start();
        logs = Cli.client(CloudWatchLogsClient.builder(), stack.motoEndpoint());
        try (SnsClient sns = Cli.client(SnsClient.builder(), stack.motoEndpoint())) {
            topicArn = sns.listTopics().topics().get(0).topicArn();
            sns.subscribe(
                    r ->
                            r.topicArn(topicArn)
                                    .protocol("lambda")
                                    .endpoint(
                                            "arn:aws:lambda:eu-west-1:123456789012:function:ses-feedback-dev-recorder:live"));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint("ops@example.com"));
        }
        logs.createLogGroup(r -> r.logGroupName(WATCH_LOG));
        logs.createLogStream(
                r -> r.logGroupName(WATCH_LOG).logStreamName("2026/12/07/[$LATEST]check"));
    }

    @AfterAll
    static void stop() throws Exception {
        logs.close();
        cloudWatch.close();
        ses.close();
        stack.close();
    }

    @BeforeEach
    void aWiredHealthyStack() throws Exception {
        stack.reset();
        stack.parameters(WIRED);
        ses.verify(IDENTITY);
        ses.unblockAll();
        ses.block("example.com");
        FeedbackRecorder recorder =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(
                                stack.dynamo(),
                                DeployedStack.TABLE,
                                Duration.ofDays(DeployedStack.RETENTION_DAYS),
                                Clock.systemUTC()),
                        new CloudWatchFeedbackLog(
                                logs, DeployedStack.LOG_GROUP, Clock.systemUTC()));
        ses.onSend(mail -> SimulatorNotifications.of(mail, topicArn).forEach(recorder::record));
        ses.account(
                Map.of(
                        "EnforcementStatus",
                        "HEALTHY",
                        "SendingEnabled",
                        true,
                        "SendQuota",
                        Map.of("MaxSendRate", 50.0)));
        cloudWatch.alarms(
                List.of(
                        alarm("bounce-count", topicArn),
                        alarm("bounce-rate", topicArn),
                        alarm("complaint-rate", topicArn)));
        logs.putLogEvents(
                r ->
                        r.logGroupName(WATCH_LOG)
                                .logStreamName("2026/12/07/[$LATEST]check")
                                .logEvents(
                                        InputLogEvent.builder()
                                                .timestamp(Instant.now().toEpochMilli())
                                                .message(
                                                        "{\"outcome\":\"unchanged\",\"AccountCheckFailed\":0}")
                                                .build()));
    }

    @Test
    void aWiredStackPassesEveryCheckAndLeavesNoItemAboutTheSimulatorBehind() {
        Run run = check();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().toList())
                .contains(
                        "Checking stack ses-feedback-dev in region eu-west-1:",
                        "✓ alarms reach the topic: 3 alarms, actions on, each notifies " + topicArn,
                        "✓ subscriptions: recorder subscribed; confirmed: ops@example.com",
                        "✓ redrive queues empty: failed-feedback and undelivered-feedback hold nothing",
                        "✓ account watch: a check completed within the last 30 minutes, and its alarms are not in ALARM",
                        "· circuit breaker: off (AutoPause=Disabled), and no auto-pause alarm",
                        "✓ guard: a send to ses-feedback-check@example.com was refused by a Deny (AccessDeniedException)",
                        "All checks passed.");
        assertThat(run.out())
                .containsPattern(
                        "✓ recorded: configuration set loadtest: 4 simulator mails \\(Delivery, Bounce,"
                                + " Complaint\\) in the table and the log group within \\d+ s")
                .containsPattern(
                        "✓ recorded: identity mail.acme.io: 3 simulator mails \\(Bounce, Complaint\\) in the table and the log"
                                + " group within \\d+ s");
        assertThat(ses.sent())
                .extracting(SesV2StandIn.Sent::from)
                .containsOnly("ses-feedback-check@" + IDENTITY);
        FeedbackQueries queries = new FeedbackQueries(stack.dynamo(), DeployedStack.TABLE);
        assertThat(List.of("success", "bounce", "complaint", "suppressionlist"))
                .allSatisfy(
                        local ->
                                assertThat(queries.history(local + SimulatorSends.SIMULATOR))
                                        .as(local)
                                        .isEmpty());
    }

    @Test
    void notificationsThatNeverComeBackFailOnceTheTimeoutHasPassed() {
        ses.onSend(mail -> {});

        Run run = check("--timeout", "3");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ recorded: configuration set loadtest: 4 of 4 not recorded within 3 s: Delivery for"
                                + " success@simulator.amazonses.com, Bounce for bounce@simulator.amazonses.com",
                        "    to do: check the configuration set's event destination to the topic",
                        "✗ recorded: identity mail.acme.io: 3 of 3 not recorded within 3 s",
                        "    to do: aws ses get-identity-notification-attributes --identities mail.acme.io",
                        "2 check(s) failed.");
    }

    @Test
    void aGuardThatLetsASendToABlockedDomainThroughFailsAndSaysWhatToAttach() {
        ses.unblockAll();

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ guard: a send to ses-feedback-check@example.com went through: SES will bounce it",
                        "    to do: attach the managed policy of the output BlockTestRecipientsPolicyArn to the role or user that sends");
    }

    @Test
    void anAlarmThatDoesNotNotifyTheTopicIsNamed() {
        cloudWatch.alarms(
                List.of(
                        alarm("bounce-count", topicArn),
                        alarm("bounce-rate", "arn:aws:sns:eu-west-1:123456789012:elsewhere")));

        Run run = check("--no-send");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ alarms reach the topic: ses-feedback-dev-bounce-rate do not notify "
                                + topicArn);
    }

    @Test
    void feedbackWaitingForRedriveIsNamedWithTheCommandThatRecordsIt() {
        stack.send("{\"requestContext\": {}}");

        Run run = check("--no-send");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ redrive queues empty: ses-feedback-dev-failed-feedback holds 1",
                        "    to do: bin/ses-feedback redrive --dry-run --env dev, then without --dry-run");
    }

    @Test
    void aBreakerThatPausedTheSetIsNamedWithTheResumeCommand() {
        stack.parameters(
                Map.of("ConfigurationSetName", "loadtest", "AutoPause", "ConfigurationSet"));
        ses.configurationSet("loadtest", false);
        List<Map<String, Object>> alarms = new ArrayList<>();
        for (String name :
                List.of(
                        "auto-pause-bounce-count",
                        "auto-pause-bounce-rate",
                        "auto-pause-complaint-rate")) {
            alarms.add(
                    Map.of(
                            "AlarmName",
                            "ses-feedback-dev-" + name,
                            "ActionsEnabled",
                            true,
                            "AlarmActions",
                            List.of(
                                    "arn:aws:lambda:eu-west-1:123456789012:function:ses-feedback-dev-circuit-breaker",
                                    topicArn),
                            "Dimensions",
                            List.of(Map.of("Name", "ses:configuration-set", "Value", "loadtest"))));
        }
        cloudWatch.alarms(alarms);

        Run run = check("--no-send");

        assertThat(run.out())
                .contains(
                        "✗ circuit breaker: the breaker paused the configuration set loadtest",
                        "    to do: find the cause (bin/ses-feedback report --env dev), then bin/ses-feedback resume --env dev");
        ses.configurationSet("loadtest", true);
        assertThat(check("--no-send").out())
                .contains(
                        "✓ circuit breaker: AutoPause=ConfigurationSet: three alarms on the set's own"
                                + " figures invoke it; the configuration set loadtest is on");
    }

    @Test
    void anAccountWatchThatHasNotLoggedRecentlyFails() throws Exception {
        stack.parameters(Map.of("AccountCheckMinutes", "5"));
        logs.deleteLogGroup(r -> r.logGroupName(WATCH_LOG));
        try {
            assertThat(check("--no-send").out())
                    .contains("✗ account watch: no check completed since");
        } finally {
            logs.createLogGroup(r -> r.logGroupName(WATCH_LOG));
            logs.createLogStream(
                    r -> r.logGroupName(WATCH_LOG).logStreamName("2026/12/07/[$LATEST]check"));
        }
    }

    @Test
    void dryRunSaysWhatItWouldSendAndSendsNothing() {
        int sentBefore = ses.sent().size();

        Run run = check("--dry-run");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out())
                .contains(
                        "Would send from ses-feedback-check@mail.acme.io with configuration set loadtest to"
                                + " success@simulator.amazonses.com, bounce@simulator.amazonses.com, complaint@simulator.amazonses.com,"
                                + " suppressionlist@simulator.amazonses.com",
                        "Would send from ses-feedback-check@mail.acme.io to bounce@simulator.amazonses.com,",
                        "Would send from ses-feedback-check@mail.acme.io to ses-feedback-check@example.com, expecting the guard to refuse it");
        assertThat(ses.sent()).hasSize(sentBefore);
    }

    @Test
    void checkNeedsADeployedStack() {
        Run run = Cli.run(targets(), "check");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("check proves a deployed stack: give --env or --stack");
    }

    @Test
    void aCallerWhoMayNotSendAtAllIsNotTakenForTheGuard() {
        ses.refuseEverySend(
                "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: ses:SendEmail");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ recorded: configuration set loadtest: SES refused the send",
                        "✗ guard: a send to ses-feedback-check@example.com was refused, but not by a Deny: User: arn:aws:iam::123456789012:"
                                + "user/reader is not authorized to perform: ses:SendEmail");
    }

    @Test
    void anotherStacksAlarmsWhoseNamesStartTheSameAreNotThisStacks() {
        cloudWatch.alarms(
                List.of(
                        alarm("bounce-count", topicArn),
                        alarm("eu-bounce-count", "arn:aws:sns:eu-west-1:123456789012:eu")));

        Run run = check("--no-send");

        assertThat(run.out())
                .contains(
                        "✓ alarms reach the topic: 1 alarms, actions on, each notifies "
                                + topicArn);
    }

    @Test
    void aWatcherAlarmInAlarmFailsTheAccountWatchEvenWithRecentLines() {
        List<Map<String, Object>> alarms =
                new ArrayList<>(List.of(alarm("bounce-count", topicArn)));
        alarms.add(
                Map.of(
                        "AlarmName",
                        "ses-feedback-dev-account-watch-errors",
                        "ActionsEnabled",
                        true,
                        "AlarmActions",
                        List.of(topicArn),
                        "Dimensions",
                        List.of(),
                        "StateValue",
                        "ALARM"));
        cloudWatch.alarms(alarms);

        assertThat(check("--no-send").out())
                .contains("✗ account watch: ses-feedback-dev-account-watch-errors in ALARM");
    }

    @Test
    void lambdasOwnLinesWithoutACompletedCheckFailTheAccountWatch() {
        logs.deleteLogGroup(r -> r.logGroupName(WATCH_LOG));
        logs.createLogGroup(r -> r.logGroupName(WATCH_LOG));
        logs.createLogStream(
                r -> r.logGroupName(WATCH_LOG).logStreamName("2026/12/07/[$LATEST]check"));
        logs.putLogEvents(
                r ->
                        r.logGroupName(WATCH_LOG)
                                .logStreamName("2026/12/07/[$LATEST]check")
                                .logEvents(
                                        InputLogEvent.builder()
                                                .timestamp(Instant.now().toEpochMilli())
                                                .message(
                                                        "{\"type\":\"platform.initRuntimeError\",\"record\":{\"errorType\":\"Runtime.ExitError\"}}")
                                                .build()));

        assertThat(check("--no-send").out()).contains("✗ account watch: no check completed since");
    }

    private static Map<String, Object> alarm(String name, String action) {
        return Map.of(
                "AlarmName",
                "ses-feedback-dev-" + name,
                "ActionsEnabled",
                true,
                "AlarmActions",
                List.of(action),
                "Dimensions",
                List.of());
    }

    private static Run check(String... options) {
        List<String> args =
                new ArrayList<>(List.of("check", "--env", "dev", "--region", Cli.REGION));
        args.addAll(List.of(options));
        if (!args.contains("--timeout")) {
            args.addAll(List.of("--timeout", "60"));
        }
        return Cli.run(targets(), args.toArray(String[]::new));
    }

    private static AwsClients targets() {
        URI moto = stack.motoEndpoint();
        return Cli.targets(
                Map.of(
                        "dynamodb",
                        stack.dynamoEndpoint(),
                        "cloudformation",
                        moto,
                        "sqs",
                        moto,
                        "logs",
                        moto,
                        "sns",
                        moto,
                        "sesv2",
                        ses.endpoint(),
                        "cloudwatch",
                        cloudWatch.endpoint()));
    }
}
