package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breaker's decision and message, with a sending switch and a topic in memory. */
class CircuitBreakerTest {

    private static final PauseScope CONFIGURATION_SET = PauseScope.of("ConfigurationSet", "loadtest", "eu-west-1");

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
    private final CircuitBreaker breaker = new CircuitBreaker(CONFIGURATION_SET, "dev", "ses-feedback-dev", sending,
            (subject, body) -> published.add(new String[] {subject, body}));

    @Test
    void anAlarmPausesTheConfigurationSetAndSaysWhatWhyAndTheCommandThatResumes() throws Exception {
        CircuitBreaker.Result result = breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        assertThat(result.outcome()).isEqualTo(CircuitBreaker.Outcome.PAUSED);
        assertThat(sending.enabled).isFalse();
        assertThat(published).hasSize(1);
        assertThat(published.get(0)[0]).isEqualTo("ses-feedback-dev: SES sending paused (configuration set loadtest)");
        Map<String, Object> message = AlarmEvents.read(published.get(0)[1]);
        assertThat(message.get("AlarmDescription")).isEqualTo("ses-feedback paused the SES configuration set loadtest in"
                + " eu-west-1 (mail sent with it is refused; other mail still goes), because alarm"
                + " ses-feedback-dev-auto-pause-bounce-count went to ALARM: Threshold Crossed: 1 datapoint [312.0"
                + " (03/12/26 10:10:00)] was greater than or equal to the threshold (100.0). Find the cause"
                + " (bin/ses-feedback report --env dev), then resume: bin/ses-feedback resume --env dev");
        assertThat(message.get("AutoPause")).isEqualTo(Map.of("outcome", "Paused", "scope", "ConfigurationSet",
                "configurationSet", "loadtest", "region", "eu-west-1", "resume", "bin/ses-feedback resume --env dev"));
    }

    /** The inbox's filter passes a body with AlarmName; the recorder stores one with AlarmName and NewStateValue as an alarm. */
    @Test
    void theMessageIsTheAlarmsStateChangeAsCloudWatchPublishesIt() throws Exception {
        breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        Map<String, Object> message = AlarmEvents.read(published.get(0)[1]);
        assertThat(message).containsEntry("AlarmName", AlarmEvents.ALARM)
                .containsEntry("NewStateValue", "ALARM")
                .containsEntry("StateChangeTime", "2026-12-03T10:15:00.000+0000")
                .containsEntry("AlarmArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + AlarmEvents.ALARM)
                .containsKey("NewStateReason");
    }

    @Test
    void aSecondAlarmWhilePausedPausesNothingNewAndSaysSo() throws Exception {
        breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        CircuitBreaker.Result second = breaker.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        assertThat(second.outcome()).isEqualTo(CircuitBreaker.Outcome.ALREADY_PAUSED);
        assertThat(sending.pauses).isEqualTo(1);
        assertThat(published.get(1)[0]).isEqualTo("ses-feedback-dev: SES sending already paused (configuration set loadtest)");
        assertThat((String) AlarmEvents.read(published.get(1)[1]).get("AlarmDescription"))
                .startsWith("Nothing new paused: the SES configuration set loadtest in eu-west-1 (mail sent with it is"
                        + " refused; other mail still goes) was paused already, and now alarm")
                .endsWith("Resume, once the cause is fixed: bin/ses-feedback resume --env dev");
    }

    @Test
    void aChangeToOkOrInsufficientDataPausesAndPublishesNothing() {
        assertThat(List.of("OK", "INSUFFICIENT_DATA")).allSatisfy(state -> assertThat(
                breaker.trip(AlarmEvent.of(AlarmEvents.inState(state))).outcome()).isEqualTo(CircuitBreaker.Outcome.IGNORED));

        assertThat(sending.pauses).isZero();
        assertThat(published).isEmpty();
    }

    @Test
    void accountModeNamesTheAccountAndRegionAndTheSubjectStaysWithinSnsLimit() {
        CircuitBreaker account = new CircuitBreaker(PauseScope.of("Account", "", "eu-west-1"), "stg",
                "ses-feedback-stg", new Switch(), (subject, body) -> published.add(new String[] {subject, body}));
        CircuitBreaker longNames = new CircuitBreaker(PauseScope.of("ConfigurationSet", "c".repeat(64), "eu-west-1"),
                "dev", "s".repeat(60), new Switch(), (subject, body) -> published.add(new String[] {subject, body}));

        account.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));
        longNames.trip(AlarmEvent.of(AlarmEvents.inState("ALARM")));

        assertThat(published.get(0)[0]).isEqualTo("ses-feedback-stg: SES sending paused (account, eu-west-1)");
        assertThat(published.get(0)[1]).contains("the SES account's sending in eu-west-1 (every send from this account"
                + " and region is refused)").contains("bin/ses-feedback resume --env stg").doesNotContain("configurationSet");
        assertThat(published.get(1)[0]).hasSize(100);
    }
}
