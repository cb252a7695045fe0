package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What CloudFormation deploys from template.yaml after the Serverless transform, with SnapStart on
 * and off.
 */
@Tag("sam-translator")
class ServerlessTransformTest {

    private static final Map<String, Object> TOPIC = Map.of("Ref", "FeedbackTopic");
    private static final Map<String, Object> FUNCTION = Map.of("Ref", "RecorderFunction");
    private static final Map<String, String> CONFIGURATION_SET_PARAMETERS =
            Map.of("Environment", "dev", "ConfigurationSetName", "dev-mail");

    private static final Object TEMPLATE_DESCRIPTION =
            RecorderFixture.TEMPLATE.properties("RecorderFunction").get("VersionDescription");

    private static SamTranslation byDefault;
    private static SamTranslation snapStartDisabled;
    private static SamTranslation withConfigurationSet;

    @BeforeAll
    static void translate() throws Exception {
        byDefault = SamTranslation.of(Path.of("template.yaml"), Map.of("Environment", "dev"));
        snapStartDisabled =
                SamTranslation.of(
                        Path.of("template.yaml"),
                        Map.of("Environment", "dev", "SnapStart", "Disabled"));
        withConfigurationSet =
                SamTranslation.of(Path.of("template.yaml"), CONFIGURATION_SET_PARAMETERS);
    }

