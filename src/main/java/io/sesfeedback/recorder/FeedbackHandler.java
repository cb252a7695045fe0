package io.sesfeedback.recorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.SnsMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda entry point for the feedback topic's SNS subscription: one JSON summary per message in the function's log.
 * It reads the event's bytes itself ({@link SnsRecords}), which spares the runtime's own event deserialiser and its
 * cold start; it returns nothing.
 */
public final class FeedbackHandler implements RequestStreamHandler {

    private final FeedbackRecorder recorder;

    /** For Lambda: built once per container from the function's environment. */
    public FeedbackHandler() {
        this(RecorderFactory.fromEnvironment(System.getenv()));
    }

    public FeedbackHandler(FeedbackRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) {
        for (SnsMessage sns : SnsRecords.messages(event)) {
            FeedbackRecorder.Outcome outcome = recorder.record(sns);
            boolean unrecognised = outcome.message().type() == MessageType.UNRECOGNISED;
            context.getLogger().log(summary(outcome), unrecognised ? LogLevel.WARN : LogLevel.INFO);
        }
    }

    private static String summary(FeedbackRecorder.Outcome outcome) {
        FeedbackMessage message = outcome.message();
        boolean unrecognised = message.type() == MessageType.UNRECOGNISED;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", unrecognised ? "Stored an unrecognised message as raw" : "Recorded feedback");
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
            line.put("problem", message.problem());
        }
        return Json.write(line);
    }
}
