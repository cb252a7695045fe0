package io.sesfeedback.tools.check;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * CloudWatch's DescribeAlarms on loopback, in the Smithy RPC v2 CBOR protocol the SDK's CloudWatch
 * client speaks (moto 5.2.1 does not). It answers with the alarms it was given, those the request
 * names when it names any (AlarmNames), one page, in CloudWatch's field names; and GetMetricData,
 * with the one latest value it was given for each metric a query names (none for the others).
 */
public final class CloudWatchStandIn implements AutoCloseable {

    private final HttpServer server;
    private volatile List<Map<String, Object>> alarms = List.of();
    private volatile Map<String, Double> latest = Map.of();
    private final Map<String, Map<String, Double>> byTenant =
            new java.util.concurrent.ConcurrentHashMap<>();

    private CloudWatchStandIn(HttpServer server) {
        this.server = server;
        server.createContext(
                "/",
                exchange -> {
                    Map<?, ?> request = read(exchange.getRequestBody().readAllBytes());
                    boolean describeAlarms =
                            exchange.getRequestURI()
                                    .getPath()
                                    .endsWith("/operation/DescribeAlarms");
                    List<?> names = (List<?>) request.get("AlarmNames");
                    List<Map<String, Object>> answered =
                            alarms.stream()
                                    .filter(
                                            alarm ->
                                                    names == null
                                                            || names.contains(
                                                                    alarm.get("AlarmName")))
                                    .toList();
                    boolean metricData =
                            exchange.getRequestURI().getPath().endsWith("/operation/GetMetricData");
                    byte[] body =
                            cbor(
                                    describeAlarms
                                            ? Map.of(
                                                    "MetricAlarms",
                                                    answered,
                                                    "CompositeAlarms",
                                                    List.of())
                                            : metricData
                                                    ? metricData(request)
                                                    : Map.of(
                                                            "__type",
                                                            "InvalidAction",
                                                            "message",
                                                            "not served here"));
                    exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
                    exchange.getResponseHeaders().add("Content-Type", "application/cbor");
                    exchange.sendResponseHeaders(
                            describeAlarms || metricData ? 200 : 400, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    public static CloudWatchStandIn start() throws IOException {
        return new CloudWatchStandIn(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The alarms DescribeAlarms answers, as CloudWatch's MetricAlarm fields ({@code AlarmName},
     * {@code AlarmActions}, ...).
     */
    public void alarms(List<Map<String, Object>> alarms) {
        this.alarms = List.copyOf(alarms);
    }

    /** The latest datapoint of each metric by name ({@code Reputation.BounceRate}, ...). */
    public void latest(Map<String, Double> values) {
        this.latest = Map.copyOf(values);
    }

    /**
     * The one datapoint of each metric ({@code Send}, {@code Bounce}, ...) for queries with the
     * dimension {@code TenantName} = {@code tenant}; such queries get no other.
     */
    public void tenant(String tenant, Map<String, Double> values) {
        byTenant.put(tenant, Map.copyOf(values));
    }

    private static Object dimension(Map<?, ?> metric, String name) {
        if (!(metric.get("Dimensions") instanceof List<?> dimensions)) {
            return null;
        }
        return dimensions.stream()
                .map(d -> (Map<?, ?>) d)
                .filter(d -> name.equals(d.get("Name")))
                .map(d -> d.get("Value"))
                .findFirst()
                .orElse(null);
    }

    private Map<String, Object> metricData(Map<?, ?> request) {
        List<Object> results = new ArrayList<>();
        for (Object query : (List<?>) request.get("MetricDataQueries")) {
            Map<?, ?> q = (Map<?, ?>) query;
            Map<?, ?> metric = (Map<?, ?>) ((Map<?, ?>) q.get("MetricStat")).get("Metric");
            Object tenant = dimension(metric, "TenantName");
            Double value =
                    tenant == null
                            ? latest.get(String.valueOf(metric.get("MetricName")))
                            : byTenant.getOrDefault(String.valueOf(tenant), Map.of())
                                    .get(String.valueOf(metric.get("MetricName")));
            results.add(
                    Map.of(
                            "Id",
                            q.get("Id"),
                            "StatusCode",
                            "Complete",
                            "Values",
                            value == null ? List.of() : List.of(value)));
        }
        return Map.of("MetricDataResults", results);
    }

    private static Map<?, ?> read(byte[] cbor) throws IOException {
        if (cbor.length == 0) {
            return Map.of();
        }
        try (JsonParser parser = new CBORFactory().createParser(cbor)) {
            parser.nextToken();
            return (Map<?, ?>) value(parser);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String field = parser.currentName();
                    parser.nextToken();
                    map.put(field, value(parser));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            default -> parser.getText();
        };
    }

    private static byte[] cbor(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = new CBORFactory().createGenerator(bytes)) {
            write(generator, value);
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Number number) {
            generator.writeNumber(number.doubleValue());
        } else {
            generator.writeString(String.valueOf(value));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
