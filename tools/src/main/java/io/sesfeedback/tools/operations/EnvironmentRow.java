package io.sesfeedback.tools.operations;

import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.targets.StackAlarms;
import io.sesfeedback.tools.targets.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * One environment's line of {@code status --all} and {@code report --all}: status's reading of the
 * account ({@link StatusCommand#read}), the bounces and complaints of a window, the table's
 * suppressed addresses, the stack's alarms in ALARM and the circuit breaker's state. A part that
 * cannot be read is named in {@link #problems()}, and the rest stands.
 */
public record EnvironmentRow(
        AccountStatus status,
        Window window,
        long suppressed,
        Optional<List<String>> alarmsInAlarm,
        BreakerState breaker,
        List<String> problems) {

    /** Bounces and complaints in a window, and where they were counted. */
    public record Window(long bounces, long complaints, String source) {}

    /** Green, amber, red; an environment that could not be read is an error. */
    public enum Health {
        GREEN,
        AMBER,
        RED,
        ERROR
    }

    /** The row, its bounces and complaints SES's send statistics of the last 24 hours. */
    public static EnvironmentRow read(Target target) {
        AccountStatus status = StatusCommand.read(target);
        List<String> problems = new ArrayList<>();
        if (status.standingProblem() != null) {
            problems.add("GetAccount: " + status.standingProblem());
        }
        if (status.ratesProblem() != null) {
            problems.add("rates: " + status.ratesProblem());
        }
        long suppressed;
        try (Stream<?> statuses = target.queries().suppressed(Instant.EPOCH)) {
            suppressed = statuses.count();
        }
        Optional<List<String>> alarms = Optional.empty();
        try {
            alarms =
                    Optional.of(
                            StackAlarms.of(
                                            target.client(CloudWatchClient.builder(), "cloudwatch"),
                                            target.template(),
                                            target.deployed().name())
                                    .stream()
                                    .filter(alarm -> alarm.stateValue() == StateValue.ALARM)
                                    .map(MetricAlarm::alarmName)
                                    .toList());
        } catch (SdkException e) {
            problems.add("alarms: " + ErrorReport.describe(e));
        }
        BreakerState breaker = BreakerState.of(target, status.standing());
        if (breaker.problem() != null) {
            problems.add(breaker.problem());
        }
        return new EnvironmentRow(
                status,
                new Window(
                        status.lastDay().bounces(),
                        status.lastDay().complaints(),
                        "SES send statistics, last 24 hours"),
                suppressed,
                alarms,
                breaker,
                List.copyOf(problems));
    }

    /** The same row with another window's bounces and complaints (report's, from the table). */
    public EnvironmentRow withWindow(Window other) {
        return new EnvironmentRow(status, other, suppressed, alarmsInAlarm, breaker, problems);
    }

    /**
     * Red: SES's review or pause level reached, sending paused (by SES or the breaker), or an
     * enforcement status other than HEALTHY. Amber: over this stack's alarm, an alarm in ALARM, or
     * a part that could not be read. Green otherwise.
     */
    public Health health() {
        boolean sesLevel =
                Stream.of(status.bounceLevel(), status.complaintLevel())
                        .flatMap(Optional::stream)
                        .anyMatch(AccountStatus.Level::ses);
        boolean unhealthy =
                status.standing()
                        .map(s -> !s.sendingEnabled() || !"HEALTHY".equals(s.enforcementStatus()))
                        .orElse(false);
        if (sesLevel || unhealthy || breaker.paused()) {
            return Health.RED;
        }
        boolean overAlarm =
                Stream.of(status.bounceLevel(), status.complaintLevel())
                        .flatMap(Optional::stream)
                        .anyMatch(level -> level == AccountStatus.Level.alarm);
        if (overAlarm
                || alarmsInAlarm.map(a -> !a.isEmpty()).orElse(false)
                || !problems.isEmpty()) {
            return Health.AMBER;
        }
        return Health.GREEN;
    }
}
