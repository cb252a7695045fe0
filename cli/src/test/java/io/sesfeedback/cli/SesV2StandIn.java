package io.sesfeedback.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sesfeedback.notification.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The SES API v2 operations the operator command calls, on loopback: the account-level suppression list, GetAccount,
 * PutAccountSendingAttributes, GetConfigurationSet and PutConfigurationSetSendingOptions (the last four for resume), which
 * moto 5.2.1 does not serve; and SendEmail (check), from verified identities only, refused with AccessDenied to
 * the blocked domains as the guard's IAM Deny on {@code ses:Recipients} would (moto evaluates no IAM policy), handing
 * each accepted mail to a listener that plays SES's side. Written from the SES API v2 reference (REST paths, JSON fields, epoch-second
 * timestamps, NotFoundException as 404 with x-amzn-ErrorType); the list comes in pages of {@value #PAGE_SIZE}, so that
 * paging is exercised.
 */
final class SesV2StandIn implements AutoCloseable {

    private static final String PATH = "/v2/email/suppression/addresses";
    private static final String ACCOUNT_PATH = "/v2/email/account";
    private static final String CONFIGURATION_SETS_PATH = "/v2/email/configuration-sets/";
    private static final String SEND_PATH = "/v2/email/outbound-emails";
    private static final int PAGE_SIZE = 2;

    /** One call as it arrived: its method and when, in System.nanoTime. */
    record Call(String method, long at) {
    }

    /** A mail SendEmail accepted. */
    record Sent(String messageId, String from, List<String> to, String configurationSet) {
    }

    private final HttpServer server;
    private final Set<String> verified = new HashSet<>();
    private final Set<String> blockedDomains = new HashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private String refusal;
    private Consumer<Sent> onSend = mail -> { };
    /** SES's side runs after SendEmail answers, as SES publishes its notifications later. */
    private final ExecutorService sesSide = Executors.newSingleThreadExecutor();
    private final Map<String, String> reasons = new TreeMap<>();
    private final List<Call> calls = new ArrayList<>();
    private Map<String, Object> account = Map.of();
    private final Map<String, Boolean> configurationSetsSending = new TreeMap<>();
    private final Set<String> refused = new HashSet<>();

    private SesV2StandIn(HttpServer server) {
        this.server = server;
        server.createContext(PATH, this::handle);
        server.createContext(ACCOUNT_PATH, this::handleAccount);
        server.createContext(CONFIGURATION_SETS_PATH, this::handleConfigurationSet);
        server.createContext(SEND_PATH, this::handleSend);
        server.start();
    }

    static SesV2StandIn start() throws IOException {
        return new SesV2StandIn(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void list(String address, String reason) {
        reasons.put(address, reason);
    }

    synchronized Map<String, String> listed() {
        return Map.copyOf(reasons);
    }

    /** PutSuppressedDestination of this address answers BadRequestException, as SES does for one it will not take. */
    synchronized void refuse(String address) {
        refused.add(address);
    }

    /** What GetAccount answers, as SES's JSON has it. */
    synchronized void account(Map<String, Object> details) {
        account = details;
    }

    /** The account's SendingEnabled, as GetAccount answers it. */
    synchronized Object accountSending() {
        return account.get("SendingEnabled");
    }

    /** A configuration set, sending or paused. */
    synchronized void configurationSet(String name, boolean sending) {
        configurationSetsSending.put(name, sending);
    }

    synchronized boolean sends(String configurationSet) {
        return configurationSetsSending.get(configurationSet);
    }

    /** An identity that may send: a domain, or an address. */
    synchronized void verify(String identity) {
        verified.add(identity);
    }

    /** A recipient domain the guard denies (the domain and its subdomains). */
    synchronized void block(String domain) {
        blockedDomains.add(domain);
    }

    synchronized void unblockAll() {
        blockedDomains.clear();
        refusal = null;
    }

    /** Every send answers AccessDenied with this message, as for a caller that may not send at all. */
    synchronized void refuseEverySend(String message) {
        refusal = message;
    }

    /** Called with each accepted mail, after SendEmail has answered. */
    synchronized void onSend(Consumer<Sent> listener) {
        onSend = listener;
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        calls.add(new Call(exchange.getRequestMethod(), System.nanoTime()));
        String path = exchange.getRequestURI().getRawPath();
        switch (exchange.getRequestMethod()) {
            case "GET" -> page(exchange);
            case "PUT" -> {
                Map<String, Object> body = Json.readObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String address = (String) body.get("EmailAddress");
                if (refused.contains(address)) {
                    answer(exchange, 400, Map.of("message", "Invalid email address " + address), "BadRequestException");
                } else {
                    reasons.put(address, (String) body.get("Reason"));
                    answer(exchange, 200, Map.of(), null);
                }
            }
            case "DELETE" -> {
                String address = URLDecoder.decode(path.substring(PATH.length() + 1), StandardCharsets.UTF_8);
                if (reasons.remove(address) == null) {
                    answer(exchange, 404, Map.of("message", "Email address " + address + " does not exist on your suppression list."),
                            "NotFoundException");
                } else {
                    answer(exchange, 200, Map.of(), null);
                }
            }
            default -> answer(exchange, 405, Map.of("message", "not served here"), "BadRequestException");
        }
    }

    private synchronized void handleAccount(HttpExchange exchange) throws IOException {
        calls.add(new Call(exchange.getRequestMethod(), System.nanoTime()));
        if (exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getRawPath().equals(ACCOUNT_PATH + "/sending")) {
            Map<String, Object> changed = new LinkedHashMap<>(account);
            changed.put("SendingEnabled", requestBody(exchange).get("SendingEnabled"));
            account = changed;
            answer(exchange, 200, Map.of(), null);
        } else {
            answer(exchange, 200, account, null);
        }
    }

    /** GET /v2/email/configuration-sets/NAME and PUT .../NAME/sending; NotFoundException for a set not made here. */
    private synchronized void handleConfigurationSet(HttpExchange exchange) throws IOException {
        calls.add(new Call(exchange.getRequestMethod(), System.nanoTime()));
        String[] path = exchange.getRequestURI().getRawPath().substring(CONFIGURATION_SETS_PATH.length()).split("/");
        String name = URLDecoder.decode(path[0], StandardCharsets.UTF_8);
        if (!configurationSetsSending.containsKey(name)) {
            answer(exchange, 404, Map.of("message", "Configuration set <" + name + "> does not exist."), "NotFoundException");
        } else if (exchange.getRequestMethod().equals("PUT") && path.length == 2 && path[1].equals("sending")) {
            configurationSetsSending.put(name, Boolean.TRUE.equals(requestBody(exchange).get("SendingEnabled")));
            answer(exchange, 200, Map.of(), null);
        } else {
            answer(exchange, 200, Map.of("ConfigurationSetName", name,
                    "SendingOptions", Map.of("SendingEnabled", configurationSetsSending.get(name))), null);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized void handleSend(HttpExchange exchange) throws IOException {
        calls.add(new Call(exchange.getRequestMethod(), System.nanoTime()));
        Map<String, Object> body = requestBody(exchange);
        String from = (String) body.get("FromEmailAddress");
        List<String> to = (List<String>) ((Map<String, Object>) body.get("Destination")).get("ToAddresses");
        if (!verified.contains(from) && !verified.contains(from.substring(from.indexOf('@') + 1))) {
            answer(exchange, 400, Map.of("message", "Email address is not verified. The following identities failed the check: "
                    + from), "MessageRejected");
            return;
        }
        if (refusal != null) {
            answer(exchange, 403, Map.of("message", refusal), "AccessDeniedException");
            return;
        }
        if (to.stream().anyMatch(address -> blockedDomains.stream()
                .anyMatch(domain -> address.endsWith("@" + domain) || address.endsWith("." + domain)))) {
            answer(exchange, 403, Map.of("message", "User is not authorized to perform ses:SendEmail with an explicit deny"),
                    "AccessDeniedException");
            return;
        }
        Sent mail = new Sent(String.format("%016x-%s-000000", System.nanoTime(), UUID.randomUUID()), from, to,
                (String) body.get("ConfigurationSetName"));
        sent.add(mail);
        Consumer<Sent> listener = onSend;
        sesSide.submit(() -> listener.accept(mail));
        answer(exchange, 200, Map.of("MessageId", mail.messageId()), null);
    }

    private static Map<String, Object> requestBody(HttpExchange exchange) throws IOException {
        return Json.readObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private void page(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        int from = 0;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("NextToken=")) {
                    from = Integer.parseInt(pair.substring("NextToken=".length()));
                }
            }
        }
        List<Map<String, Object>> summaries = new ArrayList<>();
        List<String> addresses = new ArrayList<>(reasons.keySet());
        for (int i = from; i < Math.min(addresses.size(), from + PAGE_SIZE); i++) {
            summaries.add(Map.of("EmailAddress", addresses.get(i), "Reason", reasons.get(addresses.get(i)),
                    "LastUpdateTime", 1_795_000_000 + i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("SuppressedDestinationSummaries", summaries);
        if (from + PAGE_SIZE < addresses.size()) {
            body.put("NextToken", Integer.toString(from + PAGE_SIZE));
        }
        answer(exchange, 200, body, null);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body, String errorType) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
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
        sesSide.shutdownNow();
        server.stop(0);
    }
}
