package io.sesfeedback.recorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.LambdaInput;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.SnsMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda entry point for the feedback topic's SNS subscription and for an EventBridge rule's
 * target: one JSON summary per message in the function's log, which carries the recorder's metrics
 * ({@link RecorderMetrics}). It reads the event's bytes itself ({@link LambdaInput}), which spares
 * the runtime's own event deserialiser and its cold start; it returns nothing.
 *
 * <p>The summary goes to standard output, not to the context's logger: with the function's JSON log
 * format, that logger wraps a line in a JSON object of its own, as a string under {@code message},
 * where CloudWatch cannot read the metrics; a JSON line on standard output is the log event as it
 * stands. Lambda reads its {@code level} only beside a valid {@code timestamp}, so every line
 * carries both.
 */
public final class FeedbackHandler implements RequestStreamHandler, Resource {

    private final FeedbackRecorder recorder;
    private final RecorderMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    /** Where each summary line goes: standard output in Lambda. */
    private final Consumer<String> functionLog;

    /** Null when the recorder was given: only Lambda's own constructor primes. */
    private final Priming priming;

    /**
     * For Lambda: built once per container from the function's environment, primed before a
     * SnapStart snapshot.
     */
    public FeedbackHandler() {
        this(RecorderFactory.wiring(System.getenv()));
    }

    FeedbackHandler(RecorderFactory.Wiring lambda) {
        this.recorder = lambda.newRecorder();
        this.metrics = new RecorderMetrics(lambda.settings().metricsNamespace());
        this.functionLog = System.out::println;
        this.priming = new Priming(lambda);
        // org.crac holds a weak reference; the runtime holds the handler
        Core.getGlobalContext().register(this);
    }

    /**
     * A handler on the given recorder, its summary lines, metrics in {@code namespace}, to {@code
     * functionLog}.
     */
    public FeedbackHandler(
            FeedbackRecorder recorder, String namespace, Consumer<String> functionLog) {
        this.recorder = recorder;
        this.metrics = new RecorderMetrics(namespace);
        this.functionLog = functionLog;
        this.priming = null;
    }

    /**
     * Before a SnapStart snapshot: the whole path once, writing nothing, so that a restored
     * container starts warm.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        if (priming != null) {
            priming.prime();
        }
    }

    /** Nothing to renew after a restore: the SDK fetches credentials again when they are stale. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {}

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) {
        String ownAccount = accountOf(context.getInvokedFunctionArn());
        for (SnsMessage sns : LambdaInput.messages(event)) {
            functionLog.accept(
                    summary(recorder.record(sns, ownAccount), context.getAwsRequestId()));
        }
    }

    /**
     * The function's account, from the ARN it was invoked by: {@code
     * arn:aws:lambda:<region>:<account>:function:<name>[:<alias>]} (Lambda Developer Guide, "Using
     * the Lambda context object in Java",
     * https://docs.aws.amazon.com/lambda/latest/dg/java-context.html); no call to STS. Null when
     * there is none.
     */
    static String accountOf(String functionArn) {
        if (functionArn == null || !functionArn.startsWith("arn:")) {
            return null;
        }
        String[] parts = functionArn.split(":", 6);
        return parts.length < 6 || parts[4].isEmpty() ? null : parts[4];
    }

    private String summary(FeedbackRecorder.Outcome outcome, String requestId) {
        FeedbackMessage message = outcome.message();
        boolean unrecognised = message.type() == MessageType.UNRECOGNISED;
        Instant now = clock.instant();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", now.toString());
        line.put("level", unrecognised ? "WARN" : "INFO");
        line.put(
                "message",
                unrecognised ? "Stored an unrecognised message as raw" : "Recorded feedback");
        // the invocation's id as Powertools names it (Lambda's START and REPORT lines carry it):
        // ties a line to its retry
        line.put("function_request_id", requestId);
        line.put("type", message.type().label());
        line.put("snsMessageId", message.snsMessageId());
        if (message.sesMessageId() != null) {
            line.put("sesMessageId", message.sesMessageId());
        }
        line.put("recipients", message.recipients().size());
        line.put("redelivered", outcome.redelivered());
        if (outcome.duplicateOf() != null) {
            line.put("duplicateOf", outcome.duplicateOf());
        }
        if (!message.leftOut().isEmpty()) {
            line.put("leftOut", message.leftOut().size());
        }
        if (message.problem() != null) {
            // the kind only: the problem itself may quote the message, and stays in the table and
            // the notification log
            line.put("problem", message.problem().kind().label());
        }
        metrics.embed(outcome, line, now);
        return Json.write(line);
    }
}
