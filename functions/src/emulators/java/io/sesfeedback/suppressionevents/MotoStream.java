package io.sesfeedback.suppressionevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.testing.moto.MotoServer;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.EventPatterns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feedback table's stream on moto, read as Lambda's mapping reads it and handed on as Lambda
 * hands it to a function: GetRecords' own JSON records (DynamoDB Streams API, wire format, so the
 * handler reads what the service sends), each with the mapping's {@code eventSourceARN}, kept only
 * when one of the mapping's filters in template.yaml matches it. Each call answers the records
 * written since the previous one.
 */
final class MotoStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String streamArn;
    private final List<Map<String, Object>> filters;
    private final HttpClient http = HttpClient.newHttpClient();
    private String iterator;

    MotoStream(MotoServer moto, String streamArn, CloudFormationTemplate template) {
        this.endpoint = moto.endpoint();
        this.streamArn = streamArn;
        this.filters = filters(template);
        Map<String, Object> stream = call("DescribeStream", Map.of("StreamArn", streamArn));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shards =
                (List<Map<String, Object>>)
                        CloudFormationTemplate.map(stream.get("StreamDescription"), "stream")
                                .get("Shards");
        iterator =
                (String)
                        call(
                                        "GetShardIterator",
                                        Map.of(
                                                "StreamArn",
                                                streamArn,
                                                "ShardId",
                                                shards.get(0).get("ShardId"),
                                                "ShardIteratorType",
                                                "TRIM_HORIZON"))
                                .get("ShardIterator");
    }

    /** The mapping's filter patterns (SuppressionEventsFunction's StatusChanges event). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> filters(CloudFormationTemplate template) {
        Map<String, Object> events =
                CloudFormationTemplate.map(
                        template.properties("SuppressionEventsFunction").get("Events"), "Events");
        Map<String, Object> properties =
                CloudFormationTemplate.map(
                        CloudFormationTemplate.map(events.get("StatusChanges"), "StatusChanges")
                                .get("Properties"),
                        "Properties");
        List<Map<String, Object>> filters =
                (List<Map<String, Object>>)
                        CloudFormationTemplate.map(
                                        properties.get("FilterCriteria"), "FilterCriteria")
                                .get("Filters");
        return filters.stream().map(filter -> read((String) filter.get("Pattern"))).toList();
    }

    /** Every record written since the last call, unfiltered. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> allNewRecords() {
        List<Map<String, Object>> records = new ArrayList<>();
        while (true) {
            Map<String, Object> page = call("GetRecords", Map.of("ShardIterator", iterator));
            List<Map<String, Object>> read = (List<Map<String, Object>>) page.get("Records");
            iterator = (String) page.get("NextShardIterator");
            if (read == null || read.isEmpty()) {
                return records;
            }
            for (Map<String, Object> record : read) {
                Map<String, Object> delivered = new LinkedHashMap<>(record);
                delivered.put("eventSourceARN", streamArn);
                records.add(delivered);
            }
        }
    }

    /** The records written since the last call that the mapping's filters let through. */
    List<Map<String, Object>> newRecords() {
        return allNewRecords().stream()
                .filter(record -> filters.stream().anyMatch(f -> EventPatterns.matches(f, record)))
                .toList();
    }

    /** Lambda's event for these records: {"Records": [...]}, as bytes. */
    static byte[] event(List<Map<String, Object>> records) {
        try {
            return JSON.writeValueAsBytes(Map.of("Records", records));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One DynamoDB Streams call in its JSON protocol, signed only as far as moto reads it. */
    private Map<String, Object> call(String operation, Map<String, Object> body) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .header("X-Amz-Target", "DynamoDBStreams_20120810." + operation)
                            .header(
                                    "Authorization",
                                    "AWS4-HMAC-SHA256 Credential=testing/20261207/"
                                            + MotoServer.REGION.id()
                                            + "/dynamodb/aws4_request, SignedHeaders=host,"
                                            + " Signature=0")
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            JSON.writeValueAsBytes(body)))
                            .build();
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        operation + " answered " + response.statusCode() + ": " + response.body());
            }
            return read(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
