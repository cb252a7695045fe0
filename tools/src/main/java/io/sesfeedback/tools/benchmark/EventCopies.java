package io.sesfeedback.tools.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies of an SNS event file, one JSON line each, for a child JVM. Each copy gets its own SNS
 * MessageId and SES ids ({@code mail.messageId}, {@code feedbackId}, suffixed in the envelope and
 * in the SES JSON it carries), so that the recorder sees new feedback every time: not a redelivery,
 * nor the same SES event again.
 */
final class EventCopies {

    /** The key, quoted (with escaped quotes inside the SES JSON string), then its value. */
    private static final Pattern ID =
            Pattern.compile(
                    "(\\\\?\"(?:MessageId|messageId|feedbackId)\\\\?\"\\s*:\\s*\\\\?\")([^\"\\\\]+)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String event;

    EventCopies(Path eventFile) throws IOException {
        this.event = JSON.readTree(eventFile.toFile()).toString();
    }

    /** Writes {@code count} copies to {@code file}, their ids suffixed {@code -<idPrefix><n>}. */
    Path write(Path file, String idPrefix, int count) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (int n = 0; n < count; n++) {
                String suffix = Matcher.quoteReplacement("-" + idPrefix + n);
                writer.write(ID.matcher(event).replaceAll("$1$2" + suffix));
                writer.newLine();
            }
        }
        return file;
    }
}
