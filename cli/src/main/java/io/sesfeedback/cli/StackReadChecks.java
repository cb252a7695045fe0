package io.sesfeedback.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What check reads of a deployed stack, changing nothing: each method one ✓ or ✗ line, with what to do for a ✗.
 * Alarm, queue and log group names are template.yaml's ({@code <stack>-…}).
 */
final class StackReadChecks {

    /** An email subscription SNS has sent a confirmation to, and that nobody confirmed yet. */
    static final String PENDING = "PendingConfirmation";

    private final Target.Deployed stack;
    private final String env;
    private final Clock clock;

    StackReadChecks(Target.Deployed stack, String env, Clock clock) {
        this.stack = stack;
        this.env = env;
        this.clock = clock;
    }

    private String topicArn() {
        return stack.outputs().get("FeedbackTopicArn");
    }

    private String parameter(String name, String byDefault) {
        return stack.parameters().getOrDefault(name, byDefault);
    }

    /** Every alarm of the stack has its actions on and notifies the feedback topic (the breaker's also invoke it). */
    CheckResult alarms(List<MetricAlarm> alarms) {
        String name = "alarms reach the topic";
        if (alarms.isEmpty()) {
            return CheckResult.failed(name, "no alarm named " + stack.stackName() + "-*", "deploy the stack again (sam deploy"
                    + (env == null ? "" : " --config-env " + env) + ")");
        }
        List<String> silent = alarms.stream()
                .filter(alarm -> !Boolean.TRUE.equals(alarm.actionsEnabled()) || !alarm.alarmActions().contains(topicArn()))
                .map(MetricAlarm::alarmName).toList();
        if (!silent.isEmpty()) {
            return CheckResult.failed(name, String.join(", ", silent) + " do not notify " + topicArn(),
                    "aws cloudwatch enable-alarm-actions --alarm-names NAME, or deploy again to restore their actions");
        }
        return CheckResult.passed(name, alarms.size() + " alarms, actions on, each notifies " + topicArn());
    }

