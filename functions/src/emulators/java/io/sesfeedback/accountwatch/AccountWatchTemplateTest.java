package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against this module's code: the handler it names, the environment it gives, the
 * metric it alarms on.
 */
class AccountWatchTemplateTest {

    private static final Map<String, Object> NAMESPACE =
            Map.of("Fn::Sub", "ses-feedback/${AWS::StackName}");
    private static final Map<String, Object> TOPIC = Map.of("Ref", "FeedbackTopic");

    private static CloudFormationTemplate template;

    @BeforeAll
    static void read() throws Exception {
        template = CloudFormationTemplate.load(Path.of("..", "template.yaml"));
    }

    @Test
    void theFunctionRunsThisModulesHandlerWithTheEnvironmentItReads() throws Exception {
        Map<String, Object> function = template.properties("AccountWatchFunction");
        String handler = (String) function.get("Handler");

        assertThat(RequestStreamHandler.class)
                .isAssignableFrom(Class.forName(handler.substring(0, handler.indexOf("::"))));
        assertThat(handler).isEqualTo(AccountWatchHandler.class.getName() + "::handleRequest");
        assertThat(function)
                .containsEntry("CodeUri", "functions/")
                .containsEntry("Role", Map.of("Fn::GetAtt", List.of("AccountWatchRole", "Arn")))
                .containsEntry(
                        "LoggingConfig",
                        Map.of(
                                "LogFormat",
                                "JSON",
                                "LogGroup",
                                Map.of("Ref", "AccountWatchLogGroup")));
        assertThat(
                        CloudFormationTemplate.map(
                                CloudFormationTemplate.map(
                                                function.get("Environment"), "Environment")
                                        .get("Variables"),
                                "Variables"))
                .isEqualTo(
                        Map.of(
                                "FEEDBACK_TABLE",
                                Map.of("Ref", "FeedbackTable"),
                                "FEEDBACK_TOPIC_ARN",
                                TOPIC,
                                "METRICS_NAMESPACE",
                                NAMESPACE,
                                // a hub's member puts its changes on its default bus, in its
                                // environment's name (EventBridgeBus); no bus elsewhere
                                "EVENT_BUS_NAME",
                                Map.of("Fn::If", List.of("ForwardsToHub", "default", "")),
                                "ENVIRONMENT",
                                Map.of("Ref", "Environment")));
    }

    @Test
    void theAlarmWatchesTheMetricTheWatcherWritesAndPublishesToTheFeedbackTopic() {
        assertThat(template.properties("AccountNotHealthyAlarm"))
                .containsEntry("Namespace", NAMESPACE)
                .containsEntry("MetricName", WatchLog.NOT_HEALTHY)
                .containsEntry("Statistic", "Maximum")
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "ignore")
                .containsEntry("AlarmActions", List.of(TOPIC))
                .containsEntry("OKActions", List.of(TOPIC));
    }

    /**
     * A completed check writes 0 and a refused one 1: the hour's Minimum is 1 only when every check
     * in it failed.
     */
    @Test
    void aWatcherWhoseEveryCheckOfAnHourFailedSetsOffAnAlarmOnTheFeedbackTopic() {
        assertThat(template.resource("AccountCheckFailingAlarm"))
                .containsEntry("Condition", "UseAccountWatch");
        assertThat(template.properties("AccountCheckFailingAlarm"))
                .containsEntry("Namespace", NAMESPACE)
                .containsEntry("MetricName", WatchLog.FAILED)
                .containsEntry("Statistic", "Minimum")
                .containsEntry("Period", 3600L)
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "ignore")
                .containsEntry("AlarmActions", List.of(TOPIC))
                .containsEntry("OKActions", List.of(TOPIC));
    }

    @Test
    void theDashboardShowsEachMetricTheWatcherWrites() {
        String body = template.properties("Dashboard").get("DashboardBody").toString();

        assertThat(body)
                .contains(
                        "\"" + WatchLog.NOT_HEALTHY + "\"",
                        "\"" + WatchLog.CHANGED + "\"",
                        "\"" + WatchLog.FAILED + "\"");
    }

    @Test
    void theTableStatementIsLimitedToThePartitionTheWatcherWrites() {
        String role = template.properties("AccountWatchRole").toString();

        assertThat(role)
                .contains(
                        "dynamodb:LeadingKeys=[{Fn::Sub="
                                + DynamoStatusHistory.ACCOUNT_PREFIX
                                + "${AWS::Region}}]");
    }
}
