package io.sesfeedback.tools.check;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.tools.operations.BreakerState;
import io.sesfeedback.tools.operations.ResumeCommand;
import io.sesfeedback.tools.targets.Stack;
import io.sesfeedback.tools.targets.StackAlarms;
import io.sesfeedback.tools.targets.StackOutputs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What check reads of a deployed stack, changing nothing: each method one ✓ or ✗ line, with what to
 * do for a ✗. Alarm, queue and log group names are template.yaml's ({@code <stack>-…}).
 */
final class StackReadChecks {

    /** An email subscription SNS has sent a confirmation to, and that nobody confirmed yet. */
    static final String PENDING = "PendingConfirmation";

    /** The metric every check that runs to its end writes (account-watch's WatchLog), 0 or 1. */
    static final String COMPLETED_CHECK_METRIC = "AccountCheckFailed";

    /**
     * The account watcher's alarms (template.yaml): one in ALARM means the watch is not watching.
     */
    private static final List<String> WATCH_ALARMS =
            List.of("-account-watch-silent", "-account-check-failing", "-account-watch-errors");

    private final Stack stack;

    /**
     * A parameter's value: the stack's, else template.yaml's default (a stack deployed before it
     * existed).
     */
    private final UnaryOperator<String> parameter;

    private final String env;
    private final Clock clock;

    StackReadChecks(Stack stack, UnaryOperator<String> parameter, String env, Clock clock) {
        this.stack = stack;
        this.parameter = parameter;
        this.env = env;
        this.clock = clock;
    }

    private String topicArn() {
        return stack.outputs().get(StackOutputs.TOPIC);
    }

    private String parameter(String name) {
        return parameter.apply(name);
    }

    /**
     * Every alarm of the stack has its actions on and notifies the feedback topic (the breaker's
     * also invoke it).
     */
    CheckResult alarms(List<MetricAlarm> alarms) {
        String name = "alarms reach the topic";
        if (alarms.isEmpty()) {
            return CheckResult.failed(
                    name,
                    "no alarm named " + stack.name() + "-*",
                    "deploy the stack again (sam deploy"
                            + (env == null ? "" : " --config-env " + env)
                            + ")");
        }
        List<String> silent =
                alarms.stream()
                        .filter(
                                alarm ->
                                        !Boolean.TRUE.equals(alarm.actionsEnabled())
                                                || !alarm.alarmActions().contains(topicArn()))
                        .map(MetricAlarm::alarmName)
                        .toList();
        if (!silent.isEmpty()) {
            return CheckResult.failed(
                    name,
                    String.join(", ", silent) + " do not notify " + topicArn(),
                    "aws cloudwatch enable-alarm-actions --alarm-names NAME, or deploy again to restore their actions");
        }
        return CheckResult.passed(
                name, alarms.size() + " alarms, actions on, each notifies " + topicArn());
    }

