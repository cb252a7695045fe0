package io.sesfeedback.tools.reports;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.tools.targets.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The message items that occurred in [since, until], read type by type from the TypeShards index
 * (one Query per shard, merged in order), never a Scan.
 */
public final class MessageWindow {

    private final Target target;
    private final Instant since;
    private final Instant until;

    private MessageWindow(Target target, Instant since, Instant until) {
        this.target = target;
        this.since = since;
        this.until = until;
    }

    /** The window; a wrong command line (exit 2) when {@code until} is before {@code since}. */
    public static MessageWindow of(
            Target target, Instant since, Instant until, CommandLine commandLine) {
        if (until.isBefore(since)) {
            throw new ParameterException(
                    commandLine,
                    "--until "
                            + Timestamps.format(until)
                            + " is before --since "
                            + Timestamps.format(since));
        }
        return new MessageWindow(target, since, until);
    }

    /**
     * The items of one type, oldest first, with the {@code attributes} named; a page is fetched
     * when reading reaches it (see {@link
     * io.sesfeedback.store.FeedbackQueries#messagesOfType(MessageType, Instant, Instant, List)}).
     */
    Iterable<Map<String, AttributeValue>> items(MessageType type, List<String> attributes) {
        return target.queries().messagesOfType(type, since, until, attributes)::iterator;
    }

    Instant since() {
        return since;
    }

    Instant until() {
        return until;
    }

    String store() {
        return target.description();
    }

    public String description() {
        return Timestamps.format(since)
                + " to "
                + Timestamps.format(until)
                + " ("
                + target.description()
                + ")";
    }
}
