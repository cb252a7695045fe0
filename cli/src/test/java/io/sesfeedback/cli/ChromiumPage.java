package io.sesfeedback.cli;

import io.sesfeedback.notification.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page open in Debian's headless Chromium, driven over the DevTools protocol on a loopback port: evaluate an
 * expression in it, take a screenshot. The browser gets a fresh profile and none of its background network.
 */
final class ChromiumPage implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    /** An answer's id, which Chromium writes first; read without parsing, as a screenshot's exceeds Json's string limit. */
    private static final Pattern ANSWER_ID = Pattern.compile("^\\{\"id\":(\\d+),");
    private static final Pattern SCREENSHOT_DATA = Pattern.compile("\"data\":\"([A-Za-z0-9+/=]+)\"");

    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> answers = new ConcurrentHashMap<>();

    private ChromiumPage(Process browser, Path profile, WebSocket socket) {
        this.browser = browser;
        this.profile = profile;
        this.socket = socket;
    }

    static ChromiumPage open(Path file, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=" + width + "," + height,
                file.toUri().toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI browserSocket = listening(browser);
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://127.0.0.1:" + browserSocket.getPort() + "/json/list");
        String pageSocket = null;
        for (int attempt = 0; pageSocket == null && attempt < 100; attempt++) {
            String body = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
            pageSocket = ((List<?>) Json.read(body)).stream().map(Map.class::cast)
                    .filter(target -> "page".equals(target.get("type"))).map(target -> (String) target.get("webSocketDebuggerUrl"))
                    .findFirst().orElse(null);
            Thread.sleep(pageSocket == null ? 100 : 0);
        }
        if (pageSocket == null) {
            throw new IllegalStateException("Chromium opened no page");
        }
        ChromiumPage[] page = new ChromiumPage[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    page[0].answer(message.toString());
                    message.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        page[0] = new ChromiumPage(browser, profile, socket);
        page[0].awaitLoaded();
        return page[0];
    }

    /** The browser's DevTools address, from the line it prints on stderr. */
    private static URI listening(Process browser) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return URI.create(listening.group(1));
            }
        }
        throw new IllegalStateException("Chromium exited before it listened: " + browser.exitValue());
    }

    private void awaitLoaded() throws InterruptedException {
        for (int attempt = 0; attempt < 100 && !"complete".equals(evaluate("document.readyState")); attempt++) {
            Thread.sleep(100);
        }
    }

    /** An answer to a call completes it; events (no id) are not asked for, and ignored. */
    private void answer(String message) {
        Matcher id = ANSWER_ID.matcher(message);
        if (id.find()) {
            answers.remove(Integer.parseInt(id.group(1))).complete(message);
        }
    }

    /** The answer's text; an error answer throws. */
    private String call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(id, answer);
        socket.sendText(Json.write(Map.of("id", id, "method", method, "params", params)), true).join();
        String message = answer.orTimeout(30, TimeUnit.SECONDS).join();
        if (message.contains("\"error\":{")) {
            throw new IllegalStateException(method + ": " + message);
        }
        return message;
    }

    /** The value of a JavaScript expression in the page (returned by value: JSON-able). */
    @SuppressWarnings("unchecked")
    Object evaluate(String expression) {
        Map<String, Object> answer = Json.readObject(call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true)));
        return ((Map<String, Object>) ((Map<String, Object>) answer.get("result")).get("result")).get("value");
    }

    /** A PNG of the whole page. */
    byte[] screenshot() {
        Matcher data = SCREENSHOT_DATA.matcher(call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)));
        if (!data.find()) {
            throw new IllegalStateException("Page.captureScreenshot answered without data");
        }
        return Base64.getDecoder().decode(data.group(1));
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
