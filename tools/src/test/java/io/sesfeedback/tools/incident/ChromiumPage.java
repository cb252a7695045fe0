package io.sesfeedback.tools.incident;

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
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A page open in Debian's headless Chromium, driven over the DevTools protocol on a loopback port:
 * evaluate an expression in it, take a screenshot. The browser gets a fresh profile and none of its
 * background network. {@link #open} returns once the page is loaded, laid out at the given viewport
 * and painted.
 */
final class ChromiumPage implements AutoCloseable {

    static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    /** The deadline of every wait: CI machines have 2 cores and may be busy. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    /**
     * An answer's id, which Chromium writes first; read without parsing, as a screenshot's exceeds
     * Json's string limit.
     */
    private static final Pattern ANSWER_ID = Pattern.compile("^\\{\"id\":(\\d+),");

    private static final Pattern SCREENSHOT_DATA =
            Pattern.compile("\"data\":\"([A-Za-z0-9+/=]+)\"");

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

    static ChromiumPage open(Path file, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        // about:blank, not the file: the page is navigated over the protocol, so no navigation of
        // the browser's own is under way
        Process browser =
                new ProcessBuilder(
                                CHROMIUM.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--disable-dev-shm-usage",
                                "--user-data-dir=" + profile,
                                "--remote-debugging-address=127.0.0.1",
                                "--remote-debugging-port=0",
                                "--remote-allow-origins=*",
                                "--window-size=" + width + "," + height,
                                "about:blank")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        URI browserSocket = listening(browser);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest list =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + browserSocket.getPort()
                                                + "/json/list"))
                        .timeout(PATIENCE)
                        .build();
        String pageSocket =
                until(
                        "Chromium opened a page",
                        () -> {
                            try {
                                String body =
                                        http.send(list, HttpResponse.BodyHandlers.ofString())
                                                .body();
                                return ((List<?>) Json.read(body))
                                        .stream()
                                                .map(Map.class::cast)
                                                .filter(target -> "page".equals(target.get("type")))
                                                .map(
                                                        target ->
                                                                (String)
                                                                        target.get(
                                                                                "webSocketDebuggerUrl"))
                                                .findFirst()
                                                .orElse(null);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                        });
        ChromiumPage[] page = new ChromiumPage[1];
        WebSocket socket =
                http.newWebSocketBuilder()
                        .buildAsync(
                                URI.create(pageSocket),
                                new WebSocket.Listener() {
                                    private final StringBuilder message = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket webSocket, CharSequence data, boolean last) {
                                        message.append(data);
                                        if (last) {
                                            page[0].answer(message.toString());
                                            message.setLength(0);
                                        }
                                        webSocket.request(1);
                                        return null;
                                    }
                                })
                        .join();
        page[0] = new ChromiumPage(browser, profile, socket);
        try {
            page[0].show(file.toUri(), width, height);
        } catch (RuntimeException e) {
            try {
                page[0].close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return page[0];
    }

    /** The browser's DevTools address, from the line it prints on stderr. */
    private static URI listening(Process browser) throws IOException {
        BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return URI.create(listening.group(1));
            }
        }
        throw new IllegalStateException(
                "Chromium exited before it listened: " + browser.exitValue());
    }

    /**
     * Sets the viewport, navigates to the page and waits until it is loaded, laid out and painted.
     */
    private void show(URI url, int width, int height) {
        // the viewport before the page: it is laid out at this size from the start, whatever the
        // window has become
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        String navigated = call("Page.navigate", Map.of("url", url.toString()));
        if (navigated.contains("\"errorText\"")) {
            throw new IllegalStateException("Page.navigate: " + navigated);
        }
        // this document (not the about:blank before it), past its load event, its fonts in, laid
        // out at a width
        String loaded =
                """
                location.href === new URL(%s).href && document.readyState === 'complete'
                  && document.fonts.status === 'loaded' && document.documentElement.getBoundingClientRect().width > 0"""
                        .formatted(Json.write(url.toString()));
        until(
                url + " loaded and laid out",
                () -> Boolean.TRUE.equals(evaluate(loaded)) ? true : null);
        // and painted: two animation frames later, a frame with the laid-out page has been produced
        evaluate(
                "new Promise(painted => requestAnimationFrame(() => requestAnimationFrame(() => painted(true))))",
                true);
    }

    /**
     * The probe's first non-null answer, polled until the deadline; an error while polling counts
     * as not yet.
     */
    private static <T> T until(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(PATIENCE);
        RuntimeException last = null;
        while (true) {
            try {
                T answer = probe.get();
                if (answer != null) {
                    return answer;
                }
            } catch (IllegalStateException e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not " + what + " within " + PATIENCE, last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what, e);
            }
        }
    }

    /** An answer to a call completes it; events (no id) are not asked for, and ignored. */
    private void answer(String message) {
        Matcher id = ANSWER_ID.matcher(message);
        if (id.find()) {
            CompletableFuture<String> answer = answers.remove(Integer.parseInt(id.group(1)));
            if (answer != null) {
                answer.complete(message);
            }
        }
    }

    /** The answer's text; an error answer throws. */
    private String call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(id, answer);
        socket.sendText(Json.write(Map.of("id", id, "method", method, "params", params)), true)
                .join();
        String message;
        try {
            message = answer.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            answers.remove(id);
            throw new IllegalStateException(method + ": no answer within " + PATIENCE, e);
        }
        if (message.contains("\"error\":{")) {
            throw new IllegalStateException(method + ": " + message);
        }
        return message;
    }

    /** The value of a JavaScript expression in the page (returned by value: JSON-able). */
    Object evaluate(String expression) {
        return evaluate(expression, false);
    }

    /** The value, a promise's awaited; an expression that throws throws. */
    @SuppressWarnings("unchecked")
    private Object evaluate(String expression, boolean awaitPromise) {
        Map<String, Object> answer =
                (Map<String, Object>)
                        Json.readObject(
                                        call(
                                                "Runtime.evaluate",
                                                Map.of(
                                                        "expression",
                                                        expression,
                                                        "returnByValue",
                                                        true,
                                                        "awaitPromise",
                                                        awaitPromise)))
                                .get("result");
        if (answer.containsKey("exceptionDetails")) {
            throw new IllegalStateException(
                    "Runtime.evaluate: " + Json.write(answer.get("exceptionDetails")));
        }
        return ((Map<String, Object>) answer.get("result")).get("value");
    }

    /** A PNG of the whole page. */
    byte[] screenshot() {
        Matcher data =
                SCREENSHOT_DATA.matcher(
                        call(
                                "Page.captureScreenshot",
                                Map.of("format", "png", "captureBeyondViewport", true)));
        if (!data.find()) {
            throw new IllegalStateException("Page.captureScreenshot answered without data");
        }
        return Base64.getDecoder().decode(data.group(1));
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        // the helpers too (renderer, network service): they write into the profile until they have
        // exited
        List<ProcessHandle> processes =
                Stream.concat(browser.descendants(), Stream.of(browser.toHandle())).toList();
        browser.destroy();
        Instant deadline = Instant.now().plus(PATIENCE);
        for (ProcessHandle process : processes) {
            try {
                process.onExit()
                        .get(
                                Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                process.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted closing Chromium", e);
            } catch (ExecutionException e) {
                throw new IOException(e);
            }
        }
        Files.walkFileTree(
                profile,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                            throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e)
                            throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException e)
                            throws IOException {
                        Files.deleteIfExists(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
