package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A watcher that never runs must not look healthy: its heartbeat alarm treats three check intervals
 * without a completed check as a failure, whatever stopped it (the schedule, its role, an init
 * crash, a timeout).
 */
class AccountWatchHeartbeatTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final Map<String, Object> TOPIC = Map.of("Ref", "FeedbackTopic");

    @Test
    void noCompletedCheckInThreeIntervalsAlarmsOnTheTopic() {
        assertThat(TEMPLATE.resource("AccountWatchSilentAlarm"))
                .containsEntry("Condition", "UseAccountWatch");
        assertThat(TEMPLATE.properties("AccountWatchSilentAlarm"))
                .as(
                        "AccountCheckFailed is written, 0 or 1, by every check that completes (account-watch's tests)")
                .containsEntry("MetricName", "AccountCheckFailed")
                .containsEntry("Namespace", Map.of("Fn::Sub", "ses-feedback/${AWS::StackName}"))
                .containsEntry("Statistic", "SampleCount")
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "LessThanThreshold")
                .containsEntry("TreatMissingData", "breaching")
                .containsEntry("EvaluationPeriods", 1L)
                .containsEntry("AlarmActions", List.of(TOPIC));
    }

    /**
     * PutMetricAlarm: a period is a multiple of 60; Period x EvaluationPeriods at most a day under
     * an hour, a week over.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyAllowedIntervalHasAWindowOfThreeChecksThatCloudWatchAccepts() {
        List<Object> allowed =
                (List<Object>)
                        CloudFormationTemplate.map(
                                        TEMPLATE.section("Parameters").get("AccountCheckMinutes"),
                                        "p")
                                .get("AllowedValues");

        assertThat(allowed).contains(TEMPLATE.parameterDefault("AccountCheckMinutes"));
        assertThat(allowed)
                .allSatisfy(
                        minutes -> {
                            long window =
                                    ((Number)
                                                    TEMPLATE.findInMap(
                                                            List.of(
                                                                    "AccountCheckWindows",
                                                                    String.valueOf(minutes),
                                                                    "HeartbeatSeconds")))
                                            .longValue();
                            assertThat(window)
                                    .as("%s minutes", minutes)
                                    .isEqualTo(3 * 60 * ((Number) minutes).longValue());
                            assertThat(window % 60).isZero();
                            assertThat(window)
                                    .isLessThanOrEqualTo(window < 3600 ? 86_400 : 604_800);
                        });
        assertThat(
                        CloudFormationTemplate.map(
                                TEMPLATE.section("Mappings").get("AccountCheckWindows"), "windows"))
                .hasSameSizeAs(allowed);
        assertThat(TEMPLATE.properties("AccountWatchSilentAlarm").get("Period"))
                .isEqualTo(
                        Map.of(
                                "Fn::FindInMap",
                                List.of(
                                        "AccountCheckWindows",
                                        Map.of("Ref", "AccountCheckMinutes"),
                                        "HeartbeatSeconds")));
    }

    @Test
    void aCheckThatThrowsOrTimesOutAlarmsOnTheTopic() {
        assertThat(TEMPLATE.resource("AccountWatchErrorsAlarm"))
                .containsEntry("Condition", "UseAccountWatch");
        assertThat(TEMPLATE.properties("AccountWatchErrorsAlarm"))
                .containsEntry("Namespace", "AWS/Lambda")
                .containsEntry("MetricName", "Errors")
                .containsEntry(
                        "Dimensions",
                        List.of(
                                Map.of(
                                        "Name",
                                        "FunctionName",
                                        "Value",
                                        Map.of("Ref", "AccountWatchFunction"))))
                .containsEntry("Statistic", "Sum")
                .containsEntry("Threshold", 1L)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching")
                .containsEntry("AlarmActions", List.of(TOPIC));
    }
}
