package io.sesfeedback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sesfeedback.notification.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What Lambda sends its on-failure destination after the recorder failed on an event of events/ three times. */
final class OnFailureRecords {

    private OnFailureRecords() {
    }

    static String of(String eventFile) throws IOException {
        return withPayload(Files.readString(Path.of("events", eventFile)));
    }

    /** A record whose requestPayload is this JSON, an SNS event or not. */
    static String withPayload(String payloadJson) throws JsonProcessingException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("version", "1.0");
        record.put("timestamp", "2026-11-20T10:21:44.012Z");
        record.put("requestContext", Map.of(
                "requestId", UUID.randomUUID().toString(),
                "functionArn", "arn:aws:lambda:eu-west-1:123456789012:function:ses-feedback-dev-recorder:$LATEST",
                "condition", "RetriesExhausted",
                "approximateInvokeCount", 3));
        record.put("requestPayload", Json.read(payloadJson));
        record.put("responseContext", Map.of("statusCode", 200, "executedVersion", "$LATEST", "functionError", "Unhandled"));
        record.put("responsePayload", Map.of(
                "errorType", "software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException",
                "errorMessage", "Requested resource not found (Service: DynamoDb, Status Code: 400)",
                "stackTrace", List.of("io.sesfeedback.store.FeedbackStore.save(FeedbackStore.java:88)")));
        return Json.write(record);
    }
}
