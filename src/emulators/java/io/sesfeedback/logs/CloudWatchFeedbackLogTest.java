package io.sesfeedback.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.moto.MotoExtension;
import io.sesfeedback.testing.moto.MotoServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The CloudWatch Logs writer against CloudWatch Logs on a moto server. */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class CloudWatchFeedbackLogTest {

    private static CloudWatchLogsClient logs;
    private String logGroup;
    private CloudWatchFeedbackLog feedbackLog;

    @BeforeAll
    static void connect(MotoServer moto) {
        logs = moto.cloudWatchLogs();
    }

    @AfterAll
    static void disconnect() {
        logs.close();
    }

    @BeforeEach
    void createLogGroup() {
        logGroup = "/ses-feedback/test-" + UUID.randomUUID() + "/notifications";
        logs.createLogGroup(r -> r.logGroupName(logGroup));
        feedbackLog = new CloudWatchFeedbackLog(logs, logGroup, Clock.systemUTC());
    }

    private static FeedbackMessage parsed(String file) {
        return new NotificationParser().parse(EventFiles.message(file));
    }

    private List<String> lines(String stream) {
        return logs
                .getLogEvents(
                        r -> r.logGroupName(logGroup).logStreamName(stream).startFromHead(true))
                .events()
                .stream()
                .map(OutputLogEvent::message)
                .toList();
    }

    private List<String> streams() {
        return logs.describeLogStreams(r -> r.logGroupName(logGroup)).logStreams().stream()
                .map(s -> s.logStreamName())
                .sorted()
                .toList();
    }

    @Test
    void eachMessageTypeGetsItsOwnStreamCreatedOnFirstUse() {
        assertThat(streams()).isEmpty();

        feedbackLog.write(parsed("ses-bounce-permanent.json"));
        feedbackLog.write(parsed("ses-delivery.json"));
        feedbackLog.write(parsed("event-bounce.json"));

        assertThat(streams()).containsExactly("Bounce", "Delivery");
        assertThat(lines("Bounce")).hasSize(2);
        assertThat(lines("Delivery")).hasSize(1);
    }

    @Test
    void lineCarriesTheFieldsLogsInsightsFiltersOn() throws Exception {
        feedbackLog.write(parsed("ses-bounce-permanent.json"));

        Map<String, Object> line = Json.readObject(lines("Bounce").get(0));

        assertThat(line)
                .containsEntry("type", "Bounce")
                .containsEntry("bounceType", "Permanent")
                .containsEntry("bounceSubType", "General")
                .containsEntry("recipientDomains", "example.com,example.org")
                .containsEntry("recipientCount", 3)
                .containsEntry(
                        "snsMessageId",
                        EventFiles.message("ses-bounce-permanent.json").messageId());
    }

    @Test
    void streamDeletedBehindTheWritersBackIsCreatedAgain() {
        feedbackLog.write(parsed("ses-complaint.json"));
        logs.deleteLogStream(r -> r.logGroupName(logGroup).logStreamName("Complaint"));

        feedbackLog.write(parsed("event-complaint.json"));

        assertThat(lines("Complaint")).hasSize(1);
    }

    @Test
    void missingLogGroupFailsTheWriteSoLambdaRetries() {
        CloudWatchFeedbackLog noGroup =
                new CloudWatchFeedbackLog(logs, "/ses-feedback/never-created", Clock.systemUTC());

        assertThatThrownBy(() -> noGroup.write(parsed("ses-complaint.json")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
