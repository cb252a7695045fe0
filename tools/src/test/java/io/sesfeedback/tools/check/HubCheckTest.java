package io.sesfeedback.tools.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.Cli.Run;
import io.sesfeedback.tools.fixtures.HubStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * check on hub and member stacks on moto (its EventBridge serves the bus policy, rules and targets;
 * CloudWatch's DescribeAlarms, CBOR, from a loopback stand-in): a hub whose bus admits the
 * organisation and feeds the recorder, one with neither; a member forwarding with a role, retries
 * and a dead-letter queue, one whose rule has none of them.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class HubCheckTest {

    private static final String ORGANISATION = "o-a1b2c3d4e5";
    private static final String PATTERN = "{\"source\": [\"aws.ses\", \"ses-feedback\"]}";

    private static CloudWatchStandIn cloudWatch;
    private static HubStacks stacks;
    private static EventBridgeClient events;
    private static HubStacks.Deployed hub;
    private static HubStacks.Deployed closedHub;
    private static HubStacks.Deployed member;
    private static HubStacks.Deployed bareMember;

    @BeforeAll
    static void hubsAndMembers(MotoServer moto) throws Exception {
        cloudWatch = CloudWatchStandIn.start();
        stacks = new HubStacks(moto);
        events = Cli.client(EventBridgeClient.builder(), moto.endpoint());

        hub = stacks.deploy("hub-check", "Hub", Map.of("OrganizationId", ORGANISATION));
        String bus = hub.name() + "-hub";
        events.createEventBus(r -> r.name(bus));
        events.putPermission(
                r ->
                        r.eventBusName(bus)
                                .policy(
                                        """
                                        {"Version": "2012-10-17", "Statement": [{"Sid": "OrganisationPutsEvents",
                                          "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents",
                                          "Resource": "%s",
                                          "Condition": {"StringEquals": {"aws:PrincipalOrgID": "%s"}}}]}
                                        """
                                                .formatted(
                                                        HubStacks.hubBusArn(hub.name()),
                                                        ORGANISATION)));
        forward(
                hub.name() + "-hub-feedback",
                bus,
                Target.builder()
                        .id("recorder")
                        .arn(
                                "arn:aws:lambda:eu-west-1:123456789012:function:"
                                        + hub.name()
                                        + "-recorder:live")
                        .deadLetterConfig(d -> d.arn(queue("hub-undelivered-events")))
                        .retryPolicy(
                                p -> p.maximumEventAgeInSeconds(86400).maximumRetryAttempts(185))
                        .build());

        closedHub = stacks.deploy("hub-closed", "Hub", Map.of("OrganizationId", ORGANISATION));
        events.createEventBus(r -> r.name(closedHub.name() + "-hub"));

        member =
                stacks.deploy(
                        "member-check",
                        "Member",
                        Map.of("HubEventBusArn", HubStacks.hubBusArn(hub.name())));
        forward(
                member.name() + "-hub-forwarding",
                "default",
                Target.builder()
                        .id("hub")
                        .arn(HubStacks.hubBusArn(hub.name()))
                        .roleArn("arn:aws:iam::123456789012:role/" + member.name() + "-forwarding")
                        .deadLetterConfig(d -> d.arn(queue("member-undelivered-events")))
                        .retryPolicy(
                                p -> p.maximumEventAgeInSeconds(86400).maximumRetryAttempts(185))
                        .build());

        bareMember =
                stacks.deploy(
                        "member-bare",
                        "Member",
                        Map.of("HubEventBusArn", HubStacks.hubBusArn(closedHub.name())));
        forward(
                bareMember.name() + "-hub-forwarding",
                "default",
                Target.builder().id("hub").arn(HubStacks.hubBusArn(closedHub.name())).build());

        cloudWatch.alarms(
                List.of(
                        Map.of(
                                "AlarmName",
                                member.name() + HubChecks.FORWARDING_FAILED_ALARM,
                                "StateValue",
                                "OK")));
    }

    @AfterAll
    static void stop() {
        events.close();
        cloudWatch.close();
    }

    private static void forward(String rule, String bus, Target target) {
        events.putRule(r -> r.name(rule).eventBusName(bus).eventPattern(PATTERN));
        events.putTargets(r -> r.rule(rule).eventBusName(bus).targets(target));
    }

    private static String queue(String name) {
        return "arn:aws:sqs:eu-west-1:123456789012:" + name;
    }

    private static Run check(HubStacks.Deployed stack, String... options) {
        List<String> args =
                new ArrayList<>(List.of("check", "--stack", stack.name(), "--region", Cli.REGION));
        args.addAll(List.of(options));
        return Cli.run(stacks.targets(cloudWatch.endpoint()), args.toArray(String[]::new));
    }

    @Test
    void aHubWhoseBusAdmitsTheOrganisationAndFeedsTheRecorderPassesItsChecks() {
        // when (a hub wires no SES identity: nothing to send)
        Run run = check(hub);

        // then
        String bus = HubStacks.hubBusArn(hub.name());
        assertThat(run.out().lines().toList())
                .as(run.out() + run.err())
                .contains(
                        "✓ hub bus admits the organisation: "
                                + bus
                                + " allows events:PutEvents to accounts of o-a1b2c3d4e5 (aws:PrincipalOrgID)",
                        "✓ hub feedback rule: rule "
                                + hub.name()
                                + "-hub-feedback on "
                                + bus
                                + " sends the members' events to arn:aws:lambda:eu-west-1:123456789012:function:"
                                + hub.name()
                                + "-recorder:live, dead-letter queue arn:aws:sqs:eu-west-1:123456789012:"
                                + "hub-undelivered-events",
                        "· sends: a hub wires no SES identity of its own: run check on each member");
        assertThat(run.out()).contains("· cross-account delivery: only a real event shows it");
    }

    @Test
    void aHubWhoseBusHasNoPolicyAndNoRuleFailsBothWithWhatToDo() {
        // when
        Run run = check(closedHub, "--no-send");

        // then
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ hub bus admits the organisation: "
                                + HubStacks.hubBusArn(closedHub.name())
                                + " has no resource policy: no member account can put on it\n"
                                + "    to do: sam deploy (the HubEventBusPolicy resource)",
                        "✗ hub feedback rule: no rule on "
                                + HubStacks.hubBusArn(closedHub.name())
                                + " targets the recorder "
                                + closedHub.name()
                                + "-recorder");
    }

    @Test
    void
            aMemberForwardingWithARoleRetriesAndADeadLetterQueuePassesAndNamesWhatOnlyARealEventShows() {
        // when
        Run run = check(member, "--no-send");

        // then
        assertThat(run.out().lines().toList())
                .as(run.out() + run.err())
                .contains(
                        "✓ hub forwarding rule: rule "
                                + member.name()
                                + "-hub-forwarding forwards to "
                                + HubStacks.hubBusArn(hub.name())
                                + " as arn:aws:iam::123456789012:role/"
                                + member.name()
                                + "-forwarding, retrying up to 185 times over 86400 s, dead-letter queue"
                                + " arn:aws:sqs:eu-west-1:123456789012:member-undelivered-events",
                        "✓ hub forwarding alarm: "
                                + member.name()
                                + "-hub-forwarding-failed watches the forwarding (OK)");
        assertThat(run.out())
                .contains(
                        "· cross-account delivery: only a real event shows it: after the next SES event or"
                                + " account-watch change here, bin/ses-feedback status --env hub should list this account");
    }

    @Test
    void aMemberWhoseRuleHasNoRoleRetriesOrDeadLetterQueueFails() {
        // when
        Run run = check(bareMember, "--no-send");

        // then
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "✗ hub forwarding rule: rule "
                                + bareMember.name()
                                + "-hub-forwarding has no role, no retry policy, no dead-letter queue",
                        "✗ hub forwarding alarm: no alarm named "
                                + bareMember.name()
                                + "-hub-forwarding-failed");
    }
}
