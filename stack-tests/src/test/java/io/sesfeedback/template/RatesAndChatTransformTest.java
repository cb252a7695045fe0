package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The configuration set's own rates and chat delivery as CloudFormation deploys them after the
 * Serverless transform, for a stack given a configuration set, a Slack channel and a Teams channel.
 * The translator passes conditions through unevaluated: which parameters deploy each resource is
 * the condition's value, evaluated here.
 */
@Tag("sam-translator")
class RatesAndChatTransformTest {

    private static final Map<String, String> PARAMETERS =
            Map.of(
                    "Environment",
                    "dev",
                    "ConfigurationSetName",
                    "loadtest",
                    "SlackWorkspaceId",
                    "T0123ABCD",
                    "SlackChannelId",
                    "C0123ABCD",
                    "TeamsTenantId",
                    "1a2b3c4d-5e6f-1a2b-3c4d-1a2b3c4d5e6f",
                    "TeamsTeamId",
                    "0a1b2c3d-4e5f-1a2b-3c4d-0a1b2c3d4e5f",
                    "TeamsChannelId",
                    "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2");
    private static final Map<String, Object> TOPIC = Map.of("Ref", "FeedbackTopic");

    private static CloudFormationTemplate template;

    @BeforeAll
    static void translate() throws Exception {
        template = SamTranslation.of(Path.of("template.yaml"), PARAMETERS).template();
    }

    private static Map<String, String> without(String... names) {
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        List.of(names).forEach(parameters::remove);
        return parameters;
    }

    /**
     * Its two warning alarms; the breaker's, on the same figures in ConfigurationSet mode, are
     * CircuitBreakerTemplateTest's.
     */
    @Test
    void theConfigurationSetPublishesItsReputationAndItsTwoRatesAreAlarmedOnTheTopic() {
        assertThat(template.properties("ConfigurationSet"))
                .containsEntry("ReputationOptions", Map.of("ReputationMetricsEnabled", true));
        assertThat(template.resourcesOfType("AWS::CloudWatch::Alarm"))
                .filteredOn(
                        alarm ->
                                !alarm.startsWith("AutoPause")
                                        && template.properties(alarm).containsKey("Dimensions")
                                        && template.properties(alarm)
                                                .get("Dimensions")
                                                .toString()
                                                .contains("ses:configuration-set"))
                .containsExactly(
                        "ConfigurationSetBounceRateAlarm", "ConfigurationSetComplaintRateAlarm")
                .allSatisfy(
                        alarm -> {
                            assertThat(template.resource(alarm))
                                    .containsEntry("Condition", "HasConfigurationSet");
                            assertThat(template.properties(alarm))
                                    .containsEntry("AlarmActions", List.of(TOPIC))
                                    .containsEntry("OKActions", List.of(TOPIC));
                        });
        assertThat(Conditions.holds(template, "HasConfigurationSet", PARAMETERS)).isTrue();
        assertThat(
                        Conditions.holds(
                                template, "HasConfigurationSet", without("ConfigurationSetName")))
                .isFalse();
        assertThat(template.properties("Dashboard").toString())
                .as("the board's configuration-set charts, still conditional")
                .contains("Fn::If", "HasConfigurationSet");
    }

    @Test
    void slackAndTeamsChannelsPostTheTopicThroughTheChatRole() {
        assertThat(template.resourcesOfType("AWS::Chatbot::SlackChannelConfiguration"))
                .containsExactly("SlackChannel");
        assertThat(template.resourcesOfType("AWS::Chatbot::MicrosoftTeamsChannelConfiguration"))
                .containsExactly("TeamsChannel");
        assertThat(List.of("SlackChannel", "TeamsChannel"))
                .allSatisfy(
                        channel ->
                                assertThat(template.properties(channel))
                                        .containsEntry("SnsTopicArns", List.of(TOPIC))
                                        .containsEntry(
                                                "IamRoleArn",
                                                Map.of("Fn::GetAtt", List.of("ChatRole", "Arn"))));
        assertThat(template.resource("ChatRole"))
                .containsEntry("Type", "AWS::IAM::Role")
                .containsEntry("Condition", "UseChat");
        assertThat(template.section("Rules"))
                .as("the transform keeps the rules")
                .containsKeys("SlackNeedsWorkspaceAndChannel", "TeamsNeedsTenantTeamAndChannel");
    }

    @Test
    void eachChannelDeploysWithItsWholeAddressAndTheRoleWithEither() {
        assertThat(Conditions.holds(template, "HasSlackChannel", PARAMETERS)).isTrue();
        assertThat(Conditions.holds(template, "HasTeamsChannel", PARAMETERS)).isTrue();
        assertThat(Conditions.holds(template, "HasSlackChannel", without("SlackWorkspaceId")))
                .isFalse();
        assertThat(Conditions.holds(template, "HasTeamsChannel", without("TeamsTeamId"))).isFalse();
        assertThat(Conditions.holds(template, "UseChat", without("TeamsChannelId")))
                .as("Slack alone")
                .isTrue();
        assertThat(Conditions.holds(template, "UseChat", without("SlackChannelId")))
                .as("Teams alone")
                .isTrue();
        assertThat(Conditions.holds(template, "UseChat", Map.of("Environment", "dev")))
                .as("by default")
                .isFalse();
    }
}
