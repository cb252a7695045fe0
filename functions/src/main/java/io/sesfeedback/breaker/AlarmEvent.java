package io.sesfeedback.breaker;

import java.util.Map;

/**
 * What a CloudWatch alarm's Lambda action passes the function (CloudWatch User Guide, "Lambda
 * action payload"): the alarm's name and ARN, and its new state with the reason and time.
 */
record AlarmEvent(String alarmName, String alarmArn, String state, String reason, String time) {

    static AlarmEvent of(Map<String, Object> event) {
        Map<String, Object> data = object(event, "alarmData");
        Map<String, Object> state = object(data, "state");
        String name = text(data, "alarmName");
        if (name == null || state.get("value") == null) {
            throw new IllegalArgumentException(
                    "Not a CloudWatch alarm's Lambda action: no alarmData.alarmName or"
                            + " alarmData.state.value in "
                            + event.keySet());
        }
        return new AlarmEvent(
                name,
                text(event, "alarmArn"),
                text(state, "value"),
                text(state, "reason"),
                text(state, "timestamp"));
    }

    /**
     * Only a change to ALARM pauses: the template gives these alarms no OK or INSUFFICIENT_DATA
     * action, but say so.
     */
    boolean inAlarm() {
        return "ALARM".equals(state);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? null : value.toString();
    }
}
