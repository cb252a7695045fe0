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
 * SNS invokes the alias live, which moves only when SAM publishes a version. SAM hashes the
 * function's properties with their parameter references unresolved
 * (serverless-application-model#3820), so a new parameter value alone gives the same version
 * logical id; the version's Description, which CloudFormation cannot update and so replaces, names
 * every parameter the function's configuration reads. Two values of each such parameter must
 * publish two versions.
 */
@Tag("sam-translator")
class VersionPublishingTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Map<String, String> DEV = Map.of("Environment", "dev");

    private static CloudFormationTemplate byDefault;

    @BeforeAll
    static void translate() throws Exception {
        byDefault = SamTranslation.of(TEMPLATE, DEV).template();
    }

    @Test
    void theRecorderReadsItsRetentionAndSnapStartParameters() {
        assertThat(ParameterReferences.readBy(byDefault, "RecorderFunction"))
                .contains("RecordRetentionDays", "SnapStart");
    }

    @Test
    void everyParameterTheRecorderReadsPublishesANewVersionWhenItsValueChanges() throws Exception {
        for (String parameter : ParameterReferences.readBy(byDefault, "RecorderFunction")) {
            String first = String.valueOf(byDefault.parameterDefault(parameter));
            String second = otherValue(byDefault, parameter);
            Version before = version(parameter, first);

            Version after = version(parameter, second);

            assertThat(after)
                    .as(
                            "%s=%s then %s: a new version logical id, or a Description CloudFormation replaces",
                            parameter, first, second)
                    .isNotEqualTo(before);
        }
    }

    /**
     * Tags are not part of a version: a tag-only change would make SAM publish a version Lambda
     * refuses (SAM#3281).
     */
    @Test
    void theRecorderCarriesOnlySamsOwnTagSoStackTagsChangeNoVersion() {
        assertThat(byDefault.properties("RecorderFunction").get("Tags"))
                .isEqualTo(List.of(Map.of("Key", "lambda:createdBy", "Value", "SAM")));
    }

    /**
     * The published version as CloudFormation sees it: its logical id and its Description with the
     * parameters resolved.
     */
    private record Version(String logicalId, String description) {}

    private static Version version(String parameter, String value) throws Exception {
        Map<String, String> parameters = new HashMap<>(DEV);
        parameters.put(parameter, value);
        CloudFormationTemplate template = SamTranslation.of(TEMPLATE, parameters).template();
        List<String> versions = template.resourcesOfType("AWS::Lambda::Version");
        assertThat(versions).hasSize(1);
        Object description = template.properties(versions.get(0)).get("Description");
        return new Version(versions.get(0), resolve(template, description, parameters));
    }

    /**
     * The Description resolved with these values (the others take their defaults), as
     * CloudFormation would: a Fn::Sub of parameters, and of a list parameter joined.
     */
    private static String resolve(
            CloudFormationTemplate template, Object description, Map<String, String> parameters) {
        return String.valueOf(
                new Intrinsics(template, "ses-feedback-dev", "eu-west-1", parameters)
                        .resolve(description));
    }

    /** Another value the parameter accepts: another allowed value, or a number one greater. */
    private static String otherValue(CloudFormationTemplate template, String parameter) {
        Map<String, Object> declaration =
                CloudFormationTemplate.map(
                        template.section("Parameters").get(parameter), parameter);
        String current = String.valueOf(declaration.get("Default"));
        // the only list the recorder reads, MemberEnvironments: one ACCOUNT=ENVIRONMENT pair more
        if ("CommaDelimitedList".equals(declaration.get("Type"))) {
            return current.isEmpty() ? "111111111111=prod" : current + ",222222222222=stg";
        }
        if (declaration.get("AllowedValues") instanceof List<?> allowed) {
            return allowed.stream()
                    .map(String::valueOf)
                    .filter(value -> !value.equals(current))
                    .findFirst()
                    .orElseThrow();
        }
        return String.valueOf(Long.parseLong(current) + 1);
    }
}
