package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.local.CloudFormationTemplate;
import io.sesfeedback.support.RecorderFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml's SES wiring: off unless identities are named, and all of it behind one condition. */
class IdentityNotificationsTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final Map<String, Object> WIRING = Map.of("Condition", "HasNotifiedIdentities");

    @Test
    void noIdentityIsWiredAndNothingChangesDeliveryOrForwardingByDefault() {
        assertThat(parameter("NotifiedIdentities")).containsEntry("Type", "CommaDelimitedList").containsEntry("Default", "");
        assertThat(parameter("NotifyDelivery")).containsEntry("Default", "false")
                .containsEntry("AllowedValues", List.of("true", "false"));
        assertThat(parameter("DisableEmailForwarding")).containsEntry("Default", "false")
                .containsEntry("AllowedValues", List.of("true", "false"));
    }

    @Test
    void wiringConditionHoldsWhenTheIdentityListIsNotEmpty() {
        assertThat(TEMPLATE.section("Conditions")).containsEntry("HasNotifiedIdentities", Map.of("Fn::Not", List.of(
                Map.of("Fn::Equals", List.of(Map.of("Fn::Join", List.of("", Map.of("Ref", "NotifiedIdentities"))), "")))));
    }

    @Test
    void functionRoleLogGroupAndCustomResourceAllCarryTheCondition() {
        assertThat(List.of("IdentityNotificationsFunction", "IdentityNotificationsRole", "IdentityNotificationsLogGroup",
                "IdentityNotifications"))
                .allSatisfy(id -> assertThat(TEMPLATE.resource(id)).containsAllEntriesOf(WIRING));
        assertThat(TEMPLATE.resourcesOfType("Custom::SesIdentityNotifications")).containsExactly("IdentityNotifications");
    }

    /** Without ServiceTimeout, a function that timed out would hold the stack for CloudFormation's default hour. */
    @Test
    void customResourceFailsSoonAfterItsFunctionTimesOut() {
        long functionTimeout = ((Number) TEMPLATE.properties("IdentityNotificationsFunction").get("Timeout")).longValue();

        Object serviceTimeout = TEMPLATE.properties("IdentityNotifications").get("ServiceTimeout");

        assertThat(serviceTimeout).isInstanceOf(Number.class);
        assertThat(((Number) serviceTimeout).longValue()).isGreaterThan(functionTimeout).isLessThanOrEqualTo(functionTimeout + 60);
    }

    private static Map<String, Object> parameter(String name) {
        return CloudFormationTemplate.map(TEMPLATE.section("Parameters").get(name), name);
    }
}
