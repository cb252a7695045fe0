package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("cfn-lint")
class CfnLintTest {

    @Test
    void cfnLintReportsNothingOnTheTemplate() throws Exception {
        Process lint = new ProcessBuilder("cfn-lint", "template.yaml").redirectErrorStream(true).start();

        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(report).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
