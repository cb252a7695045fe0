package io.sesfeedback.cli;

import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.Timestamps;
import io.sesfeedback.store.FeedbackTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The message items that occurred in [since, until], read type by type from the ByType index: one paginated Query
 * per message type, never a Scan.
 */
final class MessageWindow {

    private final Target target;
    private final Instant since;
    private final Instant until;

    private MessageWindow(Target target, Instant since, Instant until) {
        this.target = target;
        this.since = since;
        this.until = until;
    }

    /** The window; a wrong command line (exit 2) when {@code until} is before {@code since}. */
    static MessageWindow of(Target target, Instant since, Instant until, CommandLine commandLine) {
        if (until.isBefore(since)) {
            throw new ParameterException(commandLine, "--until " + Timestamps.format(until)
                    + " is before --since " + Timestamps.format(since));
        }
        return new MessageWindow(target, since, until);
    }

    /** The items of one type, oldest first, with the {@code attributes} named; a page is fetched when reading reaches it. */
    Iterable<Map<String, AttributeValue>> items(MessageType type, List<String> attributes) {
        Map<String, String> names = new HashMap<>(Map.of("#type", FeedbackTable.MESSAGE_TYPE, "#eventKey", FeedbackTable.EVENT_KEY));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(target.table())
                .indexName(FeedbackTable.BY_TYPE_INDEX)
                .keyConditionExpression("#type = :type AND #eventKey BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":type", AttributeValue.fromS(type.label()),
                        ":from", AttributeValue.fromS(Timestamps.format(since)),
                        // '~' sorts after the '#' that follows the time, so messages at exactly 'until' are included
                        ":to", AttributeValue.fromS(Timestamps.format(until) + "~")));
        // every name through a placeholder: some attribute names are DynamoDB reserved words
        IntStream.range(0, attributes.size()).forEach(i -> names.put("#a" + i, attributes.get(i)));
        request.projectionExpression(IntStream.range(0, attributes.size()).mapToObj(i -> "#a" + i)
                .collect(Collectors.joining(", ")));
        return target.dynamo().queryPaginator(request.expressionAttributeNames(names).build()).items();
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

    String description() {
        return Timestamps.format(since) + " to " + Timestamps.format(until) + " (" + target.description() + ")";
    }
}
