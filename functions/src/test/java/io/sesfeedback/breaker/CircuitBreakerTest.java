package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breaker's decision and message, with a sending switch and a topic in memory. */
class CircuitBreakerTest {

    private static final PauseScope CONFIGURATION_SET =
            PauseScope.of("ConfigurationSet", "loadtest", "eu-west-1");

    /** When the breaker acts: a second after the alarm changed, as in the recorder's sample. */
    static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-03T10:15:01.284Z"), ZoneOffset.UTC);

    /**
     * The recorder's sample of this message (NotificationParserTest reads it), in the root build's
     * test resources.
     */
    private static final Path RECORDERS_SAMPLE =
            Path.of(
                    "..",
                    "src",
                    "test",
                    "resources",
                    "io",
                    "sesfeedback",
                    "notification",
                    "circuit-breaker-paused.json");

    /** A sending switch that starts on. */
    static final class Switch implements Sending {
        boolean enabled = true;
        int pauses;

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public void pause() {
            pauses++;
            enabled = false;
        }
    }

    private final Switch sending = new Switch();
    private final List<String[]> published = new ArrayList<>();
    private final CircuitBreaker breaker =
            new CircuitBreaker(
                    CONFIGURATION_SET,
                    "dev",
                    "ses-feedback-dev",
                    sending,
                    (subject, body) -> published.add(new String[] {subject, body}),
                    CLOCK);

    @Test
    void anAlarmPausesTheConfigurationSetAndSaysWhatWhyAndTheCommandThatResumes() throws Exception {
        CircuitBreaker.Result result = breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        assertThat(result.outcome()).isEqualTo(CircuitBreaker.Outcome.PAUSED);
        assertThat(sending.enabled).isFalse();
        assertThat(published).hasSize(1);
        assertThat(published.get(0)[0])
                .isEqualTo("ses-feedback-dev: SES sending paused (configuration set loadtest)");
        Map<String, Object> message = AlarmEvents.read(published.get(0)[1]);
        assertThat(message.get("summary"))
                .isEqualTo(
                        "ses-feedback paused the SES configuration set loadtest in"
                                + " eu-west-1 (mail sent with it is refused; other mail still goes), because alarm"
                                + " ses-feedback-dev-auto-pause-bounce-count went to ALARM: Threshold Crossed: 1 datapoint [312.0"
                                + " (03/12/26 10:10:00)] was greater than or equal to the threshold (100.0). Find the cause"
                                + " (bin/ses-feedback report --env dev), then resume: bin/ses-feedback resume --env dev");
        assertThat(message)
                .containsEntry("notificationType", "CircuitBreaker")
                .containsEntry("action", "Paused")
                .containsEntry("scope", "ConfigurationSet")
                .containsEntry("configurationSet", "loadtest")
                .containsEntry("region", "eu-west-1")
                .containsEntry("time", "2026-12-03T10:15:01.284Z")
                .containsEntry("resume", "bin/ses-feedback resume --env dev");
    }

    /**
     * Not an alarm's state change: chat's alarm card and the inbox's {@code AlarmName} filter key
     * on CloudWatch's top-level fields, and the alarm's own notification reaches the topic beside
     * this message.
     */
    @Test
    void theMessageHasAShapeOfItsOwnWithTheAlarmNamedInsideNotAsCloudWatchPublishesOne()
            throws Exception {
        breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        Map<String, Object> message = AlarmEvents.read(published.get(0)[1]);
        assertThat(message.keySet())
                .containsExactlyInAnyOrder(
                        "notificationType",
                        "action",
                        "scope",
                        "configurationSet",
                        "region",
                        "time",
                        "alarmName",
                        "alarmArn",
                        "alarmReason",
                        "alarmTime",
                        "summary",
                        "resume");
        assertThat(message.keySet())
                .doesNotContain(
                        "AlarmName",
                        "NewStateValue",
                        "NewStateReason",
                        "StateChangeTime",
                        "AlarmArn",
                        "AlarmDescription",
                        "Trigger");
        assertThat(message)
                .containsEntry("alarmName", AlarmEvents.ALARM)
                .containsEntry(
                        "alarmArn",
                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + AlarmEvents.ALARM)
                .containsEntry("alarmTime", "2026-12-03T10:15:00.000+0000")
                .containsEntry(
                        "alarmReason",
                        "Threshold Crossed: 1 datapoint [312.0 (03/12/26 10:10:00)] was greater"
                                + " than or equal to the threshold (100.0).");
    }

