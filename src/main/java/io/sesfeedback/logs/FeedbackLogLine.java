package io.sesfeedback.logs;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.LeftOut;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Recipient;
import io.sesfeedback.notification.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON line written per message, flat enough for CloudWatch Logs Insights: {@code type},
 * {@code recipientDomains} (comma-separated), {@code bounceType} and the other details are
 * top-level fields. {@code sesEvent} is the same for every copy of one SES event, in either format,
 * so queries count it once. An unrecognised message carries its raw body, cut at {@value
 * #MAX_RAW_BYTES} bytes (the table keeps it whole). The line depends on the message alone, so that
 * every attempt writes the same line.
 */
public final class FeedbackLogLine {

    static final int MAX_RAW_BYTES = 32 * 1024;

    private FeedbackLogLine() {}

    public static String of(FeedbackMessage message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", message.type().label());
        line.put("format", message.format().label());
        line.put("occurredAt", Timestamps.format(message.occurredAt()));
        line.put("snsMessageId", message.snsMessageId());
        line.put("sesEvent", message.eventIdentity());
        putIfPresent(line, "sesMessageId", message.sesMessageId());
        putIfPresent(line, "sender", message.sender());
        putIfPresent(line, "subject", message.subject());
        putIfPresent(line, "configurationSet", message.configurationSet());
        putIfPresent(line, "tenant", message.tenant());
        line.putAll(message.details());
        if (message.prevented()) {
            line.put("prevented", true);
        }
        putIfPresent(line, "account", message.origin().account());
        putIfPresent(line, "region", message.origin().region());
        putIfPresent(line, "environment", message.origin().environment());
        List<Recipient> recipients = message.recipients();
        if (!recipients.isEmpty()) {
            line.put("recipientCount", recipients.size());
            line.put(
                    "recipientDomains",
                    String.join(
                            ",", recipients.stream().map(Recipient::domain).distinct().toList()));
            line.put("recipients", recipients.stream().map(FeedbackLogLine::recipient).toList());
        }
        if (!message.leftOut().isEmpty()) {
            line.put("leftOut", message.leftOut().stream().map(FeedbackLogLine::leftOut).toList());
        }
        putIfPresent(line, "problem", message.problem() == null ? null : message.problem().text());
        if (message.type() == MessageType.UNRECOGNISED) {
            byte[] raw = message.sns().body().getBytes(StandardCharsets.UTF_8);
            line.put("raw", raw.length <= MAX_RAW_BYTES ? message.sns().body() : truncate(raw));
            line.put("rawBytes", raw.length);
        }
        return Json.write(line);
    }

    private static Map<String, Object> recipient(Recipient recipient) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("address", recipient.address());
        fields.put("domain", recipient.domain());
        putIfPresent(fields, "status", recipient.status());
        putIfPresent(fields, "action", recipient.action());
        putIfPresent(fields, "diagnosticCode", recipient.diagnosticCode());
        return fields;
    }

    private static Map<String, Object> leftOut(LeftOut entry) {
        return Map.of("entry", entry.entry(), "reason", entry.reason());
    }

    /** The longest prefix of whole UTF-8 characters within the limit. */
    private static String truncate(byte[] raw) {
        int end = MAX_RAW_BYTES;
        while (end > 0 && (raw[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    private static void putIfPresent(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
