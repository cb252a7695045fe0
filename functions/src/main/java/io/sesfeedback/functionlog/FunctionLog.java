package io.sesfeedback.functionlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per event, as Lambda's JSON log format reads it: it takes a line's level only beside an RFC 3339
 * timestamp (a line without one shows as INFO), so every line has both, then its message and fields.
 */
public final class FunctionLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> out;
    private final Clock clock;

    public FunctionLog(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static FunctionLog standardOutput() {
        return new FunctionLog(System.out::println, Clock.systemUTC());
    }

    public void info(String message, Map<String, Object> fields) {
        write("INFO", message, fields);
    }

    public void error(String message, Map<String, Object> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        try {
            out.accept(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
