package io.sesfeedback.support;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.logs.FeedbackLogLine;
import io.sesfeedback.notification.FeedbackMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The feedback log in memory, safe for many threads: the lines CloudWatch Logs would receive, in
 * order.
 */
public final class CollectingLog implements FeedbackLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void write(FeedbackMessage message) {
        lines.add(FeedbackLogLine.of(message));
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
