package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("cfn-lint")
class CfnLintTest {

    @Test
    void cfnLintReportsNothingOnTheTemplate() throws Exception {
        assertCfnLintReportsNothing();
    }

    /**
     * The informational checks too: I3011 asks every stateful resource to say what deletion and
     * replacement do to it.
     */
    @Test
    void cfnLintInformationalChecksReportNothingEither() throws Exception {
        assertCfnLintReportsNothing("--include-checks", "I");
    }

    private static void assertCfnLintReportsNothing(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("cfn-lint"));
        command.addAll(List.of(options));
        command.addAll(List.of("--", "template.yaml"));
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();

        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(report).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