    /** The recorder is subscribed, and every email subscription is confirmed (a pending one receives nothing). */
    CheckResult subscriptions(SnsClient sns) {
        String name = "subscriptions";
        List<Subscription> subscriptions = sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn())).subscriptions()
                .stream().toList();
        List<String> problems = new ArrayList<>();
        List<String> remedies = new ArrayList<>();
        if (subscriptions.stream().noneMatch(s -> "lambda".equals(s.protocol()))) {
            problems.add("the recorder is not subscribed");
            remedies.add("deploy the stack again");
        }
        List<Subscription> emails = subscriptions.stream().filter(s -> "email".equals(s.protocol())).toList();
        List<String> pending = emails.stream().filter(s -> PENDING.equals(s.subscriptionArn())).map(Subscription::endpoint).toList();
        if (emails.isEmpty()) {
            problems.add("no email subscription: nobody receives the alarms");
            remedies.add("deploy with AlarmEmail=ADDRESS in parameter_overrides");
        } else if (!pending.isEmpty()) {
            problems.add(String.join(", ", pending) + " not confirmed yet");
            remedies.add("open the mail 'AWS Notification - Subscription Confirmation' and choose Confirm subscription");
        }
        if (!problems.isEmpty()) {
            return CheckResult.failed(name, String.join("; ", problems), String.join("; ", remedies));
        }
        return CheckResult.passed(name, "recorder subscribed, " + emails.size() + " email subscription(s) confirmed: "
                + String.join(", ", emails.stream().map(Subscription::endpoint).toList()));
    }

    /** Nothing waits in either redrive queue (visible or in flight). */
    CheckResult redriveQueues(SqsClient sqs) {
        String name = "redrive queues empty";
        List<String> waiting = new ArrayList<>();
        for (String output : List.of(Target.QUEUE_OUTPUT, Target.UNDELIVERED_QUEUE_OUTPUT)) {
            String url = stack.outputs().get(output);
            if (url == null) {
                continue;
            }
            int messages = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes().values().stream().mapToInt(Integer::parseInt).sum();
            if (messages > 0) {
                waiting.add(url.substring(url.lastIndexOf('/') + 1) + " holds " + messages);
            }
        }
        if (!waiting.isEmpty()) {
            return CheckResult.failed(name, String.join(", ", waiting),
                    "bin/ses-feedback redrive --dry-run" + envOption() + ", then without --dry-run");
        }
        return CheckResult.passed(name, "failed-feedback and undelivered-feedback hold nothing");
    }

    /** A check wrote to the account watcher's log within two of its intervals. */
    CheckResult accountWatch(CloudWatchLogsClient logs) {
        String name = "account watch";
        if ("Disabled".equals(parameter("AccountWatch", "Enabled"))) {
            return CheckResult.skipped(name, "off (AccountWatch=Disabled)");
        }
        Duration interval = Duration.ofMinutes(Long.parseLong(parameter("AccountCheckMinutes", "15")));
        Instant since = clock.instant().minus(interval.multipliedBy(2));
        String logGroup = "/aws/lambda/" + stack.stackName() + "-account-watch";
        boolean recent;
        try {
            recent = logs.filterLogEventsPaginator(r -> r.logGroupName(logGroup).startTime(since.toEpochMilli()))
                    .events().stream().findAny().isPresent();
        } catch (ResourceNotFoundException noLogGroup) {
            recent = false;
        }
        if (!recent) {
            return CheckResult.failed(name, "no check logged in " + logGroup + " since " + since,
                    "see the schedule " + stack.stackName() + "-account-watch and the alarm " + stack.stackName()
                            + "-account-watch-silent; a new stack's first check comes within " + interval.toMinutes() + " minutes");
        }
        return CheckResult.passed(name, "a check logged within the last " + interval.multipliedBy(2).toMinutes() + " minutes");
    }

    /**
     * The breaker's alarms match AutoPause (none when Disabled; the set's own metrics in ConfigurationSet mode, the
     * account's in Account mode; each invokes the stack's breaker), and the sending it guards is not paused now.
     */
    CheckResult circuitBreaker(List<MetricAlarm> alarms, SesV2Client ses) {
        String name = "circuit breaker";
        String mode = parameter(ResumeCommand.AUTO_PAUSE, "Disabled");
        List<MetricAlarm> autoPause = alarms.stream().filter(a -> a.alarmName().startsWith(stack.stackName() + "-auto-pause-")).toList();
        if ("Disabled".equals(mode)) {
            return autoPause.isEmpty() ? CheckResult.skipped(name, "off (AutoPause=Disabled), and no auto-pause alarm")
                    : CheckResult.failed(name, "AutoPause=Disabled but " + autoPause.size() + " auto-pause alarms exist",
                            "deploy the stack again");
        }
        String set = parameter(ResumeCommand.CONFIGURATION_SET_NAME, "");
        List<Dimension> dimensions = "ConfigurationSet".equals(mode)
                ? List.of(Dimension.builder().name("ses:configuration-set").value(set).build()) : List.of();
        String function = ":function:" + stack.stackName() + "-circuit-breaker";
        List<String> wrong = autoPause.stream()
                .filter(a -> !a.dimensions().equals(dimensions) || a.alarmActions().stream().noneMatch(action -> action.endsWith(function)))
                .map(MetricAlarm::alarmName).toList();
        if (autoPause.size() != 3 || !wrong.isEmpty()) {
            return CheckResult.failed(name, "AutoPause=" + mode + " but " + (autoPause.size() != 3
                            ? autoPause.size() + " of 3 auto-pause alarms exist" : String.join(", ", wrong) + " watch other figures or invoke no breaker"),
                    "deploy the stack again");
        }
        boolean paused = "Account".equals(mode)
                ? Boolean.FALSE.equals(ses.getAccount(r -> { }).sendingEnabled())
                : pausedSet(ses, set);
        String watched = "Account".equals(mode) ? "the account's sending" : "the configuration set " + set;
        if (paused) {
            return CheckResult.failed(name, "the breaker paused " + watched, "find the cause (bin/ses-feedback report"
                    + envOption() + "), then bin/ses-feedback resume" + envOption());
        }
        return CheckResult.passed(name, "AutoPause=" + mode + ": three alarms on " + ("Account".equals(mode)
                ? "the account's figures" : "the set's own figures") + " invoke it; " + watched + " is on");
    }

    private static boolean pausedSet(SesV2Client ses, String set) {
        var options = ses.getConfigurationSet(r -> r.configurationSetName(set)).sendingOptions();
        return options != null && Boolean.FALSE.equals(options.sendingEnabled());
    }

    private String envOption() {
        return env != null ? " --env " + env : " --stack " + stack.stackName();
    }

    /** The stack's alarms: template.yaml names each {@code <stack>-…}. */
    static List<MetricAlarm> alarmsOf(CloudWatchClient cloudWatch, String stackName) {
        return cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix(stackName + "-")).metricAlarms().stream().toList();
    }
}
