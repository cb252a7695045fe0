package io.sesfeedback.logs;

import io.sesfeedback.notification.FeedbackMessage;
import java.time.Clock;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Writes log lines to the feedback log group, one stream per message type, named after the type. A
 * stream is created when a put finds it missing (the first message of its type, or after someone
 * deleted it). Events carry the time they were written, since CloudWatch Logs refuses events older
 * than 14 days (the line has the message's).
 */
public final class CloudWatchFeedbackLog implements FeedbackLog {

    private final CloudWatchLogsClient logs;
    private final String logGroupName;
    private final Clock clock;

    public CloudWatchFeedbackLog(CloudWatchLogsClient logs, String logGroupName, Clock clock) {
        this.logs = logs;
        this.logGroupName = logGroupName;
        this.clock = clock;
    }

    @Override
    public void write(FeedbackMessage message) {
        String stream = message.type().label();
        InputLogEvent event =
                InputLogEvent.builder()
                        .timestamp(clock.millis())
                        .message(FeedbackLogLine.of(message))
                        .build();
        try {
            put(stream, event);
        } catch (ResourceNotFoundException missingStream) {
            createStream(stream);
            put(stream, event);
        }
    }

    private void put(String stream, InputLogEvent event) {
        PutLogEventsResponse response =
                logs.putLogEvents(
                        request ->
                                request.logGroupName(logGroupName)
                                        .logStreamName(stream)
                                        .logEvents(event));
        if (response.rejectedLogEventsInfo() != null) {
            throw new IllegalStateException(
                    "CloudWatch Logs rejected the log line for "
                            + logGroupName
                            + "/"
                            + stream
                            + ": "
                            + response.rejectedLogEventsInfo());
        }
    }

    private void createStream(String stream) {
        try {
            logs.createLogStream(
                    request -> request.logGroupName(logGroupName).logStreamName(stream));
        } catch (ResourceAlreadyExistsException createdMeanwhile) {
            // another container created it between our put and this call
        }
    }
}
