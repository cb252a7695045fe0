package io.sesfeedback.tools.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where --all finds each environment's profile and region: samconfig.toml, else the variables
 * SES_FEEDBACK_ENV_PROFILE and SES_FEEDBACK_ENV_REGION, else the command's --profile and --region.
 */
class EnvironmentsTest {

    @TempDir Path folder;

    @Test
    void samconfigFirstThenTheEnvironmentsVariablesThenTheCommandsOptions() throws IOException {
        // given dev names its profile and region for sam deploy, stg and prod do not
        Path samconfig =
                Files.writeString(
                        folder.resolve("samconfig.toml"),
                        """
                        version = 0.1
                        [default.global.parameters]
                        stack_name = "ses-feedback-dev"
                        region = "eu-west-1"

                        [default.deploy.parameters]
                        profile = "dev-admin"
                        parameter_overrides = "Environment=dev"

                        [stg.global.parameters]
                        stack_name = "ses-feedback-stg"

                        [prod.global.parameters]
                        stack_name = "ses-feedback-prod"
                        """);
        Map<String, String> variables =
                Map.of(
                        "SES_FEEDBACK_DEV_PROFILE", "ignored",
                        "SES_FEEDBACK_STG_PROFILE", "stg-readonly",
                        "SES_FEEDBACK_STG_REGION", "eu-central-1");

        // when
        var environments = Environments.of(samconfig, variables::get, "ops", "us-east-1");

        // then
        assertThat(environments)
                .containsExactly(
                        new Environment("dev", "ses-feedback-dev", "dev-admin", "eu-west-1"),
                        new Environment("stg", "ses-feedback-stg", "stg-readonly", "eu-central-1"),
                        new Environment("prod", "ses-feedback-prod", "ops", "us-east-1"));
    }

    @Test
    void withoutAnyMappingTheDefaultsOfTheAwsConfigurationApply() throws IOException {
        var environments = Environments.of(Path.of("samconfig.toml"), name -> null, null, null);

        assertThat(environments)
                .containsExactly(
                        new Environment("dev", "ses-feedback-dev", null, null),
                        new Environment("stg", "ses-feedback-stg", null, null),
                        new Environment("prod", "ses-feedback-prod", null, null));
    }

    @Test
    void theVariableNameIsTheEnvironmentInCapitals() {
        assertThat(Environments.variable("pre-prod", "PROFILE"))
                .isEqualTo("SES_FEEDBACK_PRE_PROD_PROFILE");
    }
}
