package io.sesfeedback.support;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per event, as Lambda's JSON log format reads it: it takes a line's level only
 * beside an RFC 3339 timestamp (a line without one shows as INFO), so every line has both, then its
 * message, the request id of the invocation it belongs to ({@code function_request_id}, as
 * Powertools names it) and its fields.
 */
public final class FunctionLog {

    private final Consumer<String> out;
    private final Clock clock;

    /** Lambda runs one invocation at a time in a function's JVM: the one whose lines these are. */
    private volatile String requestId;

    public FunctionLog(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static FunctionLog standardOutput() {
        return new FunctionLog(System.out::println, Clock.systemUTC());
    }

    /**
     * The lines from here on belong to this invocation (none without a context: a test, a local
     * run).
     */
    public void invocation(Context context) {
        requestId = context == null ? null : context.getAwsRequestId();
    }

    public void info(String message, Map<String, Object> fields) {
        Map<String, Object> line = line("INFO", message);
        line.putAll(fields);
        write(line);
    }

    public void error(String message, Map<String, Object> fields) {
        Map<String, Object> line = line("ERROR", message);
        line.putAll(fields);
        write(line);
    }

    /** A line's first fields, to which the caller adds its own before {@link #write}. */
    public Map<String, Object> line(String level, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        if (requestId != null) {
            line.put("function_request_id", requestId);
        }
        return line;
    }

    public void write(Map<String, Object> line) {
        out.accept(JsonText.write(line));
    }
}
