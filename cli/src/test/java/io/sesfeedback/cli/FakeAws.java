package io.sesfeedback.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A loopback HTTP server that answers every AWS JSON-protocol call the same way: what a real service says when it
 * refuses, throttles or half-processes a call, which the emulators never do. It counts the calls it gets.
 */
final class FakeAws implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String lastAuthorization;

    private FakeAws(int status, UnaryOperator<String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = answer.apply(request).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Every call fails with this JSON-protocol error type, such as {@code AccessDeniedException}. */
    static FakeAws failing(int status, String errorType, String message) throws IOException {
        String body = "{\"__type\":\"com.amazon.coral.service#" + errorType + "\",\"message\":\"" + message + "\"}";
        return new FakeAws(status, request -> body);
    }

    /** Every call succeeds with the answer computed from the request's JSON body. */
    static FakeAws answering(UnaryOperator<String> answer) throws IOException {
        return new FakeAws(200, answer);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int calls() {
        return calls.get();
    }

    /** The Authorization header of the last call: its credential scope names the region it was signed for. */
    String lastAuthorization() {
        return lastAuthorization;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
