package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The SES wiring as CloudFormation deploys it after the Serverless transform, with identities to
 * wire: the custom resource calls the identity-notifications function, which has its own code and
 * its own role.
 */
@Tag("sam-translator")
class IdentityNotificationsTransformTest {

    private static final String WIRING = "UseIdentityFunction";

    private static CloudFormationTemplate template;

    @BeforeAll
    static void translate() throws Exception {
        template =
                SamTranslation.of(
                                Path.of("template.yaml"),
                                Map.of(
                                        "Environment",
                                        "dev",
                                        "NotifiedIdentities",
                                        "example.com,ops@example.org",
                                        "DeliveryNotifications",
                                        "Enabled"))
                        .template();
    }

    @Test
    void customResourceCallsTheFunctionWithTheTopicAndIdentitiesOnceTheTopicPolicyLetsSesPublish() {
        Map<String, Object> resource = template.resource("IdentityNotifications");

        assertThat(resource)
                .containsEntry("Type", "Custom::SesIdentityNotifications")
                .containsEntry("Condition", WIRING);
        assertThat(dependsOn(resource)).contains("FeedbackTopicPolicy");
        assertThat(template.properties("IdentityNotifications"))
                .containsEntry(
                        "ServiceToken",
                        Map.of("Fn::GetAtt", List.of("IdentityNotificationsFunction", "Arn")))
                .containsEntry("TopicArn", Map.of("Ref", "FeedbackTopic"))
                .containsEntry("Identities", Map.of("Ref", "NotifiedIdentities"))
                // the function reads "true" or "false"; the parameters say Enabled, Disabled or
                // Unchanged
                .containsEntry(
                        "IncludeDelivery",
                        Map.of("Fn::If", List.of("NotifiesDeliveries", "true", "false")))
                .containsEntry(
                        "DisableEmailForwarding",
                        Map.of("Fn::If", List.of("StopsEmailForwarding", "true", "false")))
                .containsEntry("BlockedRecipientDomains", Map.of("Ref", "BlockedRecipientDomains"));
    }

    @Test
    void managedPolicyDeniesTheSendingActionsWithTheCustomResourcesPatterns() {
        Map<String, Object> document =
                CloudFormationTemplate.map(
                        template.properties("BlockTestRecipientsPolicy").get("PolicyDocument"),
                        "PolicyDocument");
        Map<String, Object> statement =
                CloudFormationTemplate.map(
                        ((List<?>) document.get("Statement")).get(0), "Statement");

        assertThat(template.resource("BlockTestRecipientsPolicy"))
                .containsEntry("Condition", "UseRecipientGuard");
        assertThat(statement)
                .containsEntry("Effect", "Deny")
                .containsEntry(
                        "Action",
                        List.of(
                                "ses:SendEmail",
                                "ses:SendRawEmail",
                                "ses:SendTemplatedEmail",
                                "ses:SendBulkTemplatedEmail"))
                .containsEntry("Resource", "*")
                .containsEntry(
                        "Condition",
                        Map.of(
                                "ForAnyValue:StringLike",
                                Map.of(
                                        "ses:Recipients",
                                        Map.of(
                                                "Fn::Split",
                                                List.of(
                                                        ",",
                                                        Map.of(
                                                                "Fn::GetAtt",
                                                                List.of(
                                                                        "IdentityNotifications",
                                                                        "BlockedRecipientPatterns")))))));
    }

    @Test
    void functionRunsItsOwnCodeFromS3WithItsOwnRole() {
        Map<String, Object> function = template.properties("IdentityNotificationsFunction");

        assertThat(template.resource("IdentityNotificationsFunction"))
                .containsEntry("Type", "AWS::Lambda::Function")
                .containsEntry("Condition", WIRING);
        assertThat(function)
                .containsEntry(
                        "Code",
                        Map.of("S3Bucket", "ses-feedback-artifacts", "S3Key", "functions.zip"))
                .containsEntry(
                        "Handler",
                        "io.sesfeedback.identities.IdentityNotificationsHandler::handleRequest")
                .containsEntry(
                        "Role", Map.of("Fn::GetAtt", List.of("IdentityNotificationsRole", "Arn")))
                .containsEntry(
                        "LoggingConfig",
                        Map.of(
                                "LogFormat",
                                "JSON",
                                "LogGroup",
                                Map.of("Ref", "IdentityNotificationsLogGroup")))
                .doesNotContainKey("SnapStart");
        assertThat(template.properties("RecorderFunction"))
                .as("the recorder keeps its code and its role")
                .containsEntry(
                        "Code",
                        Map.of("S3Bucket", "ses-feedback-artifacts", "S3Key", "recorder.zip"))
                .containsEntry("Role", Map.of("Fn::GetAtt", List.of("RecorderRole", "Arn")));
        assertThat(template.resourcesOfType("AWS::IAM::Role"))
                .as(
                        "no role made by the transform: each function has the one the template gives it (the others'"
                                + " kept with their conditions)")
                .contains("RecorderRole", "IdentityNotificationsRole")
                .containsExactlyInAnyOrderElementsOf(
                        RecorderFixture.TEMPLATE.resourcesOfType("AWS::IAM::Role"));
    }

    @Test
    void functionRoleLogGroupAndCustomResourceExistOnlyWithIdentitiesToWire() {
        assertThat(
                        List.of(
                                "IdentityNotifications",
                                "IdentityNotificationsFunction",
                                "IdentityNotificationsRole",
                                "IdentityNotificationsLogGroup"))
                .allSatisfy(
                        id -> assertThat(template.resource(id)).containsEntry("Condition", WIRING));
        assertThat(template.section("Conditions"))
                .containsKeys(WIRING, "HasNotifiedIdentities", "UseRecipientGuard");
    }

    private static List<Object> dependsOn(Map<String, Object> resource) {
        Object value = resource.get("DependsOn");
        return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
    }
}
