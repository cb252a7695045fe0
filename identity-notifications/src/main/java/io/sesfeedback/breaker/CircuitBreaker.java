package io.sesfeedback.breaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decision: an alarm in ALARM pauses the scope's sending unless it is paused already, and the topic hears either
 * way what is paused, why and how to resume. The message is the alarm's state change as CloudWatch publishes one
 * ({@code AlarmName}, {@code NewStateValue}, ...), so that the inbox's filter passes it and the recorder stores it as an
 * alarm, plus {@code AutoPause}: what the breaker did.
 */
final class CircuitBreaker {

    enum Outcome { PAUSED, ALREADY_PAUSED, IGNORED }

    /** What happened; the subject and message published, null when nothing was. */
    record Result(Outcome outcome, String subject, String message) {
    }

    /** SNS takes a subject of at most 100 characters. */
    private static final int MAX_SUBJECT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PauseScope scope;
    private final String environment;
    private final String stack;
    private final Sending sending;
    private final Announcement topic;

    CircuitBreaker(PauseScope scope, String environment, String stack, Sending sending, Announcement topic) {
        this.scope = scope;
        this.environment = environment;
        this.stack = stack;
        this.sending = sending;
        this.topic = topic;
    }

    Result trip(AlarmEvent alarm) {
        if (!alarm.inAlarm()) {
            return new Result(Outcome.IGNORED, null, null);
        }
        Outcome outcome = sending.enabled() ? Outcome.PAUSED : Outcome.ALREADY_PAUSED;
        if (outcome == Outcome.PAUSED) {
            sending.pause();
        }
        String subject = subject(outcome);
        String message = message(alarm, outcome);
        topic.publish(subject, message);
        return new Result(outcome, subject, message);
    }

    PauseScope scope() {
        return scope;
    }

    /** The one command that turns sending back on. */
    String resumeCommand() {
        return "bin/ses-feedback resume --env " + environment;
    }

    private String subject(Outcome outcome) {
        String what = scope.mode() == PauseScope.Mode.ACCOUNT ? "account, " + scope.region()
                : "configuration set " + scope.configurationSet();
        String subject = stack + ": SES sending " + (outcome == Outcome.PAUSED ? "paused" : "already paused")
                + " (" + what + ")";
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "." : subject;
    }

    private String message(AlarmEvent alarm, Outcome outcome) {
        String reason = String.valueOf(alarm.reason());
        // CloudWatch's reasons end with a full stop; the sentence goes on
        String why = "alarm " + alarm.alarmName() + " went to ALARM: "
                + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason);
        String text = outcome == Outcome.PAUSED
                ? "ses-feedback paused " + scope.describe() + ", because " + why + ". Find the cause (bin/ses-feedback"
                        + " report --env " + environment + "), then resume: " + resumeCommand()
                : "Nothing new paused: " + scope.describe() + " was paused already, and now " + why
                        + ". Resume, once the cause is fixed: " + resumeCommand();
        Map<String, Object> autoPause = new LinkedHashMap<>();
        autoPause.put("outcome", outcome == Outcome.PAUSED ? "Paused" : "AlreadyPaused");
        autoPause.put("scope", scope.mode() == PauseScope.Mode.ACCOUNT ? "Account" : "ConfigurationSet");
        if (scope.configurationSet() != null) {
            autoPause.put("configurationSet", scope.configurationSet());
        }
        autoPause.put("region", scope.region());
        autoPause.put("resume", resumeCommand());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AlarmName", alarm.alarmName());
        body.put("AlarmDescription", text);
        body.put("NewStateValue", alarm.state());
        body.put("NewStateReason", alarm.reason());
        body.put("StateChangeTime", alarm.time());
        body.put("AlarmArn", alarm.alarmArn());
        body.put("Region", scope.region());
        body.put("AutoPause", autoPause);
        return json(body);
    }

    static String json(Map<String, Object> object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
