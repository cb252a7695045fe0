package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

class RecorderFactoryTest {

    private static final Map<String, String> LAMBDA_ENVIRONMENT =
            Map.of(
                    "AWS_REGION", "eu-west-1",
                    "FEEDBACK_TABLE", "ses-feedback-dev-feedback",
                    "FEEDBACK_LOG_GROUP", "/ses-feedback/ses-feedback-dev/notifications",
                    "RECORD_RETENTION_DAYS", "400",
                    "DELIVERY_RETENTION_DAYS", "30",
                    "STORE_DELIVERY_BODIES", "Disabled",
                    "SOFT_BOUNCE_LIMIT", "5",
                    "METRICS_NAMESPACE", "ses-feedback/ses-feedback-dev");

    @Test
    void recorderIsBuiltFromTheVariablesTheTemplateSets() {
        RecorderFactory.Wiring wiring = RecorderFactory.wiring(LAMBDA_ENVIRONMENT);

        assertThat(wiring.settings())
                .isEqualTo(
                        new RecorderFactory.Settings(
                                Region.EU_WEST_1,
                                "ses-feedback-dev-feedback",
                                "/ses-feedback/ses-feedback-dev/notifications",
                                new StorePolicy(
                                        Duration.ofDays(400), Duration.ofDays(30), false, 5),
                                "ses-feedback/ses-feedback-dev"));
        assertThat(wiring.dynamo().serviceClientConfiguration().region())
                .isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void aStalledCallTimesOutWellInsideTheFunctionsTimeout() {
        RecorderFactory.Wiring wiring = RecorderFactory.wiring(LAMBDA_ENVIRONMENT);

        for (var configuration :
                List.of(
                        wiring.dynamo().serviceClientConfiguration().overrideConfiguration(),
                        wiring.logs().serviceClientConfiguration().overrideConfiguration())) {
            assertThat(configuration.apiCallAttemptTimeout()).hasValue(Duration.ofSeconds(5));
            assertThat(configuration.apiCallTimeout()).hasValue(Duration.ofSeconds(10));
        }
        assertThat(
                        ((Number)
                                        CloudFormationTemplate.map(
                                                        RecorderFixture.TEMPLATE
                                                                .section("Globals")
                                                                .get("Function"),
                                                        "Function")
                                                .get("Timeout"))
                                .longValue())
                .as("the function's timeout leaves room for three calls' worth of timeouts")
                .isGreaterThanOrEqualTo(3 * RecorderFactory.API_CALL_TIMEOUT.toSeconds());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AWS_REGION",
                "FEEDBACK_TABLE",
                "FEEDBACK_LOG_GROUP",
                "RECORD_RETENTION_DAYS",
                "DELIVERY_RETENTION_DAYS",
                "STORE_DELIVERY_BODIES",
                "SOFT_BOUNCE_LIMIT",
                "METRICS_NAMESPACE"
            })
    void missingVariableIsNamedAtStartup(String variable) {
        Map<String, String> environment = new HashMap<>(LAMBDA_ENVIRONMENT);
        environment.remove(variable);

        assertThatThrownBy(() -> RecorderFactory.wiring(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(variable);
    }
}
