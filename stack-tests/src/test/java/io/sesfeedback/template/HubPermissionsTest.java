package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.iam.RolePolicy;
import io.sesfeedback.testing.iam.ServiceAuthorization;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The grants a member adds, as template.yaml writes them, against the calls made with them: the
 * hub-forwarding role is EventBridge's, which puts each event the rule matched on the hub's bus
 * (PutEvents on event-bus/NAME, as the Service Authorization Reference authorises it); the account
 * watcher puts its message on its own default bus (the contract's call, which the watcher's code in
 * functions/ makes and its own permissions test records there). Each call allowed, each grant used,
 * nothing on "*", and nothing granted outside Member.
 */
class HubPermissionsTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("template.yaml"));
    private static final String REGION = "eu-west-1";
    private static final String ACCOUNT = Intrinsics.ACCOUNT;
    private static final String HUB_BUS =
            "arn:aws:events:eu-west-1:210987654321:event-bus/ses-feedback-hub-hub";
    private static final String DEFAULT_BUS =
            "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/default";
    private static final Map<String, String> PARAMETERS =
            Map.of(
                    "AWS::Partition", "aws",
                    "AWS::Region", REGION,
                    "AWS::AccountId", ACCOUNT,
                    "AWS::StackName", "ses-feedback-dev",
                    "HubEventBusArn", HUB_BUS);

    /** What EventBridge does with the role: put the matched event on the hub's bus. */
    private static final List<RecordedCalls.Call> FORWARDING =
            List.of(new RecordedCalls.Call("events:PutEvents", HUB_BUS));

    /** What the account watcher of a member does beside its SNS publish. */
    private static final RecordedCalls.Call WATCHER_PUTS =
            new RecordedCalls.Call("events:PutEvents", DEFAULT_BUS);

    @Test
    void givenTheForwardingRoleThenItsOneGrantIsThePutOnTheHubsBus() {
        RolePolicy role = RolePolicy.of(TEMPLATE, "HubForwardingRole", Map.of(), PARAMETERS);

        assertThat(role.disallowed(FORWARDING)).isEmpty();
        assertThat(role.unused(FORWARDING, Set.of())).isEmpty();
        assertThat(role.misplacedStars()).isEmpty();
        assertThat(role.statements())
                .singleElement()
                .satisfies(statement -> assertThat(statement.resources()).containsExactly(HUB_BUS));
    }

    @Test
    void givenTheForwardingRoleThenItCannotPutOnAnyOtherBus() {
        RolePolicy role = RolePolicy.of(TEMPLATE, "HubForwardingRole", Map.of(), PARAMETERS);

        assertThat(role.allows(WATCHER_PUTS)).as("the member's own default bus").isFalse();
        assertThat(
                        role.allows(
                                new RecordedCalls.Call(
                                        "events:PutEvents",
                                        "arn:aws:events:eu-west-1:210987654321:event-bus/default")))
                .as("the hub account's default bus")
                .isFalse();
    }

    @Test
    void givenAMemberThenTheAccountWatcherMayPutOnItsDefaultBusAndNowhereElse() {
        RolePolicy member = watcher(true);
        RolePolicy.Statement put =
                member.statements().stream()
                        .filter(statement -> statement.actions().contains("events:PutEvents"))
                        .findFirst()
                        .orElseThrow();

        assertThat(member.allows(WATCHER_PUTS)).isTrue();
        assertThat(put.sid()).isEqualTo("PutAccountStatusOnDefaultBus");
        assertThat(put.actions()).containsExactly("events:PutEvents");
        assertThat(put.resources()).containsExactly(DEFAULT_BUS);
        assertThat(member.allows(new RecordedCalls.Call("events:PutEvents", HUB_BUS)))
                .as("the hub's bus is the forwarding rule's to reach")
                .isFalse();
        assertThat(ServiceAuthorization.resourceType("events:PutEvents")).hasValue("event-bus");
    }

    @Test
    void givenAStandaloneStackOrAHubThenTheAccountWatcherMayPutNoEvents() {
        RolePolicy alone = watcher(false);

        assertThat(alone.allows(WATCHER_PUTS)).isFalse();
        assertThat(alone.statements())
                .flatExtracting(RolePolicy.Statement::actions)
                .noneMatch(action -> action.startsWith("events:"));
    }

    private static RolePolicy watcher(boolean member) {
        return RolePolicy.of(
                TEMPLATE,
                "AccountWatchRole",
                Map.of(
                        "FeedbackTable",
                        "arn:aws:dynamodb:"
                                + REGION
                                + ":"
                                + ACCOUNT
                                + ":table/ses-feedback-dev-feedback",
                        "FeedbackTopic",
                        "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":ses-feedback-dev-feedback",
                        "AccountWatchLogGroup",
                        "arn:aws:logs:"
                                + REGION
                                + ":"
                                + ACCOUNT
                                + ":log-group:/aws/lambda/ses-feedback-dev-account-watch:*"),
                PARAMETERS,
                Map.of("UseCustomerManagedKey", false, "ForwardsToHub", member));
    }
}