    /**
     * The recorder is subscribed; AlarmEmail, when given, is subscribed and confirmed (SNS deletes
     * a subscription left unconfirmed for three days); without one, someone hears the alarms: an
     * email or chat (AWS Chatbot subscribes over https).
     */
    CheckResult subscriptions(SnsClient sns) {
        String name = "subscriptions";
        List<Subscription> subscriptions =
                sns
                        .listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn()))
                        .subscriptions()
                        .stream()
                        .toList();
        List<String> problems = new ArrayList<>();
        List<String> remedies = new ArrayList<>();
        if (subscriptions.stream().noneMatch(s -> "lambda".equals(s.protocol()))) {
            problems.add("the recorder is not subscribed");
            remedies.add("deploy the stack again");
        }
        List<Subscription> emails =
                subscriptions.stream().filter(s -> "email".equals(s.protocol())).toList();
        List<Subscription> chat =
                subscriptions.stream()
                        .filter(
                                s ->
                                        "https".equals(s.protocol())
                                                && s.endpoint() != null
                                                && s.endpoint().contains("chatbot"))
                        .toList();
        String alarmEmail = parameter("AlarmEmail");
        if (!alarmEmail.isEmpty()
                && emails.stream().noneMatch(s -> alarmEmail.equalsIgnoreCase(s.endpoint()))) {
            problems.add(
                    "AlarmEmail "
                            + alarmEmail
                            + " is not subscribed (SNS deletes a subscription left unconfirmed for"
                            + " three days, and a deploy with the same value does not make it again)");
            remedies.add(
                    "aws sns subscribe --topic-arn "
                            + topicArn()
                            + " --protocol email --notification-endpoint "
                            + alarmEmail
                            + ", then confirm it");
        } else if (emails.isEmpty() && chat.isEmpty()) {
            problems.add("no email or chat subscription: nobody receives the alarms");
            remedies.add("deploy with AlarmEmail=ADDRESS in parameter_overrides");
        }
        List<String> pending =
                emails.stream()
                        .filter(s -> PENDING.equals(s.subscriptionArn()))
                        .map(Subscription::endpoint)
                        .toList();
        if (!pending.isEmpty()) {
            problems.add(String.join(", ", pending) + " not confirmed yet");
            remedies.add(
                    "open the mail 'AWS Notification - Subscription Confirmation' and choose Confirm subscription");
        }
        if (!problems.isEmpty()) {
            return CheckResult.failed(
                    name, String.join("; ", problems), String.join("; ", remedies));
        }
        List<String> hearing =
                new ArrayList<>(emails.stream().map(Subscription::endpoint).toList());
        if (!chat.isEmpty()) {
            hearing.add("chat");
        }
        return CheckResult.passed(
                name, "recorder subscribed; confirmed: " + String.join(", ", hearing));
    }

    /** Nothing waits in either redrive queue (visible or in flight). */
    CheckResult redriveQueues(SqsClient sqs) {
        String name = "redrive queues empty";
        List<String> waiting = new ArrayList<>();
        for (String output : List.of(StackOutputs.QUEUE, StackOutputs.UNDELIVERED_QUEUE)) {
            String url = stack.outputs().get(output);
            if (url == null) {
                continue;
            }
            int messages =
                    sqs
                            .getQueueAttributes(
                                    r ->
                                            r.queueUrl(url)
                                                    .attributeNames(
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES,
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                            .attributes()
                            .values()
                            .stream()
                            .mapToInt(Integer::parseInt)
                            .sum();
            if (messages > 0) {
                waiting.add(url.substring(url.lastIndexOf('/') + 1) + " holds " + messages);
            }
        }
        if (!waiting.isEmpty()) {
            return CheckResult.failed(
                    name,
                    String.join(", ", waiting),
                    "bin/ses-feedback redrive --dry-run"
                            + envOption()
                            + ", then without --dry-run");
        }
        return CheckResult.passed(name, "failed-feedback and undelivered-feedback hold nothing");
    }

    /**
     * A check completed within two intervals (a line with its AccountCheckFailed metric: Lambda's
     * own start and report lines, and an init crash's, have none), and none of the watcher's alarms
     * is in ALARM.
     */
    CheckResult accountWatch(CloudWatchLogsClient logs, List<MetricAlarm> alarms) {
        String name = "account watch";
        if ("Disabled".equals(parameter("AccountWatch"))) {
            return CheckResult.skipped(name, "off (AccountWatch=Disabled)");
        }
        List<String> alarming =
                alarms.stream()
                        .filter(
                                alarm ->
                                        WATCH_ALARMS.stream()
                                                .anyMatch(
                                                        suffix ->
                                                                alarm.alarmName()
                                                                        .equals(
                                                                                stack.name()
                                                                                        + suffix)))
                        .filter(alarm -> alarm.stateValue() == StateValue.ALARM)
                        .map(MetricAlarm::alarmName)
                        .toList();
        Duration interval = Duration.ofMinutes(Long.parseLong(parameter("AccountCheckMinutes")));
        Instant since = clock.instant().minus(interval.multipliedBy(2));
        String logGroup = "/aws/lambda/" + stack.name() + "-account-watch";
        boolean completed;
        try {
            completed =
                    logs
                            .filterLogEventsPaginator(
                                    r ->
                                            r.logGroupName(logGroup)
                                                    .startTime(since.toEpochMilli())
                                                    .filterPattern(
                                                            "\"" + COMPLETED_CHECK_METRIC + "\""))
                            .events()
                            .stream()
                            .findAny()
                            .isPresent();
        } catch (ResourceNotFoundException noLogGroup) {
            completed = false;
        }
        String see = "its log " + logGroup + " and the schedule " + stack.name() + "-account-watch";
        if (!alarming.isEmpty()) {
            return CheckResult.failed(
                    name, String.join(", ", alarming) + " in ALARM", "see " + see);
        }
        if (!completed) {
            return CheckResult.failed(
                    name,
                    "no check completed since " + since,
                    "see "
                            + see
                            + "; a new stack's first check comes within "
                            + interval.toMinutes()
                            + " minutes of the deploy");
        }
        return CheckResult.passed(
                name,
                "a check completed within the last "
                        + interval.multipliedBy(2).toMinutes()
                        + " minutes, and its alarms are not in ALARM");
    }

    /**
     * The breaker's alarms match AutoPause (none when Disabled; the set's own metrics in
     * ConfigurationSet mode, the account's in Account mode; each invokes the stack's breaker), and
     * the sending it guards is not paused now.
     */
    CheckResult circuitBreaker(List<MetricAlarm> alarms, SesV2Client ses) {
        String name = "circuit breaker";
        String mode = parameter(ResumeCommand.AUTO_PAUSE);
        List<MetricAlarm> autoPause =
                alarms.stream()
                        .filter(a -> a.alarmName().startsWith(stack.name() + "-auto-pause-"))
                        .toList();
        if ("Disabled".equals(mode)) {
            return autoPause.isEmpty()
                    ? CheckResult.skipped(name, "off (AutoPause=Disabled), and no auto-pause alarm")
                    : CheckResult.failed(
                            name,
                            "AutoPause=Disabled but "
                                    + autoPause.size()
                                    + " auto-pause alarms exist",
                            "deploy the stack again");
        }
        String set = parameter(ResumeCommand.CONFIGURATION_SET_NAME);
        List<Dimension> dimensions =
                "ConfigurationSet".equals(mode)
                        ? List.of(
                                Dimension.builder()
                                        .name("ses:configuration-set")
                                        .value(set)
                                        .build())
                        : List.of();
        String function = ":function:" + stack.name() + "-circuit-breaker";
        List<String> wrong =
                autoPause.stream()
                        .filter(
                                a ->
                                        !a.dimensions().equals(dimensions)
                                                || a.alarmActions().stream()
                                                        .noneMatch(
                                                                action ->
                                                                        action.endsWith(function)))
                        .map(MetricAlarm::alarmName)
                        .toList();
        if (autoPause.size() != 3 || !wrong.isEmpty()) {
            return CheckResult.failed(
                    name,
                    "AutoPause="
                            + mode
                            + " but "
                            + (autoPause.size() != 3
                                    ? autoPause.size() + " of 3 auto-pause alarms exist"
                                    : String.join(", ", wrong)
                                            + " watch other figures or invoke no breaker"),
                    "deploy the stack again");
        }
        String watched =
                "Account".equals(mode) ? "the account's sending" : "the configuration set " + set;
        String resume =
                "find the cause (bin/ses-feedback report"
                        + envOption()
                        + "), then bin/ses-feedback resume"
                        + envOption();
        if ("Account".equals(mode)) {
            var account = ses.getAccount(r -> {});
            if (Boolean.FALSE.equals(account.sendingEnabled())) {
                return "SHUTDOWN".equals(account.enforcementStatus())
                        ? CheckResult.failed(
                                name,
                                "SES itself paused the account (EnforcementStatus SHUTDOWN)",
                                "bin/ses-feedback incident"
                                        + envOption()
                                        + " for the support case; resuming is AWS's")
                        : CheckResult.failed(
                                name,
                                "the account's sending is off (EnforcementStatus "
                                        + account.enforcementStatus()
                                        + "): the breaker, or someone, paused it",
                                resume);
            }
        } else if (pausedSet(ses, set)) {
            return CheckResult.failed(name, "the breaker paused " + watched, resume);
        }
        return CheckResult.passed(
                name,
                "AutoPause="
                        + mode
                        + ": three alarms on "
                        + ("Account".equals(mode)
                                ? "the account's figures"
                                : "the set's own figures")
                        + " invoke it; "
                        + watched
                        + " is on");
    }

    private static boolean pausedSet(SesV2Client ses, String set) {
        return BreakerState.pausedSet(ses, set);
    }

    private String envOption() {
        return env != null ? " --env " + env : " --stack " + stack.name();
    }

    /** The stack's alarms ({@link StackAlarms}). */
    static List<MetricAlarm> alarmsOf(
            CloudWatchClient cloudWatch, CloudFormationTemplate template, String stackName) {
        return StackAlarms.of(cloudWatch, template, stackName);
    }
}
