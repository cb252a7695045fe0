package io.sesfeedback.testing.moto;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * This JVM's Python process that starts moto servers: {@code moto_dynamodb.py --zygote}, which
 * imports and warms up moto once, then forks a server (a process of its own, with its own port,
 * journal and memory) for each request, in milliseconds rather than the seconds a fresh Python
 * takes. Started on first use; it and every server it forked end when this JVM ends, however it
 * ends (their standard input, this JVM's pipe, closes). The system property {@value #PRELOAD} names
 * moto services (comma-separated, as moto names its packages) to import before forking, for a JVM
 * that starts many servers using them.
 */
public final class MotoLauncher {

    static final String INSTALL = "python3 -m pip install -r requirements-dev.txt";
    public static final String PRELOAD = "ses-feedback.moto-preload";
    private static final String SCRIPT = "moto_dynamodb.py";
    private static final String SES_EXTRAS = "moto_ses.py";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MotoLauncher instance;

    private final Process zygote;
    private final int controlPort;
    private final Path script;

    /** What the launcher itself printed on stderr. */
    private final Path errors;

    private MotoLauncher(Process zygote, int controlPort, Path script, Path errors) {
        this.zygote = zygote;
        this.controlPort = controlPort;
        this.script = script;
        this.errors = errors;
    }

    /**
     * A server forked with these arguments ({@code moto_dynamodb.py}'s), its output appended to
     * {@code log}.
     */
    public static ProcessHandle fork(List<String> arguments, Path log) {
        MotoLauncher launcher = instance();
        try (Socket control = new Socket(InetAddress.getLoopbackAddress(), launcher.controlPort)) {
            OutputStream out = control.getOutputStream();
            out.write(
                    (JSON.writeValueAsString(
                                            Map.of(
                                                    "args",
                                                    arguments,
                                                    "log",
                                                    log.toAbsolutePath().toString()))
                                    + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer =
                    new BufferedReader(
                                    new InputStreamReader(
                                            control.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
            if (answer == null) {
                throw new IllegalStateException(
                        "moto's launcher closed the connection without forking: "
                                + launcher.output());
            }
            long pid = JSON.readTree(answer).get("pid").asLong();
            return ProcessHandle.of(pid)
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "moto's server "
                                                    + pid
                                                    + " exited as it started: "
                                                    + read(log)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach moto's launcher: " + launcher.output(), e);
        }
    }

    private static synchronized MotoLauncher instance() {
        if (instance == null || !instance.zygote.isAlive()) {
            instance = start();
        }
        return instance;
    }

    private static MotoLauncher start() {
        try {
            // the launcher imports moto_ses.py from its own folder
            Path folder = Files.createTempDirectory("moto-launcher");
            folder.toFile().deleteOnExit();
            Path script = folder.resolve(SCRIPT);
            for (String name : List.of(SCRIPT, SES_EXTRAS)) {
                try (InputStream source = MotoLauncher.class.getResourceAsStream(name)) {
                    if (source == null) {
                        throw new IllegalStateException(
                                name
                                        + " is not on the class path beside "
                                        + MotoLauncher.class.getName());
                    }
                    Path copy = folder.resolve(name);
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                    copy.toFile().deleteOnExit();
                }
            }
            Path errors = Files.createTempFile("moto-launcher", ".log");
            errors.toFile().deleteOnExit();
            Process zygote;
            try {
                // standard input stays open, unwritten: it closes when this JVM ends, and the
                // launcher with it
                zygote =
                        new ProcessBuilder(
                                        "python3",
                                        script.toString(),
                                        "--zygote",
                                        "--preload",
                                        System.getProperty(PRELOAD, ""))
                                .redirectError(errors.toFile())
                                .start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Cannot run python3 for moto ("
                                + e.getMessage()
                                + "). Install Python 3, then moto with: "
                                + INSTALL,
                        e);
            }
            String first =
                    new BufferedReader(
                                    new InputStreamReader(
                                            zygote.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
            if (first == null || !first.startsWith("control ")) {
                zygote.destroy();
                String printed = read(errors);
                String last = printed.lines().reduce((a, b) -> b).orElse("nothing printed");
                throw new IllegalStateException(
                        printed.contains("No module named")
                                ? "python3 has no moto ("
                                        + last
                                        + "): install it with "
                                        + INSTALL
                                        + "\n"
                                        + printed
                                : "moto's launcher did not start (" + last + ")\n" + printed);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(zygote::destroy, "moto-launcher-stop"));
            return new MotoLauncher(
                    zygote,
                    Integer.parseInt(first.substring("control ".length()).trim()),
                    script,
                    errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String output() {
        return read(errors);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
