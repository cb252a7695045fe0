package io.sesfeedback.tools.check;

import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.Stack;
import io.sesfeedback.tools.targets.StackOutputs;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "After sam deploy, proves on the account what no offline test can: one line per check, ✓ or ✗ with"
                    + " what to do; exits 1 when any fails.",
            "Reads: every alarm notifies the topic; the recorder and the inbox are subscribed, confirmed; both redrive"
                    + " queues are empty; the account watch checked recently; the circuit breaker's alarms match AutoPause"
                    + " and sending is not paused. On a hub (StackMode Hub): its bus's policy admits the organisation"
                    + " (aws:PrincipalOrgID = OrganizationId) and a rule on it feeds the recorder. On a member: its"
                    + " forwarding rule puts on HubEventBusArn with a role, retries and a dead-letter queue, and the"
                    + " hub-forwarding-failed alarm exists. A real PutEvents across accounts only a real event shows.",
            "Sends (unless --no-send): SES mailbox-simulator mail (success, bounce, complaint, suppression list)"
                    + " through the configuration set and each notified identity, recorded in the table and the log group"
                    + " within --timeout; then a send to a blocked domain, which the guard must refuse. Then erases"
                    + " the simulator's items from the table. Needs --env or --stack."
        })
public final class CheckCommand extends TargetCommand {

    @Option(names = "--no-send", description = "Only the read checks: send no mail.")
    boolean noSend;

    @Option(
            names = "--dry-run",
            description =
                    "Run the read checks and say what would be sent and erased: send nothing.")
    boolean dryRun;

    @Option(
            names = "--from",
            paramLabel = "ADDRESS",
            description =
                    "From address of a verified identity for the configuration set's sends"
                            + " (default: an address of the first NotifiedIdentities identity).")
    String from;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description =
                    "How long to wait for the simulator's notifications to be recorded (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    private final Clock clock = Clock.systemUTC();

    @Override
    protected void checkOptions() {
        if (!targetOptions.namesStack()) {
            throw new UserError("check proves a deployed stack: give --env or --stack");
        }
    }

    @Override
    protected int run(Target target, PrintWriter out) {
        Stack stack = target.deployed();
        out.println("Checking " + target.description() + targetOptions.inRegion() + ":");
        StackReadChecks reads =
                new StackReadChecks(stack, target::parameter, targetOptions.env(), clock);
        List<CheckResult> results = new ArrayList<>();
        List<MetricAlarm> alarms = null;
        try {
            alarms =
                    StackReadChecks.alarmsOf(
                            target.client(CloudWatchClient.builder(), "cloudwatch"),
                            target.template(),
                            stack.name());
            report(results, out, reads.alarms(alarms));
        } catch (AwsServiceException refused) {
            report(results, out, refused("alarms reach the topic", refused));
        }
        List<MetricAlarm> read = alarms;
        SesV2Client ses = target.client(SesV2Client.builder(), "sesv2");
        CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder(), "logs");
        report(
                results,
                out,
                attempt(
                        "subscriptions",
                        () -> reads.subscriptions(target.client(SnsClient.builder(), "sns"))));
        report(
                results,
                out,
                attempt(
                        "redrive queues empty",
                        () -> reads.redriveQueues(target.client(SqsClient.builder(), "sqs"))));
        report(
                results,
                out,
                attempt(
                        "account watch",
                        () ->
                                read == null
                                        ? unread("account watch")
                                        : reads.accountWatch(logs, read)));
        report(
                results,
                out,
                attempt(
                        "circuit breaker",
                        () ->
                                read == null
                                        ? unread("circuit breaker")
                                        : reads.circuitBreaker(read, ses)));

