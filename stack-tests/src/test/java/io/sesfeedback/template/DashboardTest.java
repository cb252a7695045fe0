package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's body, substituted as CloudFormation would for a stack with the parameters'
 * defaults, is the board docs/alarms.md describes.
 */
class DashboardTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final String STACK = "ses-feedback-test";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** What the template's own names become in a stack named {@value #STACK}. */
    private static final Map<String, String> STACK_VALUES =
            Map.of(
                    "AWS::Region",
                    "eu-west-1",
                    "AWS::StackName",
                    STACK,
                    "AWS::AccountId",
                    "123456789012",
                    "AWS::Partition",
                    "aws",
                    "RecorderFunction",
                    STACK + "-recorder",
                    "FeedbackLogGroup",
                    "/ses-feedback/" + STACK + "/notifications",
                    "FailedFeedbackQueue.QueueName",
                    STACK + "-failed-feedback",
                    "UndeliveredFeedbackQueue.QueueName",
                    STACK + "-undelivered-feedback",
                    "UndeliveredEventsQueue.QueueName",
                    STACK + "-undelivered-events");

    private static final Map<String, Object> BODY = board(Set.of(), Map.of());

    /** The board of a stack that creates the configuration set {@code loadtest}. */
    private static final Map<String, Object> WITH_CONFIGURATION_SET =
            board(Set.of("HasConfigurationSet"), Map.of("ConfigurationSet", "loadtest"));

    private static Map<String, Object> board(
            Set<String> trueConditions, Map<String, String> resources) {
        return Json.readObject(
                substitute(
                        TEMPLATE.properties("Dashboard").get("DashboardBody"),
                        resources,
                        trueConditions));
    }

    private static String substitute(Object sub, Map<String, String> local) {
        return substitute(sub, local, Set.of());
    }

    /**
     * A Fn::Sub, its variables from {@code local}, the template's parameter defaults, or {@link
     * #STACK_VALUES}; a variable that is a Fn::If takes the branch its condition's truth (in {@code
     * trueConditions}) picks.
     */
    @SuppressWarnings("unchecked")
    private static String substitute(
            Object sub, Map<String, String> local, Set<String> trueConditions) {
        Object argument = CloudFormationTemplate.map(sub, "Fn::Sub").get("Fn::Sub");
        String text;
        Map<String, String> variables = new HashMap<>(local);
        if (argument instanceof List<?> pair) {
            text = (String) pair.get(0);
            ((Map<String, Object>) pair.get(1))
                    .forEach(
                            (name, value) -> {
                                if (value instanceof Map<?, ?> map
                                        && map.get("Fn::If") instanceof List<?> choice) {
                                    value =
                                            choice.get(
                                                    trueConditions.contains((String) choice.get(0))
                                                            ? 1
                                                            : 2);
                                }
                                if (value instanceof Map<?, ?> map
                                        && map.get("Fn::FindInMap") instanceof List<?> keys) {
                                    value = TEMPLATE.findInMap(keys);
                                }
                                variables.put(
                                        name,
                                        value instanceof String literal
                                                ? literal
                                                : substitute(value, local, trueConditions));
                            });
        } else {
            text = (String) argument;
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (STACK_VALUES.containsKey(name)) {
                value = STACK_VALUES.get(name);
            } else {
                Object parameterDefault = TEMPLATE.parameterDefault(name);
                assertThat(parameterDefault)
                        .as("${%s} in the dashboard names no parameter, resource or variable", name)
                        .isNotNull();
                value = String.valueOf(parameterDefault);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static List<Map<String, Object>> widgets() {
        return widgets(BODY);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> widgets(Map<String, Object> board) {
        return (List<Map<String, Object>>) board.get("widgets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> widget) {
        return (Map<String, Object>) widget.get("properties");
    }

    /** The one metric widget that charts {@code metricName} of {@code namespace}. */
    private static Map<String, Object> chartOf(String namespace, String metricName) {
        return chartOf(BODY, namespace, metricName);
    }

    private static Map<String, Object> chartOf(
            Map<String, Object> board, String namespace, String metricName) {
        List<Map<String, Object>> charts =
                widgets(board).stream()
                        .filter(widget -> "metric".equals(widget.get("type")))
                        .filter(
                                widget ->
                                        ((List<?>) properties(widget).get("metrics"))
                                                .stream()
                                                        .anyMatch(
                                                                line ->
                                                                        line
                                                                                        instanceof
                                                                                        List<?>
                                                                                                metric
                                                                                && metric.size()
                                                                                        >= 2
                                                                                && namespace.equals(
                                                                                        metric.get(
                                                                                                0))
                                                                                && metricName
                                                                                        .equals(
                                                                                                metric
                                                                                                        .get(
                                                                                                                1))))
                        .toList();
        assertThat(charts).as("widgets charting %s %s", namespace, metricName).hasSize(1);
        return properties(charts.get(0));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> horizontalLines(Map<String, Object> chart) {
        Map<String, Object> annotations = (Map<String, Object>) chart.get("annotations");
        return ((List<Map<String, Object>>) annotations.get("horizontal"))
                .stream().map(line -> line.get("value")).toList();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @Test
    void dashboardIsNamedAfterTheStackAndRegionAndItsUrlIsAnOutput() {
        assertThat(TEMPLATE.properties("Dashboard"))
                .as("dashboard names are global to the account")
                .containsEntry(
                        "DashboardName", Map.of("Fn::Sub", "${AWS::StackName}-${AWS::Region}"));
        Map<String, Object> output =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Outputs").get("DashboardUrl"), "DashboardUrl");
        assertThat(substitute(output.get("Value"), Map.of("Dashboard", STACK)))
                .isEqualTo(
                        "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name="
                                + STACK);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyWidgetHasAPlaceAndItsRegion(boolean withConfigurationSet) {
        assertThat(widgets(withConfigurationSet ? WITH_CONFIGURATION_SET : BODY))
                .isNotEmpty()
                .allSatisfy(
                        widget -> {
                            assertThat(widget).containsKeys("type", "x", "y", "width", "height");
                            assertThat(number(widget.get("x")) + number(widget.get("width")))
                                    .isLessThanOrEqualTo(24);
                            assertThat(properties(widget))
                                    .containsEntry("region", "eu-west-1")
                                    .containsKey("title");
                        });
    }

    @Test
    void reputationRatesShowThisStacksThresholdsAndAwsReviewAndPauseLevels() {
        assertThat(horizontalLines(chartOf("AWS/SES", "Reputation.BounceRate")))
                .map(DashboardTest::number)
                .containsExactly(
                        number(TEMPLATE.parameterDefault("BounceRateThreshold")), 0.05, 0.10);
        assertThat(horizontalLines(chartOf("AWS/SES", "Reputation.ComplaintRate")))
                .map(DashboardTest::number)
                .containsExactly(
                        number(TEMPLATE.parameterDefault("ComplaintRateThreshold")), 0.001, 0.005);
    }

    @Test
    void sendingVolumesShareOneChart() {
        assertThat(chartOf("AWS/SES", "Send"))
                .isSameAs(chartOf("AWS/SES", "Delivery"))
                .isSameAs(chartOf("AWS/SES", "Bounce"))
                .isSameAs(chartOf("AWS/SES", "Complaint"));
    }

    @Test
    void recorderMetricsAreChartedFromTheNamespaceTheFunctionWritesTo() {
        String namespace = "ses-feedback/" + STACK;
        Map<String, Object> chart = chartOf(namespace, "Unrecognised");
        assertThat(chart.get("metrics").toString())
                .contains(
                        "SEARCH('{\""
                                + namespace
                                + "\",Type} MetricName=\"Recorded\"', 'Sum', 3600)");
        for (String metric : List.of("Suppressions", "RedeliveriesSkipped", "DuplicatesSkipped")) {
            assertThat(chartOf(namespace, metric)).isSameAs(chart);
        }
    }

    @Test
    void recorderHealthIsTheFunctionsErrorsDurationAndThrottles() {
        for (String metric : List.of("Errors", "Duration", "Throttles")) {
            assertThat((List<?>) chartOf("AWS/Lambda", metric).get("metrics"))
                    .as(metric)
                    .anySatisfy(
                            line ->
                                    assertThat(((List<?>) line).subList(0, 4))
                                            .isEqualTo(
                                                    List.of(
                                                            "AWS/Lambda",
                                                            metric,
                                                            "FunctionName",
                                                            STACK + "-recorder")))
                    .allSatisfy(
                            line ->
                                    assertThat(((List<?>) line).subList(2, 4))
                                            .isEqualTo(
                                                    List.of("FunctionName", STACK + "-recorder")));
        }
    }

    @Test
    void bothRedriveQueuesDepthsAreCharted() {
        assertThat(
                        (List<?>)
                                chartOf("AWS/SQS", "ApproximateNumberOfMessagesVisible")
                                        .get("metrics"))
                .map(metric -> (Object) List.copyOf(((List<?>) metric).subList(0, 4)))
                .containsExactly(
                        List.of(
                                "AWS/SQS",
                                "ApproximateNumberOfMessagesVisible",
                                "QueueName",
                                STACK + "-failed-feedback"),
                        List.of(
                                "AWS/SQS",
                                "ApproximateNumberOfMessagesVisible",
                                "QueueName",
                                STACK + "-undelivered-feedback"));
    }

    @Test
    void
            givenEventBridgeRulesWhenTheBoardIsDrawnThenTheirDeadLetterQueueIsChartedBesideTheOthers() {
        Map<String, Object> withRules = board(Set.of("UsesEventRules"), Map.of());

        assertThat(
                        (List<?>)
                                chartOf(withRules, "AWS/SQS", "ApproximateNumberOfMessagesVisible")
                                        .get("metrics"))
                .map(metric -> (Object) ((List<?>) metric).get(3))
                .containsExactly(
                        STACK + "-failed-feedback",
                        STACK + "-undelivered-feedback",
                        STACK + "-undelivered-events");
    }

    @Test
    void topBouncingDomainsAreALogsInsightsQueryOverTheNotificationLogCountingEachEventOnce() {
        List<Map<String, Object>> logWidgets =
                widgets().stream().filter(widget -> "log".equals(widget.get("type"))).toList();

        assertThat(logWidgets)
                .singleElement()
                .satisfies(
                        widget ->
                                assertThat((String) properties(widget).get("query"))
                                        .startsWith(
                                                "SOURCE '/ses-feedback/"
                                                        + STACK
                                                        + "/notifications' |")
                                        .contains(
                                                "filter type = \"Bounce\"",
                                                "count_distinct(sesEvent)",
                                                "by recipientDomains",
                                                "sort bounces desc"));
    }

    /**
     * A shared account's senders told apart: the set's own rates, at its alarms' thresholds, only
     * with a set.
     */
    @Test
    void theConfigurationSetsRatesAreChartedBesideTheAccountsOnlyWhenTheStackCreatesOne() {
        List<Map<String, Object>> charts =
                widgets(WITH_CONFIGURATION_SET).stream()
                        .map(DashboardTest::properties)
                        .filter(
                                chart ->
                                        String.valueOf(chart.get("metrics"))
                                                .contains("ses:configuration-set"))
                        .toList();

        assertThat(charts)
                .extracting(chart -> chart.get("metrics"))
                .containsExactly(
                        List.of(
                                List.of(
                                        "AWS/SES",
                                        "Reputation.BounceRate",
                                        "ses:configuration-set",
                                        "loadtest",
                                        Map.of("label", "loadtest"))),
                        List.of(
                                List.of(
                                        "AWS/SES",
                                        "Reputation.ComplaintRate",
                                        "ses:configuration-set",
                                        "loadtest",
                                        Map.of("label", "loadtest"))));
        assertThat(charts)
                .extracting(
                        chart ->
                                horizontalLines(chart).stream().map(DashboardTest::number).toList())
                .containsExactly(
                        List.of(number(TEMPLATE.parameterDefault("BounceRateThreshold"))),
                        List.of(number(TEMPLATE.parameterDefault("ComplaintRateThreshold"))));
        assertThat(widgets(WITH_CONFIGURATION_SET)).hasSize(widgets().size() + 2);
        assertThat(BODY.toString()).doesNotContain("ses:configuration-set");
    }
}
