package io.sesfeedback.tools.check;

import io.sesfeedback.notification.Json;
import io.sesfeedback.tools.targets.Stack;
import io.sesfeedback.tools.targets.StackOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * What check reads of a hub or a member stack (docs/deploy.md, "A hub for AWS Organizations"),
 * changing nothing. A hub: its bus admits the organisation, and a rule on it feeds the recorder. A
 * member: its forwarding rule puts on the hub's bus with a role, retries and a dead-letter queue,
 * and its hub-forwarding-failed alarm exists. That a member's events reach the hub across accounts
 * only a real event shows: {@link #crossAccountDelivery} says how to see it.
 */
final class HubChecks {

    /** The member's alarm on its forwarding's failures (template.yaml: {@code <stack>-…}). */
    static final String FORWARDING_FAILED_ALARM = "-hub-forwarding-failed";

    /** Where a member's forwarding rule is: SES and CloudWatch put their events there. */
    private static final String DEFAULT_BUS = "default";

    private final Stack stack;
    private final UnaryOperator<String> parameter;
    private final String env;

    HubChecks(Stack stack, UnaryOperator<String> parameter, String env) {
        this.stack = stack;
        this.parameter = parameter;
        this.env = env;
    }

    private String redeploy() {
        return "sam deploy" + (env == null ? "" : " --config-env " + env);
    }

    /** The hub's bus: its HubEventBusArn output, else template.yaml's name for it. */
    private String hubBus() {
        String arn = stack.outputs().get(StackOutputs.HUB_EVENT_BUS_ARN);
        return arn != null && !arn.isBlank() ? arn : stack.name() + "-hub";
    }

    /**
     * The hub's bus policy lets accounts of the organisation (OrganizationId) put events: a
     * statement allowing events:PutEvents under {@code aws:PrincipalOrgID}. DescribeEventBus
     * returns the bus's resource policy as text (EventBridge API Reference, DescribeEventBus,
     * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeEventBus.html; the
     * condition key:
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html).
     */
    CheckResult busAdmitsOrganisation(EventBridgeClient events) {
        String name = "hub bus admits the organisation";
        String organisation = parameter.apply("OrganizationId");
        if (organisation == null || organisation.isBlank()) {
            return CheckResult.failed(
                    name,
                    "the hub has no OrganizationId: no member can put on its bus",
                    redeploy() + " --parameter-overrides Mode=Hub OrganizationId=o-…");
        }
        String bus = hubBus();
        String policy = events.describeEventBus(r -> r.name(bus)).policy();
        if (policy == null || policy.isBlank()) {
            return CheckResult.failed(
                    name,
                    bus + " has no resource policy: no member account can put on it",
                    redeploy() + " (the HubEventBusPolicy resource)");
        }
        if (!admits(Json.readObject(policy), organisation)) {
            return CheckResult.failed(
                    name,
                    bus
                            + "'s policy has no statement allowing events:PutEvents to aws:PrincipalOrgID "
                            + organisation,
                    redeploy() + " with OrganizationId " + organisation);
        }
        return CheckResult.passed(
                name,
                bus
                        + " allows events:PutEvents to accounts of "
                        + organisation
                        + " (aws:PrincipalOrgID)");
    }

    private static boolean admits(Map<String, Object> policy, String organisation) {
        for (Object statement : list(policy.get("Statement"))) {
            if (statement instanceof Map<?, ?> allow
                    && "Allow".equals(allow.get("Effect"))
                    && list(allow.get("Action")).stream()
                            .anyMatch(a -> "events:PutEvents".equals(a) || "events:*".equals(a))
                    && allow.get("Condition") instanceof Map<?, ?> condition
                    && condition.get("StringEquals") instanceof Map<?, ?> equals
                    && list(equals.get("aws:PrincipalOrgID")).contains(organisation)) {
                return true;
            }
        }
        return false;
    }

    /** A policy element that is one value or a list of them, as a list. */
    private static List<?> list(Object value) {
        return value instanceof List<?> values
                ? values
                : value == null ? List.of() : List.of(value);
    }

    /**
     * A rule on the hub's bus (HubFeedbackRule) targets the recorder ({@code <stack>-recorder}, its
     * alias {@code live}), with a dead-letter queue.
     */
    CheckResult feedbackRule(EventBridgeClient events) {
        String name = "hub feedback rule";
        String bus = hubBus();
        String recorder = ":function:" + stack.name() + "-recorder";
        for (String rule : rules(events, bus)) {
            for (Target target : targets(events, rule, bus)) {
                String arn = Objects.toString(target.arn(), "");
                if (arn.endsWith(recorder) || arn.endsWith(recorder + ":live")) {
                    if (target.deadLetterConfig() == null
                            || target.deadLetterConfig().arn() == null) {
                        return CheckResult.failed(
                                name,
                                "rule " + rule + " sends to " + arn + " with no dead-letter queue",
                                redeploy());
                    }
                    return CheckResult.passed(
                            name,
                            "rule "
                                    + rule
                                    + " on "
                                    + bus
                                    + " sends the members' events to "
                                    + arn
                                    + ", dead-letter queue "
                                    + target.deadLetterConfig().arn());
                }
            }
        }
        return CheckResult.failed(
                name,
                "no rule on " + bus + " targets the recorder " + stack.name() + "-recorder",
                redeploy() + " (the HubFeedbackRule resource)");
    }

    /**
     * The member's forwarding rule (HubForwardingRule, on the default bus) targets the hub's bus
     * with a role (a bus in another account takes a role:
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html), a retry
     * policy and a dead-letter queue
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
     */
    CheckResult forwardingRule(EventBridgeClient events) {
        String name = "hub forwarding rule";
        String hub = parameter.apply("HubEventBusArn");
        if (hub == null || hub.isBlank()) {
            return CheckResult.failed(
                    name,
                    "the member has no HubEventBusArn",
                    redeploy()
                            + " --parameter-overrides Mode=Member HubEventBusArn=arn:aws:events:…:event-bus/…");
        }
        List<String> rules = new ArrayList<>();
        String next = null;
        do {
            String page = next;
            var response =
                    events.listRuleNamesByTarget(
                            r -> r.targetArn(hub).eventBusName(DEFAULT_BUS).nextToken(page));
            rules.addAll(response.ruleNames());
            next = response.nextToken();
        } while (next != null);
        if (rules.isEmpty()) {
            return CheckResult.failed(
                    name,
                    "no rule on the default bus targets " + hub,
                    redeploy() + " (the HubForwardingRule resource)");
        }
        List<String> problems = new ArrayList<>();
        for (String rule : rules) {
            for (Target target : targets(events, rule, DEFAULT_BUS)) {
                if (!hub.equals(target.arn())) {
                    continue;
                }
                List<String> missing = new ArrayList<>();
                if (target.roleArn() == null || target.roleArn().isBlank()) {
                    missing.add("role");
                }
                if (target.retryPolicy() == null) {
                    missing.add("retry policy");
                }
                if (target.deadLetterConfig() == null || target.deadLetterConfig().arn() == null) {
                    missing.add("dead-letter queue");
                }
                if (missing.isEmpty()) {
                    return CheckResult.passed(
                            name,
                            "rule "
                                    + rule
                                    + " forwards to "
                                    + hub
                                    + " as "
                                    + target.roleArn()
                                    + ", retrying up to "
                                    + target.retryPolicy().maximumRetryAttempts()
                                    + " times over "
                                    + target.retryPolicy().maximumEventAgeInSeconds()
                                    + " s, dead-letter queue "
                                    + target.deadLetterConfig().arn());
                }
                problems.add("rule " + rule + " has no " + String.join(", no ", missing));
            }
        }
        return CheckResult.failed(name, String.join("; ", problems), redeploy());
    }

    /** The names of the rules on {@code bus}, every page (EventBridge has no paginator). */
    private static List<String> rules(EventBridgeClient events, String bus) {
        List<String> rules = new ArrayList<>();
        String next = null;
        do {
            String page = next;
            var response = events.listRules(r -> r.eventBusName(bus).nextToken(page));
            response.rules().stream().map(Rule::name).forEach(rules::add);
            next = response.nextToken();
        } while (next != null);
        return rules;
    }

    private static List<Target> targets(EventBridgeClient events, String rule, String bus) {
        List<Target> targets = new ArrayList<>();
        String next = null;
        do {
            String page = next;
            var response =
                    events.listTargetsByRule(r -> r.rule(rule).eventBusName(bus).nextToken(page));
            targets.addAll(response.targets());
            next = response.nextToken();
        } while (next != null);
        return targets;
    }

    /**
     * The member's alarm on its forwarding's failures exists, and is not in ALARM: asked by its
     * name, as template.yaml gives it only under Mode=Member.
     */
    CheckResult forwardingAlarm(CloudWatchClient cloudWatch) {
        String name = "hub forwarding alarm";
        String alarmName = stack.name() + FORWARDING_FAILED_ALARM;
        MetricAlarm alarm =
                cloudWatch.describeAlarms(r -> r.alarmNames(alarmName)).metricAlarms().stream()
                        .filter(a -> alarmName.equals(a.alarmName()))
                        .findFirst()
                        .orElse(null);
        if (alarm == null) {
            return CheckResult.failed(name, "no alarm named " + alarmName, redeploy());
        }
        if (alarm.stateValue() == StateValue.ALARM) {
            return CheckResult.failed(
                    name,
                    alarmName + " is in ALARM: events failed to reach the hub's bus",
                    "read the undelivered-events queue (bin/ses-feedback redrive --dry-run), check the hub's bus"
                            + " policy admits this account's organisation, then redrive");
        }
        return CheckResult.passed(
                name, alarmName + " watches the forwarding (" + alarm.stateValueAsString() + ")");
    }

    /**
     * What no read shows: a real PutEvents from a member's account to the hub's bus in another,
     * which the hub's policy and the organisation decide.
     */
    CheckResult crossAccountDelivery(boolean hub) {
        return CheckResult.skipped(
                "cross-account delivery",
                "only a real event shows it: "
                        + (hub
                                ? "bin/ses-feedback status --env hub lists each member once its first"
                                        + " event arrived; a member missing there has not reached this bus"
                                : "after the next SES event or account-watch change here,"
                                        + " bin/ses-feedback status --env hub should list this account")
                        + " (AWS/Events metrics: the member rule's FailedInvocations, the hub rule's"
                        + " MatchedEvents)");
    }
}
