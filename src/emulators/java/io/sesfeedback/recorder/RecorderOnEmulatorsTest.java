package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.logs.CloudWatchFeedbackLog;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler as deployed: DynamoDB and CloudWatch Logs (both moto), every events/ file, then
 * again.
 */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class RecorderOnEmulatorsTest {

    @Test
    void everyEventFileIsRecordedInBothStoresAndItsRedeliveryAddsNoItemButRepeatsItsLine(
            MotoServer moto) throws Exception {
        try (CloudWatchLogsClient logs = moto.cloudWatchLogs();
                RecorderFixture table = new RecorderFixture()) {
            String logGroup =
                    "/ses-feedback/ses-feedback-test-" + UUID.randomUUID() + "/notifications";
            logs.createLogGroup(r -> r.logGroupName(logGroup));
            FeedbackHandler handler =
                    new FeedbackHandler(
                            table.recorder(
                                    new CloudWatchFeedbackLog(logs, logGroup, Clock.systemUTC())),
                            RecorderFixture.METRICS_NAMESPACE,
                            line -> {});
            Map<String, Long> expectedLinesPerStream =
                    EventFiles.names().stream()
                            .map(
                                    file ->
                                            new NotificationParser()
                                                    .parse(EventFiles.message(file))
                                                    .type()
                                                    .label())
                            .collect(
                                    Collectors.groupingBy(
                                            Function.identity(),
                                            TreeMap::new,
                                            Collectors.summingLong(type -> 2)));

            EventFiles.names()
                    .forEach(
                            file ->
                                    handler.handleRequest(
                                            EventFiles.event(file),
                                            OutputStream.nullOutputStream(),
                                            new LocalContext()));
            List<Map<String, AttributeValue>> items = table.allItems();
            EventFiles.names()
                    .forEach(
                            file ->
                                    handler.handleRequest(
                                            EventFiles.event(file),
                                            OutputStream.nullOutputStream(),
                                            new LocalContext()));

            Map<String, Long> linesPerStream = new TreeMap<>();
            List<String> lines = new ArrayList<>();
            logs.describeLogStreams(r -> r.logGroupName(logGroup))
                    .logStreams()
                    .forEach(
                            stream -> {
                                List<String> streamLines =
                                        logs
                                                .getLogEvents(
                                                        r ->
                                                                r.logGroupName(logGroup)
                                                                        .logStreamName(
                                                                                stream
                                                                                        .logStreamName())
                                                                        .startFromHead(true))
                                                .events()
                                                .stream()
                                                .map(OutputLogEvent::message)
                                                .toList();
                                linesPerStream.put(
                                        stream.logStreamName(), (long) streamLines.size());
                                lines.addAll(streamLines);
                            });
            assertThat(
                            lines.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    Function.identity(), Collectors.counting()))
                                    .values())
                    .as("each line twice, identical")
                    .containsOnly(2L);
            assertThat(linesPerStream).isEqualTo(expectedLinesPerStream);
            assertThat(table.allItems()).isEqualTo(items);
            assertThat(table.logLines()).isEmpty();
        }
    }
}