    static Stream<Arguments> translations() {
        return Stream.of(
                Arguments.of("by default", byDefault),
                Arguments.of("SnapStart=Disabled", snapStartDisabled));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void snsSubscriptionDeliversToTheAlias(String parameters, SamTranslation translation) {
        CloudFormationTemplate template = translation.template();

        List<String> lambdaSubscriptions =
                template.resourcesOfType("AWS::SNS::Subscription").stream()
                        .filter(id -> "lambda".equals(template.properties(id).get("Protocol")))
                        .toList();

        assertThat(lambdaSubscriptions)
                .singleElement()
                .satisfies(
                        id ->
                                assertThat(template.properties(id))
                                        .containsEntry("TopicArn", TOPIC)
                                        .containsEntry("Endpoint", Map.of("Ref", alias(template)))
                                        .as(
                                                "what SNS cannot deliver goes to the undelivered-feedback queue")
                                        .containsEntry(
                                                "RedrivePolicy",
                                                Map.of(
                                                        "deadLetterTargetArn",
                                                        Map.of(
                                                                "Fn::GetAtt",
                                                                List.of(
                                                                        "UndeliveredFeedbackQueue",
                                                                        "Arn")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void snsMayInvokeTheAliasOnly(String parameters, SamTranslation translation) {
        CloudFormationTemplate template = translation.template();

        Map<String, Object> permission =
                template.properties(onlyRecorders(template, "AWS::Lambda::Permission"));

        assertThat(permission)
                .containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("Principal", "sns.amazonaws.com")
                .containsEntry("SourceArn", TOPIC)
                .containsEntry("FunctionName", Map.of("Ref", alias(template)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void retriesAndFailureDestinationApplyToTheAlias(
            String parameters, SamTranslation translation) {
        CloudFormationTemplate template = translation.template();

        Map<String, Object> invokeConfig =
                template.properties(onlyRecorders(template, "AWS::Lambda::EventInvokeConfig"));

        assertThat(invokeConfig)
                .containsEntry("FunctionName", FUNCTION)
                .containsEntry("Qualifier", template.properties(alias(template)).get("Name"))
                .containsEntry("Qualifier", "live")
                .containsEntry("MaximumRetryAttempts", 2L)
                .containsEntry(
                        "DestinationConfig",
                        Map.of(
                                "OnFailure",
                                Map.of(
                                        "Destination",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of("FailedFeedbackQueue", "Arn")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void aliasPointsAtAPublishedVersionDescribedByTheTemplatesVersionDescription(
            String parameters, SamTranslation translation) {
        CloudFormationTemplate template = translation.template();

        String version = onlyResource(template, "AWS::Lambda::Version");

        assertThat(template.properties(version))
                .containsEntry("FunctionName", FUNCTION)
                .containsEntry("Description", TEMPLATE_DESCRIPTION);
        assertThat(template.properties(alias(template)))
                .containsEntry("Name", "live")
                .containsEntry("FunctionName", FUNCTION)
                .containsEntry(
                        "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version")));
    }

    @Test
    void functionTakesSnapStartOnPublishedVersionsFromTheParameter() {
        CloudFormationTemplate template = byDefault.template();

        Map<String, Object> function = template.resource("RecorderFunction");

        assertThat(function)
                .containsEntry("Type", "AWS::Lambda::Function")
                .doesNotContainKey("Condition");
        assertThat(template.properties("RecorderFunction"))
                .containsEntry(
                        "SnapStart",
                        Map.of(
                                "ApplyOn",
                                Map.of(
                                        "Fn::If",
                                        List.of("UseSnapStart", "PublishedVersions", "None"))));
        assertThat(template.section("Conditions"))
                .containsEntry(
                        "UseSnapStart",
                        Map.of("Fn::Equals", List.of(Map.of("Ref", "SnapStart"), "Enabled")));
        assertThat(template.parameterDefault("SnapStart")).isEqualTo("Enabled");
    }

    @Test
    void translationIsWrittenUnderTargetForAStackToBeCreatedFrom() {
        assertThat(byDefault.file())
                .startsWith(Path.of("target"))
                .isRegularFile()
                .hasExtension("json");
        assertThat(snapStartDisabled.file()).isNotEqualTo(byDefault.file()).isRegularFile();
        assertThat(byDefault.template().properties("RecorderFunction").get("Code"))
                .isEqualTo(Map.of("S3Bucket", "ses-feedback-artifacts", "S3Key", "recorder.zip"));
    }

    /**
     * The translator passes CloudFormation's own resources and conditions through unevaluated, so
     * the configuration set is in both translations; which of them deploys it is the condition's
     * value for their parameters, evaluated here.
     */
    @Test
    void configurationSetAndItsTopicDestinationDeployOnlyWhenNamed() {
        for (SamTranslation translation : List.of(byDefault, withConfigurationSet)) {
            CloudFormationTemplate template = translation.template();
            assertThat(template.resourcesOfType("AWS::SES::ConfigurationSet"))
                    .containsExactly("ConfigurationSet");
            assertThat(template.resourcesOfType("AWS::SES::ConfigurationSetEventDestination"))
                    .as(
                            "the breaker's bounce count comes with AutoPause=ConfigurationSet only (CircuitBreakerTemplateTest), the bus with ConfigurationSetDestination (EventBridgeTransformTest)")
                    .containsExactly(
                            "ConfigurationSetTopicDestination",
                            "ConfigurationSetEventBridgeDestination",
                            "ConfigurationSetBounceCount");
            assertThat(template.resource("ConfigurationSetBounceCount"))
                    .containsEntry("Condition", "PauseConfigurationSet");
            assertThat(template.resource("ConfigurationSet"))
                    .containsEntry("Condition", "HasConfigurationSet");
            assertThat(template.resource("ConfigurationSetTopicDestination"))
                    .containsEntry("Condition", "PublishesToTopic");
        }

        assertThat(
                        Conditions.holds(
                                byDefault.template(),
                                "HasConfigurationSet",
                                Map.of("Environment", "dev")))
                .isFalse();
        assertThat(
                        Conditions.holds(
                                withConfigurationSet.template(),
                                "HasConfigurationSet",
                                CONFIGURATION_SET_PARAMETERS))
                .isTrue();
        assertThat(
                        Conditions.holds(
                                withConfigurationSet.template(),
                                "PublishesToTopic",
                                CONFIGURATION_SET_PARAMETERS))
                .as("the topic, by default, as before")
                .isTrue();
    }

    @Test
    void configurationSetPublishesToTheFeedbackTopicThatTheRecorderIsSubscribedTo() {
        CloudFormationTemplate template = withConfigurationSet.template();

        Map<String, Object> destination = template.properties("ConfigurationSetTopicDestination");

        assertThat(template.properties("ConfigurationSet"))
                .containsEntry("Name", Map.of("Ref", "ConfigurationSetName"));
        assertThat(destination)
                .containsEntry("ConfigurationSetName", Map.of("Ref", "ConfigurationSet"));
        assertThat(
                        CloudFormationTemplate.map(
                                destination.get("EventDestination"), "EventDestination"))
                .containsEntry("SnsDestination", Map.of("TopicARN", TOPIC))
                .containsEntry("MatchingEventTypes", Map.of("Ref", "ConfigurationSetEventTypes"));
        assertThat(template.resource("ConfigurationSetTopicDestination"))
                .containsEntry("DependsOn", "FeedbackTopicPolicy");
        assertThat(template.resourcesOfType("AWS::SNS::Subscription"))
                .anySatisfy(
                        id ->
                                assertThat(template.properties(id))
                                        .containsEntry("Protocol", "lambda")
                                        .containsEntry("TopicArn", TOPIC));
        assertThat(
                        CloudFormationTemplate.map(
                                template.section("Outputs").get("ConfigurationSetName"), "output"))
                .containsEntry("Condition", "HasConfigurationSet");
    }

    private static String alias(CloudFormationTemplate template) {
        return onlyResource(template, "AWS::Lambda::Alias");
    }

    /**
     * The recorder's only resource of this type: the recorder is unconditional, and the circuit
     * breaker and the account watcher, which may have one too, are not (their own transform tests).
     */
    private static String onlyRecorders(CloudFormationTemplate template, String type) {
        List<String> ids =
                template.resourcesOfType(type).stream()
                        // the circuit breaker's and the account watch's carry their conditions; the
                        // recorder's none
                        .filter(id -> !template.resource(id).containsKey("Condition"))
                        .toList();
        assertThat(ids).as("the recorder's resources of type %s", type).hasSize(1);
        return ids.get(0);
    }

    /** The logical id of the template's only resource of this type. */
    private static String onlyResource(CloudFormationTemplate template, String type) {
        List<String> ids = template.resourcesOfType(type);
        assertThat(ids).as("resources of type %s", type).hasSize(1);
        return ids.get(0);
    }
}
