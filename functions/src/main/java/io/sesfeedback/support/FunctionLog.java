package io.sesfeedback.support;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per event, as Lambda's JSON log format reads it: it takes a line's level only beside an RFC 3339
 * timestamp (a line without one shows as INFO), so every line has both, then its message and fields.
 */
public final class FunctionLog {

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
        return line;
    }

    public void write(Map<String, Object> line) {
        out.accept(JsonText.write(line));
    }
}