    /**
     * The recorder is tested with this very message: its sample is what the breaker publishes,
     * subject included.
     */
    @Test
    void theRecordersSampleIsExactlyWhatTheBreakerPublishes() throws Exception {
        // sam build copies this folder alone and runs the tests there, without the repository
        // around it
        assumeTrue(Files.exists(Path.of("..", "template.yaml")), "not inside the repository");
        breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        ObjectMapper json = new ObjectMapper();
        JsonNode sns =
                json.readTree(Files.readString(RECORDERS_SAMPLE))
                        .path("Records")
                        .path(0)
                        .path("Sns");
        assertThat(sns.path("Subject").asText()).isEqualTo(published.get(0)[0]);
        assertThat(json.readTree(sns.path("Message").asText()))
                .isEqualTo(json.readTree(published.get(0)[1]));
    }

    @Test
    void aSecondAlarmWhilePausedPausesNothingNewAndSaysSo() throws Exception {
        breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        CircuitBreaker.Result second = breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        assertThat(second.outcome()).isEqualTo(CircuitBreaker.Outcome.ALREADY_PAUSED);
        assertThat(sending.pauses).isEqualTo(1);
        assertThat(published.get(1)[0])
                .isEqualTo(
                        "ses-feedback-dev: SES sending already paused (configuration set loadtest)");
        assertThat(AlarmEvents.read(published.get(1)[1])).containsEntry("action", "AlreadyPaused");
        assertThat((String) AlarmEvents.read(published.get(1)[1]).get("summary"))
                .startsWith(
                        "Nothing new paused: the SES configuration set loadtest in eu-west-1 (mail sent with it is"
                                + " refused; other mail still goes) was paused already, and now alarm")
                .endsWith("Resume, once the cause is fixed: bin/ses-feedback resume --env dev");
    }

    @Test
    void aChangeToOkOrInsufficientDataPausesAndPublishesNothing() {
        assertThat(List.of("OK", "INSUFFICIENT_DATA"))
                .allSatisfy(
                        state ->
                                assertThat(
                                                breaker.trip(
                                                                AlarmEvent.of(
                                                                        AlarmEvents.inState(state)))
                                                        .outcome())
                                        .isEqualTo(CircuitBreaker.Outcome.IGNORED));

        assertThat(sending.pauses).isZero();
        assertThat(published).isEmpty();
    }

    @Test
    void accountModeNamesTheAccountAndRegionAndTheSubjectStaysWithinSnsLimit() {
        CircuitBreaker account =
                new CircuitBreaker(
                        PauseScope.of("Account", "", "eu-west-1"),
                        "stg",
                        "ses-feedback-stg",
                        new Switch(),
                        (subject, body) -> published.add(new String[] {subject, body}),
                        CLOCK);
        CircuitBreaker longNames =
                new CircuitBreaker(
                        PauseScope.of("ConfigurationSet", "c".repeat(64), "eu-west-1"),
                        "dev",
                        "s".repeat(60),
                        new Switch(),
                        (subject, body) -> published.add(new String[] {subject, body}),
                        CLOCK);

        account.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));
        longNames.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        assertThat(published.get(0)[0])
                .isEqualTo("ses-feedback-stg: SES sending paused (account, eu-west-1)");
        assertThat(published.get(0)[1])
                .contains(
                        "the SES account's sending in eu-west-1 (every send from this account"
                                + " and region is refused)")
                .contains("bin/ses-feedback resume --env stg")
                .doesNotContain("configurationSet");
        assertThat(AlarmEvents.read(published.get(0)[1])).containsEntry("scope", "Account");
        assertThat(published.get(1)[0]).hasSize(100);
    }
}
