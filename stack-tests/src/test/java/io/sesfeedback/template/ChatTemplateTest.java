package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * template.yaml's chat delivery: AWS Chatbot posts the feedback topic in Slack or Microsoft Teams
 * only when every id of the address is given, through a role that reads CloudWatch and nothing
 * else, capped by a read-only guardrail.
 */
class ChatTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final List<String> CHANNELS = List.of("SlackChannel", "TeamsChannel");
    private static final List<String> IDS =
            List.of(
                    "SlackWorkspaceId",
                    "SlackChannelId",
                    "TeamsTenantId",
                    "TeamsTeamId",
                    "TeamsChannelId");

    private static Map<String, Object> parameter(String name) {
        return CloudFormationTemplate.map(TEMPLATE.section("Parameters").get(name), name);
    }

    private static Map<String, Object> given(String id) {
        return Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", id), ""))));
    }

    @Test
    void chatIsOffByDefaultAndOnlyAWholeAddressTurnsItOn() {
        assertThat(IDS).allSatisfy(id -> assertThat(parameter(id)).containsEntry("Default", ""));
        assertThat(TEMPLATE.section("Conditions"))
                .containsEntry(
                        "HasSlackChannel",
                        Map.of(
                                "Fn::And",
                                List.of(given("SlackWorkspaceId"), given("SlackChannelId"))))
                .containsEntry(
                        "HasTeamsChannel",
                        Map.of(
                                "Fn::And",
                                List.of(
                                        given("TeamsTenantId"),
                                        given("TeamsTeamId"),
                                        given("TeamsChannelId"))))
                .containsEntry(
                        "UseChat",
                        Map.of(
                                "Fn::Or",
                                List.of(
                                        Map.of("Condition", "HasSlackChannel"),
                                        Map.of("Condition", "HasTeamsChannel"))));
        assertThat(TEMPLATE.resource("SlackChannel")).containsEntry("Condition", "HasSlackChannel");
        assertThat(TEMPLATE.resource("TeamsChannel")).containsEntry("Condition", "HasTeamsChannel");
        assertThat(TEMPLATE.resource("ChatRole")).containsEntry("Condition", "UseChat");
    }

    /** Half an address would deploy nothing and say nothing: a rule refuses it at deploy time. */
    @ParameterizedTest
    @ValueSource(strings = {"SlackNeedsWorkspaceAndChannel", "TeamsNeedsTenantTeamAndChannel"})
    void aHalfGivenAddressIsRefused(String rule) {
        Map<String, Object> body =
                CloudFormationTemplate.map(TEMPLATE.section("Rules").get(rule), rule);
        List<String> ids = IDS.stream().filter(id -> id.startsWith(rule.substring(0, 5))).toList();

        assertThat(body.get("RuleCondition"))
                .isEqualTo(Map.of("Fn::Or", ids.stream().map(ChatTemplateTest::given).toList()));
        assertThat(body.get("Assertions"))
                .asList()
                .singleElement()
                .satisfies(
                        assertion ->
                                assertThat(
                                                CloudFormationTemplate.map(assertion, "assertion")
                                                        .get("Assert"))
                                        .isEqualTo(
                                                Map.of(
                                                        "Fn::And",
                                                        ids.stream()
                                                                .map(ChatTemplateTest::given)
                                                                .toList())));
    }

    /** The parameters accept what the resource types accept (cfn-lint's schemas), or empty. */
    @Test
    void eachIdParameterAcceptsEmptyOrTheShapeChatbotTakes() {
        Map<String, List<String>> examples =
                Map.of(
                        "SlackWorkspaceId", List.of("T0123ABCD"),
                        "SlackChannelId", List.of("C0123ABCD"),
                        "TeamsTenantId", List.of("1a2b3c4d-5e6f-1a2b-3c4d-1a2b3c4d5e6f"),
                        "TeamsTeamId", List.of("0A1B2C3D-4E5F-1A2B-3C4D-0A1B2C3D4E5F"),
                        "TeamsChannelId",
                                List.of("19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2"));
        examples.forEach(
                (id, values) -> {
                    Pattern pattern = Pattern.compile((String) parameter(id).get("AllowedPattern"));
                    assertThat(pattern.matcher("").matches()).as("%s empty", id).isTrue();
                    assertThat(values)
                            .allSatisfy(
                                    value ->
                                            assertThat(pattern.matcher(value).matches())
                                                    .as("%s %s", id, value)
                                                    .isTrue());
                    assertThat(pattern.matcher("not an id!").matches())
                            .as("%s refuses junk", id)
                            .isFalse();
                });
    }

    @Test
    void bothChannelsPostTheFeedbackTopicThroughTheChatRoleCappedByCloudWatchReadOnly() {
        assertThat(CHANNELS)
                .allSatisfy(
                        channel ->
                                assertThat(TEMPLATE.properties(channel))
                                        .containsEntry(
                                                "SnsTopicArns",
                                                List.of(Map.of("Ref", "FeedbackTopic")))
                                        .containsEntry(
                                                "IamRoleArn",
                                                Map.of("Fn::GetAtt", List.of("ChatRole", "Arn")))
                                        .as(
                                                "without a guardrail Chatbot applies AdministratorAccess")
                                        .containsEntry(
                                                "GuardrailPolicies",
                                                List.of(
                                                        Map.of(
                                                                "Fn::Sub",
                                                                "arn:${AWS::Partition}:iam::aws:policy/CloudWatchReadOnlyAccess")))
                                        .containsEntry("UserRoleRequired", false)
                                        .as(
                                                "Chatbot's own log group would keep what it receives, addresses included, forever")
                                        .containsEntry("LoggingLevel", "NONE"));
        assertThat(TEMPLATE.properties("SlackChannel"))
                .containsEntry("SlackWorkspaceId", Map.of("Ref", "SlackWorkspaceId"))
                .containsEntry("SlackChannelId", Map.of("Ref", "SlackChannelId"))
                .containsEntry(
                        "ConfigurationName",
                        Map.of("Fn::Sub", "${AWS::StackName}-${AWS::Region}-slack"));
        assertThat(TEMPLATE.properties("TeamsChannel"))
                .containsEntry("TeamsTenantId", Map.of("Ref", "TeamsTenantId"))
                .containsEntry("TeamId", Map.of("Ref", "TeamsTeamId"))
                .containsEntry("TeamsChannelId", Map.of("Ref", "TeamsChannelId"))
                .containsEntry(
                        "ConfigurationName",
                        Map.of("Fn::Sub", "${AWS::StackName}-${AWS::Region}-teams"));
    }

    @Test
    void theChatRoleIsChatbotsAndOnlyReadsCloudWatch() {
        Map<String, Object> role = TEMPLATE.properties("ChatRole");

        assertThat(
                        CloudFormationTemplate.map(role.get("AssumeRolePolicyDocument"), "trust")
                                .get("Statement"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", "chatbot.amazonaws.com"),
                                        "Action",
                                        "sts:AssumeRole")));
        assertThat(role).doesNotContainKey("ManagedPolicyArns");
        assertThat(role.get("Policies"))
                .asList()
                .singleElement()
                .satisfies(
                        policy ->
                                assertThat(
                                                CloudFormationTemplate.map(
                                                                CloudFormationTemplate.map(
                                                                                policy, "policy")
                                                                        .get("PolicyDocument"),
                                                                "document")
                                                        .get("Statement"))
                                        .isEqualTo(
                                                List.of(
                                                        Map.of(
                                                                "Sid",
                                                                "ChartAlarmsInChat",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                List.of(
                                                                        "cloudwatch:Describe*",
                                                                        "cloudwatch:Get*",
                                                                        "cloudwatch:List*"),
                                                                "Resource",
                                                                "*"))));
    }

    /**
     * SNS decrypts a message before it delivers it (sns-server-side-encryption.html): Chatbot needs
     * no grant on the key.
     */
    @Test
    void theKeyPolicyNamesNoChatPrincipal() {
        assertThat(TEMPLATE.properties("FeedbackKey").toString()).doesNotContain("chatbot");
    }
}
