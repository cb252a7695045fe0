package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's SES wiring and guard: no identity is wired unless named; the function and its
 * custom resource exist when identities are named or the guard is on (it is, by default); the
 * managed policy only with the guard.
 */
class IdentityNotificationsTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final Map<String, Object> WIRING = Map.of("Condition", "UseIdentityFunction");

    @Test
    void noIdentityIsWiredAndNothingChangesDeliveryOrForwardingByDefault() {
        assertThat(parameter("NotifiedIdentities"))
                .containsEntry("Type", "CommaDelimitedList")
                .containsEntry("Default", "");
        assertThat(parameter("DeliveryNotifications"))
                .containsEntry("Default", "Disabled")
                .containsEntry("AllowedValues", List.of("Enabled", "Disabled"));
        assertThat(parameter("EmailForwarding"))
                .containsEntry("Default", "Unchanged")
                .containsEntry("AllowedValues", List.of("Unchanged", "Disabled"));
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "NotifiesDeliveries",
                        Map.of(
                                "Fn::Equals",
                                List.of(Map.of("Ref", "DeliveryNotifications"), "Enabled")))
                .containsEntry(
                        "StopsEmailForwarding",
                        Map.of(
                                "Fn::Equals",
                                List.of(Map.of("Ref", "EmailForwarding"), "Disabled")));
    }

    @Test
    void wiringConditionHoldsWhenTheIdentityListIsNotEmpty() {
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "HasNotifiedIdentities",
                        Map.of(
                                "Fn::Not",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(
                                                        Map.of(
                                                                "Fn::Join",
                                                                List.of(
                                                                        "",
                                                                        Map.of(
                                                                                "Ref",
                                                                                "NotifiedIdentities"))),
                                                        "")))));
    }

    @Test
    void theGuardBlocksTheReservedNamesByDefaultAndNoneTurnsItOff() {
        assertThat(parameter("BlockedRecipientDomains"))
                .containsEntry("Type", "String")
                .containsEntry("Default", "reserved");
        Pattern allowed =
                Pattern.compile(
                        (String) parameter("BlockedRecipientDomains").get("AllowedPattern"));
        assertThat(
                        List.of(
                                "reserved",
                                "none",
                                "reserved,loadtest.example.co.uk",
                                "loadtest.sesfeedback.dev"))
                .allSatisfy(
                        value -> assertThat(allowed.matcher(value).matches()).as(value).isTrue());
        assertThat(List.of("", "Reserved", "reserved,", "reserved, loadtest.dev", "*.example.com"))
                .as("the function makes the case forms; the list is lower case")
                .allSatisfy(
                        value -> assertThat(allowed.matcher(value).matches()).as(value).isFalse());
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "UseRecipientGuard",
                        Map.of(
                                "Fn::Not",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(
                                                        Map.of("Ref", "BlockedRecipientDomains"),
                                                        "none")))))
                .containsEntry(
                        "UseIdentityFunction",
                        Map.of(
                                "Fn::Or",
                                List.of(
                                        Map.of("Condition", "HasNotifiedIdentities"),
                                        Map.of("Condition", "UseRecipientGuard"))));
    }

    @Test
    void theCustomResourceGetsTheGuardsDomainsItsPolicyNameAndTheIdentityArnPrefix() {
        assertThat(
                        CloudFormationTemplate.map(
                                TEMPLATE.resource("IdentityNotifications").get("Properties"),
                                "Properties"))
                .containsEntry("BlockedRecipientDomains", Map.of("Ref", "BlockedRecipientDomains"))
                .containsEntry(
                        "GuardPolicyName",
                        Map.of("Fn::Sub", "${AWS::StackName}-block-test-recipients"))
                .containsEntry(
                        "IdentityArnPrefix",
                        Map.of(
                                "Fn::Sub",
                                "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/"));
    }

    @Test
    void theManagedPolicyAndItsOutputExistOnlyWithTheGuard() {
        assertThat(TEMPLATE.resource("BlockTestRecipientsPolicy"))
                .containsEntry("Type", "AWS::IAM::ManagedPolicy")
                .containsEntry("Condition", "UseRecipientGuard");
        assertThat(
                        CloudFormationTemplate.map(
                                TEMPLATE.section("Outputs").get("BlockTestRecipientsPolicyArn"),
                                "output"))
                .containsEntry("Condition", "UseRecipientGuard")
                .containsEntry("Value", Map.of("Ref", "BlockTestRecipientsPolicy"));
    }

    @Test
    void functionRoleLogGroupAndCustomResourceAllCarryTheCondition() {
        assertThat(
                        List.of(
                                "IdentityNotificationsFunction",
                                "IdentityNotificationsRole",
                                "IdentityNotificationsLogGroup",
                                "IdentityNotifications"))
                .allSatisfy(id -> assertThat(TEMPLATE.resource(id)).containsAllEntriesOf(WIRING));
        assertThat(TEMPLATE.resourcesOfType("Custom::SesIdentityNotifications"))
                .containsExactly("IdentityNotifications");
    }

    /**
     * Without ServiceTimeout, a function that timed out would hold the stack for CloudFormation's
     * default hour.
     */
    @Test
    void customResourceFailsSoonAfterItsFunctionTimesOut() {
        long functionTimeout =
                ((Number) TEMPLATE.properties("IdentityNotificationsFunction").get("Timeout"))
                        .longValue();

        Object serviceTimeout = TEMPLATE.properties("IdentityNotifications").get("ServiceTimeout");

        assertThat(serviceTimeout).isInstanceOf(Number.class);
        assertThat(((Number) serviceTimeout).longValue())
                .isGreaterThan(functionTimeout)
                .isLessThanOrEqualTo(functionTimeout + 60);
    }

    private static Map<String, Object> parameter(String name) {
        return CloudFormationTemplate.map(TEMPLATE.section("Parameters").get(name), name);
    }
}
