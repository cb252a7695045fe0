package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Logs Insights queries of docs/data-model.md and the template's saved queries are the same
 * text, on the notification log.
 */
class SavedQueriesTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final Path PAGE = Path.of("docs/data-model.md");
    private static final String SECTION = "## CloudWatch Logs";

    @Test
    void everyReadmeQueryIsSavedOnTheNotificationLogGroupAndNothingElseIs() throws IOException {
        List<String> readme = readmeQueries();

        List<String> saved =
                queryDefinitions().stream()
                        .map(id -> (String) TEMPLATE.properties(id).get("QueryString"))
                        .toList();

        assertThat(readme)
                .as("queries in %s, section %s", PAGE, SECTION)
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(saved).containsExactlyInAnyOrderElementsOf(readme);
    }

    @Test
    void savedQueriesRunOnTheNotificationLogGroupUnderTheStacksName() {
        assertThat(queryDefinitions())
                .isNotEmpty()
                .allSatisfy(
                        id -> {
                            Map<String, Object> properties = TEMPLATE.properties(id);
                            assertThat(properties.get("LogGroupNames"))
                                    .as(id)
                                    .isEqualTo(List.of(Map.of("Ref", "FeedbackLogGroup")));
                            assertThat(properties.get("Name"))
                                    .as(id)
                                    .asString()
                                    .startsWith("{Fn::Sub=${AWS::StackName}/");
                        });
    }

    private static List<String> queryDefinitions() {
        return TEMPLATE.resourcesOfType("AWS::Logs::QueryDefinition");
    }

    /**
     * The queries of the first code block in the page's CloudWatch Logs section: each a "# title"
     * line, then the query.
     */
    private static List<String> readmeQueries() throws IOException {
        String readme = Files.readString(PAGE);
        String section = readme.substring(readme.indexOf("\n" + SECTION + "\n"));
        int open = section.indexOf("\n```\n") + 5;
        String block = section.substring(open, section.indexOf("\n```", open));
        List<String> queries = new ArrayList<>();
        for (String entry : block.split("\n\n")) {
            assertThat(entry).as("a documented query starts with a # title line").startsWith("# ");
            queries.add(entry.substring(entry.indexOf('\n') + 1).strip());
        }
        return queries;
    }
}
