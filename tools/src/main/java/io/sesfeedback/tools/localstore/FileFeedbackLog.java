package io.sesfeedback.tools.localstore;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.logs.FeedbackLogLine;
import io.sesfeedback.notification.FeedbackMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Stands in for CloudWatch Logs where none is configured: the same JSON lines, appended to one
 * file.
 */
public final class FileFeedbackLog implements FeedbackLog {

    private final Path file;

    public FileFeedbackLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public void write(FeedbackMessage message) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    file,
                    FeedbackLogLine.of(message) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the feedback log " + file, e);
        }
    }
}
