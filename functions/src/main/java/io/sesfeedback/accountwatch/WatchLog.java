package io.sesfeedback.accountwatch;

import com.amazonaws.services.lambda.runtime.Context;
import io.sesfeedback.support.Emf;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One JSON line per check on standard output, where Lambda's JSON log format takes it as it stands.
 * Each line is also a CloudWatch Embedded Metric Format document: {@value #NOT_HEALTHY} (1 when the
 * enforcement status is not HEALTHY; the alarm's metric), {@value #CHANGED} (1 when the check
 * published a change) and {@value #FAILED} (1 when SES, DynamoDB or SNS refused a call). Every line
 * carries {@value #FAILED}, 0 or 1: one datapoint per check that ended with a line.
 */
final class WatchLog {

    static final String NOT_HEALTHY = "AccountNotHealthy";
    static final String CHANGED = "AccountStatusChanged";
    static final String FAILED = "AccountCheckFailed";

    /**
     * CloudWatch Logs PutLogEvents: "Each log event can be no larger than 256 KB" (API Reference; 1
     * MB since April 2025).
     */
    static final int LOG_EVENT_BYTES = 262_144;

    /**
     * A quarter of it, for what Lambda adds to a line; a line's details are left out beyond it,
     * never its metrics.
     */
    static final int LINE_BYTES = LOG_EVENT_BYTES / 4;

    private static final Set<String> KEPT_WHEN_TOO_LONG =
            Set.of(
                    "timestamp",
                    "level",
                    "message",
                    "function_request_id",
                    "outcome",
                    "region",
                    "enforcementStatus",
                    "sendingEnabled",
                    "productionAccessEnabled",
                    "openRecommendations",
                    "snsMessageId",
                    "republishedChange",
                    "republishedSnsMessageId",
                    "eventId",
                    "republishedEventId",
                    "action",
                    "errorCode",
                    "statusCode",
                    "requestId",
                    "error",
                    "_aws");

    private final Emf emf;
    private final FunctionLog log;
    private final Clock clock;

    WatchLog(String namespace, Consumer<String> out, Clock clock) {
        this.emf = new Emf(namespace);
        this.log = new FunctionLog(out, clock);
        this.clock = clock;
    }

    /** The lines from here on belong to this invocation. */
    void invocation(Context context) {
        log.invocation(context);
    }

    void checked(AccountWatch.Outcome outcome) {
        AccountState state = outcome.check().state();
        String what =
                switch (outcome.result()) {
                    case UNCHANGED -> "SES account unchanged: " + state.enforcementStatus();
                    case PUBLISHED ->
                            "SES account changed, published: " + outcome.message().subject();
                    case STORED_BY_ANOTHER_CHECK ->
                            "SES account changed; an overlapping check stored and published it";
                    case WAITING_FOR_ANOTHER_CHECK ->
                            "SES account read; the last change is not published yet and another check"
                                    + " holds it to publish it, so this one stores nothing";
                };
        if (outcome.republished() != null) {
            what +=
                    "; published the change of "
                            + AccountCheck.format(outcome.republished().changedAt())
                            + " that an earlier check stored but could not publish";
        }
        if (!outcome.recommendationsComplete()) {
            what +=
                    "; more open recommendations than one check lists ("
                            + SesAccountSource.MAX_PAGES * SesAccountSource.PAGE_SIZE
                            + "): recommendations not compared";
        }
        if (outcome.tenantsProblem() != null) {
            what += "; tenants not all read (" + outcome.tenantsProblem() + "): none deleted";
        }
        Map<String, Object> line =
                line(
                        outcome.recommendationsComplete() && outcome.tenantsProblem() == null
                                ? "INFO"
                                : "WARN",
                        what,
                        outcome.result().label());
        if (outcome.tenantsProblem() != null) {
            line.put("tenantsProblem", outcome.tenantsProblem());
        }
        line.put("region", outcome.check().region());
        line.put("enforcementStatus", state.enforcementStatus());
        line.put("sendingEnabled", state.sendingEnabled());
        line.put("productionAccessEnabled", state.productionAccessEnabled());
        line.put("openRecommendations", state.openRecommendations().size());
        int listed =
                outcome.message() == null
                        ? AccountState.STORED_IN_FULL
                        : outcome.message().listed();
        line.put(
                "changes", outcome.changes().stream().limit(listed).map(Change::describe).toList());
        if (outcome.changes().size() > listed) {
            line.put("changesNotListed", outcome.changes().size() - listed);
        }
        if (outcome.snsMessageId() != null) {
            line.put("snsMessageId", outcome.snsMessageId());
        }
        if (outcome.eventId() != null) {
            line.put("eventId", outcome.eventId());
        }
        if (outcome.republished() != null) {
            line.put("republishedChange", AccountCheck.format(outcome.republished().changedAt()));
            if (outcome.republished().snsMessageId() != null) {
                line.put("republishedSnsMessageId", outcome.republished().snsMessageId());
            }
            if (outcome.republished().eventId() != null) {
                line.put("republishedEventId", outcome.republished().eventId());
            }
        }
        boolean published =
                outcome.result() == AccountWatch.Result.PUBLISHED || outcome.republished() != null;
        metrics(
                line,
                Map.of(
                        NOT_HEALTHY,
                        state.healthy() ? 0 : 1,
                        CHANGED,
                        published ? 1 : 0,
                        FAILED,
                        0));
    }

    void failed(FailedCall failure) {
        String what =
                switch (failure.kind()) {
                    case THROTTLED ->
                            "Throttled: "
                                    + failure.action()
                                    + " was refused for its rate; the next scheduled check tries again";
                    case DENIED ->
                            "Access denied: the watcher's role may not call "
                                    + failure.action()
                                    + " (or a policy denies it); no check until that is fixed";
                    case NOT_FOUND, OTHER -> failure.action() + " failed";
                };
        if ("sns:Publish".equals(failure.action())) {
            what +=
                    ". The change is stored in the feedback table (pk ACCOUNT#<region>), marked unpublished: the next check"
                            + " publishes it";
        }
        Map<String, Object> line =
                line(
                        failure.kind() == FailedCall.Kind.THROTTLED ? "WARN" : "ERROR",
                        what,
                        outcome(failure.kind()));
        line.put("action", failure.action());
        line.put("errorCode", failure.errorCode());
        line.put("statusCode", failure.statusCode());
        line.put("requestId", failure.requestId());
        line.put("error", failure.errorMessage());
        metrics(line, Map.of(FAILED, 1));
    }

    /**
     * A failure that is not a service's answer (a timeout, a broken connection): the function fails
     * after this line.
     */
    void crashed(RuntimeException e) {
        Map<String, Object> line = line("ERROR", "The account check failed: " + e, "failed");
        metrics(line, Map.of(FAILED, 1));
    }

    /**
     * The line's outcome for a failure: throttling and a denied call wait for the next check,
     * others fail it.
     */
    private static String outcome(FailedCall.Kind kind) {
        return switch (kind) {
            case THROTTLED -> "throttled";
            case DENIED -> "access-denied";
            case NOT_FOUND, OTHER -> "failed";
        };
    }

    /**
     * Lambda's JSON log format takes the level only from a line with an RFC 3339 timestamp: both,
     * always.
     */
    private Map<String, Object> line(String level, String message, String outcome) {
        Map<String, Object> line = log.line(level, message);
        line.put("outcome", outcome);
        return line;
    }

    private void metrics(Map<String, Object> line, Map<String, Integer> values) {
        emf.count(line, clock.millis(), values);
        String text = JsonText.write(line);
        if (text.getBytes(StandardCharsets.UTF_8).length > LINE_BYTES) {
            // a line cut by CloudWatch Logs is no longer JSON, and its metrics are lost: keep them,
            // drop the details
            line.keySet().retainAll(KEPT_WHEN_TOO_LONG);
            values.keySet().stream().sorted().forEach(name -> line.put(name, values.get(name)));
            line.computeIfPresent(
                    "message",
                    (field, value) ->
                            Recommendation.cut((String) value, Recommendation.TEXT_LENGTH));
            line.computeIfPresent(
                    "error",
                    (field, value) ->
                            Recommendation.cut((String) value, Recommendation.TEXT_LENGTH));
            line.put("detailsLeftOut", "the line would have passed " + LINE_BYTES + " bytes");
        }
        log.write(line);
    }
}