        String mode = stack.outputs().mode();
        if (StackOutputs.HUB.equals(mode) || StackOutputs.MEMBER.equals(mode)) {
            HubChecks hub = new HubChecks(stack, target::parameter, targetOptions.env());
            EventBridgeClient events = target.client(EventBridgeClient.builder(), "events");
            if (StackOutputs.HUB.equals(mode)) {
                report(
                        results,
                        out,
                        attempt(
                                "hub bus admits the organisation",
                                () -> hub.busAdmitsOrganisation(events)));
                report(results, out, attempt("hub feedback rule", () -> hub.feedbackRule(events)));
            } else {
                report(
                        results,
                        out,
                        attempt("hub forwarding rule", () -> hub.forwardingRule(events)));
                report(
                        results,
                        out,
                        attempt(
                                "hub forwarding alarm",
                                () ->
                                        hub.forwardingAlarm(
                                                target.client(
                                                        CloudWatchClient.builder(),
                                                        "cloudwatch"))));
            }
            report(results, out, hub.crossAccountDelivery(StackOutputs.HUB.equals(mode)));
        }

        // a sixtieth of the timeout between reads, from a second to five
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Duration pollEvery =
                Duration.ofMillis(Math.max(1_000, Math.min(5_000, timeout.toMillis() / 60)));
        SimulatorSends sends =
                new SimulatorSends(
                        ses, target.queries(), logs, target.logGroup(), clock, pollEvery);
        List<SimulatorSends.Route> routes = SimulatorSends.routes(target::parameter, from);
        String blocked = SimulatorSends.blockedDomain(target::parameter);
        SimulatorSends.Route sender = SimulatorSends.sender(routes);
        if (noSend) {
            report(results, out, CheckResult.skipped("sends", "left out (--no-send)"));
        } else if (routes.isEmpty() && target.hub()) {
            report(
                    results,
                    out,
                    CheckResult.skipped(
                            "sends",
                            "a hub wires no SES identity of its own: run check on each member"));
        } else if (routes.isEmpty()) {
            report(
                    results,
                    out,
                    CheckResult.failed(
                            "sends",
                            "the stack wires no SES identity and no configuration set",
                            "deploy with NotifiedIdentities or ConfigurationSetName, or point SES at the topic (docs/deploy.md)"));
        } else if (dryRun) {
            sends.describe(routes, blocked, out);
        } else {
            try {
                for (SimulatorSends.Route route : routes) {
                    report(
                            results,
                            out,
                            attempt(
                                    "recorded: " + route.name(),
                                    () -> sends.recorded(route, timeout)));
                }
                if (blocked == null) {
                    report(
                            results,
                            out,
                            CheckResult.skipped("guard", "off (BlockedRecipientDomains=none)"));
                } else if (sender == null) {
                    report(
                            results,
                            out,
                            CheckResult.skipped(
                                    "guard", "no From address to send with (see above)"));
                } else {
                    report(results, out, attempt("guard", () -> sends.guard(sender, blocked)));
                }
            } finally {
                // whatever went wrong above, the simulator's items go
                int erased = sends.erase(target);
                out.println(
                        "Erased "
                                + erased
                                + " items about the simulator's addresses from the table; their log lines"
                                + " stay until the log group's retention ends.");
            }
        }
        long failed = results.stream().filter(CheckResult::failed).count();
        out.println(failed == 0 ? "All checks passed." : failed + " check(s) failed.");
        return failed == 0 ? 0 : ErrorReport.FAILED;
    }

    /**
     * A check whose calls AWS refused (a missing permission, throttling past the retries) is a ✗,
     * and the others go on.
     */
    private static CheckResult attempt(String name, Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (AwsServiceException refused) {
            return refused(name, refused);
        }
    }

    private static CheckResult refused(String name, AwsServiceException refused) {
        return CheckResult.failed(
                name,
                "AWS refused a call: " + refused.awsErrorDetails().errorMessage(),
                "grant what it names (docs/operations.md lists what check needs), then run check again");
    }

    private static CheckResult unread(String name) {
        return CheckResult.failed(
                name, "not checked: the stack's alarms could not be read (above)", "see above");
    }

    private static void report(List<CheckResult> results, PrintWriter out, CheckResult result) {
        results.add(result);
        out.println(result.line());
        out.flush();
    }
}
