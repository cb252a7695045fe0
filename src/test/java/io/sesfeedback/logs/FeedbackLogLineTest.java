package io.sesfeedback.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.support.EventFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackLogLineTest {

    private static Map<String, Object> line(FeedbackMessage message) throws Exception {
        return Json.readObject(FeedbackLogLine.of(message));
    }

    @Test
    void bounceLineNamesEachRecipientWithItsDiagnostic() throws Exception {
        Map<String, Object> line =
                line(
                        new NotificationParser()
                                .parse(EventFiles.message("ses-bounce-permanent.json")));

        assertThat(line)
                .containsEntry("format", "ses-notification")
                .containsEntry("occurredAt", "2026-11-20T10:15:01.337Z")
                .doesNotContainKeys("raw", "problem");
        assertThat((List<?>) line.get("recipients"))
                .first()
                .isEqualTo(
                        Map.of(
                                "address",
                                "jane.doe@example.com",
                                "domain",
                                "example.com",
                                "status",
                                "5.1.1",
                                "action",
                                "failed",
                                "diagnosticCode",
                                "smtp; 550 5.1.1 user unknown"));
    }

    @Test
    void unrecognisedLineCarriesTheProblemAndTheRawBody() throws Exception {
        FeedbackMessage message =
                new NotificationParser().parse(EventFiles.message("unrecognised.json"));

        assertThat(line(message))
                .containsEntry("type", "Unrecognised")
                .containsEntry("problem", "JSON without notificationType, eventType or AlarmName")
                .containsEntry("raw", message.sns().body());
    }

    @Test
    void hugeUnrecognisedBodyIsCutOnACharacterBoundaryAndItsSizeKept() throws Exception {
        String body = "é".repeat(FeedbackLogLine.MAX_RAW_BYTES);
        FeedbackMessage message = new NotificationParser().parse(EventFiles.withBody(body));

        Map<String, Object> line = line(message);

        String raw = (String) line.get("raw");
        assertThat(raw.getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(FeedbackLogLine.MAX_RAW_BYTES);
        assertThat(body).startsWith(raw);
        assertThat(raw).hasSize(FeedbackLogLine.MAX_RAW_BYTES / 2);
        assertThat(line).containsEntry("rawBytes", 2 * FeedbackLogLine.MAX_RAW_BYTES);
    }
}
