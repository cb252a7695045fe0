package io.sesfeedback.breaker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Lambda action payload of an auto-pause alarm (alarm-lambda-action.json), as a map like the
 * runtime hands the handler.
 */
final class AlarmEvents {

    static final String ALARM = "ses-feedback-dev-auto-pause-bounce-count";

    private AlarmEvents() {}

    /** A JSON object, as a map: a published message, a log line. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String json) {
        try {
            return new ObjectMapper().readValue(json, HashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alarm's change to {@code state}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> inState(String state) {
        try (InputStream in = AlarmEvents.class.getResourceAsStream("alarm-lambda-action.json")) {
            Map<String, Object> event = new ObjectMapper().readValue(in, HashMap.class);
            ((Map<String, Object>) ((Map<String, Object>) event.get("alarmData")).get("state"))
                    .put("value", state);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
