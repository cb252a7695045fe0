package io.sesfeedback.notification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The messages of one invocation, from either way in: an SNS subscription's event ({@code
 * Records[].Sns}, see {@link SnsRecords}) or one event from an EventBridge rule whose target is the
 * function (see {@link EventBridgeEvents}). Anything else fails as {@link SnsRecords} says why: it
 * cannot be recorded, and Lambda keeps it for the failed-feedback queue.
 */
public final class LambdaInput {

    private LambdaInput() {}

    public static List<SnsMessage> messages(InputStream event) {
        byte[] bytes;
        try {
            bytes = event.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object json;
        try {
            json = Json.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            // SnsRecords says what is wrong, as it always did
            return SnsRecords.messages(new ByteArrayInputStream(bytes));
        }
        // the text only for an EventBridge event, whose body is kept as delivered
        return isEventBridge(json)
                ? messages(json, new String(bytes, StandardCharsets.UTF_8))
                : SnsRecords.messages(json);
    }

    /**
     * The same, for an event that {@link Json} has read already; an EventBridge event's body is
     * then written again from what was read.
     */
    public static List<SnsMessage> messages(Object event) {
        return messages(event, null);
    }

    /** Whether {@code event}, as {@link Json} read it, is an EventBridge event. */
    public static boolean isEventBridge(Object event) {
        return event instanceof Map<?, ?> map && EventBridgeEvents.isEnvelope(object(map));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static List<SnsMessage> messages(Object event, String text) {
        if (isEventBridge(event)) {
            return List.of(
                    EventBridgeEvents.message(
                            object((Map<?, ?>) event), text != null ? text : Json.write(event)));
        }
        return SnsRecords.messages(event);
    }
}
