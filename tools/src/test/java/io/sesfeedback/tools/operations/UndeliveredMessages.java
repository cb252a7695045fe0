package io.sesfeedback.tools.operations;

import io.sesfeedback.notification.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the subscription's dead-letter queue holds when SNS could not deliver an event of events/ to
 * the function: the SNS envelope alone (raw message delivery off), with SNS's own spelling of the
 * URL fields.
 */
final class UndeliveredMessages {

    private UndeliveredMessages() {}

    static String of(String eventFile) throws IOException {
        return withPayload(Files.readString(Path.of("events", eventFile)));
    }

    /** The envelope of the first record of {@code lambdaEvent}, a Lambda SNS event. */
    static String withPayload(String lambdaEvent) throws IOException {
        Map<?, ?> event = (Map<?, ?>) Json.read(lambdaEvent);
        Map<?, ?> sns =
                (Map<?, ?>) ((Map<?, ?>) ((List<?>) event.get("Records")).get(0)).get("Sns");
        Map<String, Object> envelope = new LinkedHashMap<>();
        sns.forEach(
                (key, value) ->
                        envelope.put(
                                switch ((String) key) {
                                    case "SigningCertUrl" -> "SigningCertURL";
                                    case "UnsubscribeUrl" -> "UnsubscribeURL";
                                    default -> (String) key;
                                },
                                value));
        return Json.write(envelope);
    }
}
