package io.sesfeedback.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.tools.targets.AwsClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The local tools under the operator command's root: their own usage texts, and out of the
 * operator's help.
 */
class LocalToolTest {

    private final CommandLine root = SesFeedback.commandLine(new AwsClients());

    private List<CommandLine> tools() {
        return root.getSubcommands().values().stream()
                .filter(sub -> sub.getCommand() instanceof LocalTool)
                .toList();
    }

    private static String help(CommandLine commandLine) {
        StringWriter help = new StringWriter();
        commandLine.usage(new PrintWriter(help, true));
        return help.toString();
    }

    @Test
    void everyOptionALocalToolTakesIsInTheUsageTextItsHelpPrints() {
        assertThat(tools())
                .extracting(CommandLine::getCommandName)
                .containsExactlyInAnyOrder("replay", "load", "benchmark", "cost");
        for (CommandLine tool : tools()) {
            String help = help(tool);
            assertThat(help)
                    .as(tool.getCommandName())
                    .isEqualTo(((LocalTool) tool.getCommand()).usage());
            tool.getCommandSpec().options().stream()
                    .filter(option -> !option.usageHelp())
                    .forEach(
                            option ->
                                    assertThat(help)
                                            .as(tool.getCommandName())
                                            .contains(option.longestName()));
        }
    }

    @Test
    void theOperatorCommandsHelpNamesNoLocalTool() {
        String help = help(root);

        assertThat(help.lines().map(String::strip))
                .anyMatch(line -> line.startsWith("suppressed "))
                .noneMatch(line -> line.matches("(replay|load|benchmark|cost)( .*)?"));
    }
}
