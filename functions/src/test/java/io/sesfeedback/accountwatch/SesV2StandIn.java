package io.sesfeedback.accountwatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sesfeedback.support.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * GetAccount and ListRecommendations of SES API v2 on loopback, which moto 5.2.1 does not serve.
 * Written from the SES API v2 reference: GET /v2/email/account; POST /v2/email/vdm/recommendations
 * with a JSON body ({@code Filter}, {@code NextToken}, {@code PageSize}), answering {@code
 * Recommendations} and {@code NextToken}, epoch-second timestamps; errors as their HTTP status with
 * {@code x-amzn-ErrorType}. Recommendations come in pages of the request's {@code PageSize} or of
 * {@link #pageSize(int)} if smaller ({@value #PAGE_SIZE} unless set), so that paging is exercised.
 */
final class SesV2StandIn implements AutoCloseable {

    static final String REGION = "eu-west-1";
    static final int PAGE_SIZE = 2;
    private static final Pattern NEXT_TOKEN = Pattern.compile("\"NextToken\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern REQUESTED_PAGE_SIZE =
            Pattern.compile("\"PageSize\"\\s*:\\s*(\\d+)");
    private static final Pattern OPEN_FILTER =
            Pattern.compile("\"Filter\"\\s*:\\s*\\{\\s*\"STATUS\"\\s*:\\s*\"OPEN\"\\s*}");

    /** One call as it arrived: the operation and, for ListRecommendations, its body. */
    record Call(String operation, String body) {}

    /** An error SES answers instead: its HTTP status and error type. */
    record Refusal(int status, String errorType, String message) {}

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private Map<String, Object> account = Map.of();
    private final List<Map<String, Object>> recommendations = new ArrayList<>();
    private Refusal refusal;
    private int pageSize = PAGE_SIZE;

    private SesV2StandIn(HttpServer server) {
        this.server = server;
        server.createContext("/v2/email/account", exchange -> handle(exchange, "GetAccount"));
        server.createContext(
                "/v2/email/vdm/recommendations",
                exchange -> handle(exchange, "ListRecommendations"));
        server.start();
    }

    static SesV2StandIn start() throws IOException {
        return new SesV2StandIn(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    SesV2Client client(ExecutionInterceptor... interceptors) {
        return SesV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        configuration -> configuration.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** What GetAccount answers, in SES's JSON field names. */
    synchronized void account(
            String enforcementStatus, boolean sendingEnabled, boolean vdmEnabled) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("DedicatedIpAutoWarmupEnabled", false);
        details.put("EnforcementStatus", enforcementStatus);
        details.put("ProductionAccessEnabled", true);
        details.put("SendingEnabled", sendingEnabled);
        details.put(
                "SendQuota",
                Map.of("Max24HourSend", 50000.0, "MaxSendRate", 14.0, "SentLast24Hours", 1234.0));
        details.put(
                "VdmAttributes",
                Map.of(
                        "VdmEnabled",
                        vdmEnabled ? "ENABLED" : "DISABLED",
                        "DashboardAttributes",
                        Map.of("EngagementMetrics", "ENABLED")));
        account = details;
    }

    /** A recommendation SES has made; only OPEN ones are listed under the OPEN filter. */
    synchronized void recommend(String type, String identity, String impact, String status) {
        recommend(type, identity, impact, status, type + " is not set up for " + identity + ".");
    }

    synchronized void recommend(
            String type, String identity, String impact, String status, String description) {
        Map<String, Object> recommendation = new LinkedHashMap<>();
        recommendation.put(
                "ResourceArn", "arn:aws:ses:" + REGION + ":123456789012:identity/" + identity);
        recommendation.put("Type", type);
        recommendation.put("Description", description);
        recommendation.put("Status", status);
        recommendation.put("Impact", impact);
        recommendation.put("CreatedTimestamp", 1_795_000_000);
        recommendation.put("LastUpdatedTimestamp", 1_795_000_100);
        recommendations.add(recommendation);
    }

    synchronized void clearRecommendations() {
        recommendations.clear();
    }

    /** The most a page holds, whatever the request asks: SES's own largest is 100. */
    synchronized void pageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Every call from now on is answered with this error (null: answered again). */
    synchronized void refuse(Refusal refusal) {
        this.refusal = refusal;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private synchronized void handle(HttpExchange exchange, String operation) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(operation, body));
        if (refusal != null) {
            answer(
                    exchange,
                    refusal.status(),
                    Map.of("message", refusal.message()),
                    refusal.errorType());
        } else if (operation.equals("GetAccount")) {
            answer(exchange, 200, account, null);
        } else {
            answer(exchange, 200, page(body), null);
        }
    }

    private Map<String, Object> page(String request) {
        Matcher token = NEXT_TOKEN.matcher(request);
        int from = token.find() ? Integer.parseInt(token.group(1)) : 0;
        Matcher requested = REQUESTED_PAGE_SIZE.matcher(request);
        int size =
                Math.min(
                        pageSize,
                        requested.find() ? Integer.parseInt(requested.group(1)) : pageSize);
        boolean openOnly = OPEN_FILTER.matcher(request).find();
        List<Map<String, Object>> listed =
                recommendations.stream()
                        .filter(r -> !openOnly || "OPEN".equals(r.get("Status")))
                        .toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(
                "Recommendations",
                listed.subList(
                        Math.min(from, listed.size()), Math.min(from + size, listed.size())));
        if (from + size < listed.size()) {
            page.put("NextToken", Integer.toString(from + size));
        }
        return page;
    }

    private static void answer(
            HttpExchange exchange, int status, Map<String, ?> body, String errorType)
            throws IOException {
        byte[] bytes = JsonText.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
