package io.sesfeedback.breaker;

import io.sesfeedback.support.JsonText;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decision: an alarm in ALARM pauses the scope's sending unless it is paused already, and the
 * topic hears either way what is paused, why and how to resume. The message has a shape of its own,
 * {@code "notificationType": "CircuitBreaker"} (like the account watcher's {@code AccountStatus}),
 * which the recorder stores as its own type: no CloudWatch alarm field at its top level, so that
 * nothing takes it for a second alarm (the alarm's own notification reaches the topic too).
 */
final class CircuitBreaker {

    enum Outcome {
        PAUSED,
        ALREADY_PAUSED,
        IGNORED
    }

    /** What happened; the subject and message published, null when nothing was. */
    record Result(Outcome outcome, String subject, String message) {}

    /** The message's notificationType: not an SES value, so it cannot be mistaken for one. */
    static final String NOTIFICATION_TYPE = "CircuitBreaker";

    /** SNS takes a subject of at most 100 characters. */
    private static final int MAX_SUBJECT = 100;

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PauseScope scope;
    private final String environment;
    private final String stack;
    private final Sending sending;
    private final Announcement topic;
    private final Clock clock;

    CircuitBreaker(
            PauseScope scope,
            String environment,
            String stack,
            Sending sending,
            Announcement topic,
            Clock clock) {
        this.scope = scope;
        this.environment = environment;
        this.stack = stack;
        this.sending = sending;
        this.topic = topic;
        this.clock = clock;
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
        String what =
                scope.mode() == PauseScope.Mode.ACCOUNT
                        ? "account, " + scope.region()
                        : "configuration set " + scope.configurationSet();
        String subject =
                stack
                        + ": SES sending "
                        + (outcome == Outcome.PAUSED ? "paused" : "already paused")
                        + " ("
                        + what
                        + ")";
        return bounded(subject);
    }

    /** The subject cut to SNS's 100 characters, a full stop marking the cut. */
    static String bounded(String subject) {
        return subject.length() > MAX_SUBJECT
                ? subject.substring(0, MAX_SUBJECT - 1) + "."
                : subject;
    }

    private String message(AlarmEvent alarm, Outcome outcome) {
        String reason = String.valueOf(alarm.reason());
        // CloudWatch's reasons end with a full stop; the sentence goes on
        String why =
                "alarm "
                        + alarm.alarmName()
                        + " went to ALARM: "
                        + (reason.endsWith(".")
                                ? reason.substring(0, reason.length() - 1)
                                : reason);
        String text =
                outcome == Outcome.PAUSED
                        ? "ses-feedback paused "
                                + scope.describe()
                                + ", because "
                                + why
                                + ". Find the cause (bin/ses-feedback"
                                + " report --env "
                                + environment
                                + "), then resume: "
                                + resumeCommand()
                        : "Nothing new paused: "
                                + scope.describe()
                                + " was paused already, and now "
                                + why
                                + ". Resume, once the cause is fixed: "
                                + resumeCommand();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationType", NOTIFICATION_TYPE);
        body.put("action", outcome == Outcome.PAUSED ? "Paused" : "AlreadyPaused");
        body.put("scope", scope.mode() == PauseScope.Mode.ACCOUNT ? "Account" : "ConfigurationSet");
        if (scope.configurationSet() != null) {
            body.put("configurationSet", scope.configurationSet());
        }
        body.put("region", scope.region());
        body.put("time", TIME.format(clock.instant()));
        // lower camel case: the inbox's AlarmName filter and chat's alarm cards key on CloudWatch's
        // own fields
        body.put("alarmName", alarm.alarmName());
        body.put("alarmArn", alarm.alarmArn());
        body.put("alarmReason", alarm.reason());
        body.put("alarmTime", alarm.time());
        body.put("summary", text);
        body.put("resume", resumeCommand());
        return JsonText.write(body);
    }
}
