package io.sesfeedback.tools.benchmark;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child JVM runs as a Lambda execution environment would: the recorder's handler, or the
 * bare-SDK floor.
 */
interface Workload {

    /** Everything Lambda does before the first invocation. */
    void init(Phases init) throws Exception;

    /** Invocation {@code i}, each with a message of its own. */
    void invoke(int i, Phases phases) throws Exception;

    /**
     * {@code handler} with a file of SNS events (one JSON line each, read now, before anything is
     * timed), or {@code floor} with the prefix of the keys it writes.
     */
    static Workload of(String kind, String input) throws IOException {
        switch (kind) {
            case "handler":
                return new HandlerRun(System.getenv("_HANDLER"), lines(input));
            case "floor":
                return new FloorRun(input);
            default:
                throw new IllegalArgumentException("Not a workload: " + kind);
        }
    }

    private static List<byte[]> lines(String file) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
