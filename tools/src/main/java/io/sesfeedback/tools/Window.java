package io.sesfeedback.tools;

import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --since} (required) and {@code --until}: the window a command reads, as a mixin. */
public final class Window {

    @Option(
            names = "--since",
            required = true,
            converter = Since.class,
            paramLabel = "24h|7d|DATE",
            description =
                    "Start of the window: 30m, 24h, 7d or 2w ago, a UTC date or an ISO instant.")
    private Instant since;

    @Option(
            names = "--until",
            converter = Since.class,
            paramLabel = "24h|7d|DATE",
            description = "End of the window, in the same forms as --since (default: now).")
    private Instant until;

    public Instant since() {
        return since;
    }

    /** The end the command was given, else the moment this is first asked. */
    public Instant until() {
        if (until == null) {
            until = Instant.now();
        }
        return until;
    }
}
