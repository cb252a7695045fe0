package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * samconfig.toml deploys the same template as dev (default), stg and prod; the capabilities each
 * acknowledges are derived from the translated template in DeployTimeRulesTest.
 */
class SamConfigTest {

    private static SamConfigFile config;
    private static Map<String, String> settings;

    @BeforeAll
    static void read() throws IOException {
        config = SamConfigFile.read(Path.of("samconfig.toml"));
        settings = config.settings();
    }

    @ParameterizedTest
    @CsvSource({"default, dev, false", "stg, stg, false", "prod, prod, true"})
    void eachEnvironmentHasItsOwnStackAndParameters(
            String configEnv, String environment, boolean confirm) {
        assertThat(settings.get(configEnv + ".deploy.parameters.parameter_overrides").split(" "))
                .as(
                        "parameter_overrides, where docs/deploy.md has users add AlarmEmail or SnapStart")
                .contains("Environment=" + environment);
        assertThat(settings)
                .containsEntry(
                        configEnv + ".global.parameters.stack_name", "ses-feedback-" + environment)
                .containsEntry(configEnv + ".deploy.parameters.resolve_s3", "true")
                .containsEntry(
                        configEnv + ".deploy.parameters.confirm_changeset",
                        Boolean.toString(confirm));
    }

    /**
     * The circuit breaker pauses sending: prod names it off, so that a new default never switches
     * it on there.
     */
    @Test
    void prodKeepsTheCircuitBreakerOff() {
        assertThat(settings.get("prod.deploy.parameters.parameter_overrides").split(" "))
                .contains("AutoPause=Disabled");
    }

    /**
     * The template tags nothing itself (VersionPublishingTest): the stack's tags reach every
     * resource.
     */
    @ParameterizedTest
    @CsvSource({"default, dev", "stg, stg", "prod, prod"})
    void eachEnvironmentTagsItsStack(String configEnv, String environment) {
        assertThat(settings.get(configEnv + ".deploy.parameters.tags").split(" "))
                .containsExactlyInAnyOrder(
                        "application=ses-feedback", "environment=" + environment);
    }

    @Test
    void holdsNoAccountIdsOrSecrets() {
        assertThat(config.text())
                .doesNotContainPattern("\\d{12}")
                .doesNotContainIgnoringCase("secret")
                .doesNotContain("AKIA");
    }
}
