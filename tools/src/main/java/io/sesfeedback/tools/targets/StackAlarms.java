package io.sesfeedback.tools.targets;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** A stack's CloudWatch alarms, by the names template.yaml gives them. */
public final class StackAlarms {

    /** At most this many names per DescribeAlarms call (CloudWatch API reference, AlarmNames). */
    private static final int ALARM_NAMES_PER_CALL = 100;

    private StackAlarms() {}

    /**
     * The stack's alarms, by the names template.yaml gives them ({@code ${AWS::StackName}-…}): a
     * prefix would also take another stack's whose name starts with this one's.
     */
    public static List<MetricAlarm> of(
            CloudWatchClient cloudWatch, CloudFormationTemplate template, String stackName) {
        List<String> names =
                template.resourcesOfType("AWS::CloudWatch::Alarm").stream()
                        .map(id -> template.properties(id).get("AlarmName"))
                        .map(
                                name ->
                                        (String)
                                                CloudFormationTemplate.map(name, "AlarmName")
                                                        .get("Fn::Sub"))
                        .map(name -> name.replace("${AWS::StackName}", stackName))
                        .toList();
        List<MetricAlarm> alarms = new ArrayList<>();
        for (int from = 0; from < names.size(); from += ALARM_NAMES_PER_CALL) {
            List<String> batch =
                    names.subList(from, Math.min(names.size(), from + ALARM_NAMES_PER_CALL));
            cloudWatch
                    .describeAlarmsPaginator(r -> r.alarmNames(batch))
                    .metricAlarms()
                    .forEach(alarms::add);
        }
        return alarms;
    }
}
