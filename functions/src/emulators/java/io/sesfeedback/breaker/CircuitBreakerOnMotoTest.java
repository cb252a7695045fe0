package io.sesfeedback.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.support.Environment;
import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.testing.iam.RecordedCalls;
import io.sesfeedback.testing.moto.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ConfigurationSetAttribute;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The breaker on moto: SES v1's sending switches (moto_ses.py adds them) and the feedback topic,
 * read through a queue subscribed to it. The calls of each mode against the function's role:
 * CircuitBreakerPermissionsTest.
 */
@Tag("moto")
class CircuitBreakerOnMotoTest {

    static final String STACK = "ses-feedback-dev";
    static final String CONFIGURATION_SET = "loadtest";
    static final String TOPIC =
            "arn:aws:sns:"
                    + MotoServer.REGION.id()
                    + ":"
                    + MotoServer.ACCOUNT
                    + ":"
                    + STACK
                    + "-feedback";

    private static MotoServer moto;
    private static SesClient ses;
    private static MotoInbox inbox;
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void topicQueueAndTwoConfigurationSets() throws Exception {
        moto = MotoServer.start();
        ses = moto.ses();
        inbox = MotoInbox.subscribe(moto, "inbox");
        ses.createConfigurationSet(r -> r.configurationSet(c -> c.name(CONFIGURATION_SET)));
        ses.createConfigurationSet(r -> r.configurationSet(c -> c.name("another-sender")));
    }

    @AfterEach
    void sendingOnAgain() {
        ses.updateAccountSendingEnabled(r -> r.enabled(true));
        List.of(CONFIGURATION_SET, "another-sender")
                .forEach(
                        name ->
                                ses.updateConfigurationSetSendingEnabled(
                                        r -> r.configurationSetName(name).enabled(true)));
    }

    @AfterAll
    static void stop() throws Exception {
        ses.close();
        inbox.close();
        moto.close();
    }

    private CircuitBreakerHandler handler(String autoPause, String configurationSet) {
        return handler(
                moto,
                autoPause,
                configurationSet,
                new RecordedCalls(MotoServer.REGION.id(), MotoServer.ACCOUNT),
                lines::add);
    }

    /**
     * The handler as the function's environment in this mode wires it, on moto; its clients' calls
     * go to {@code calls}.
     */
    static CircuitBreakerHandler handler(
            MotoServer moto,
            String autoPause,
            String configurationSet,
            RecordedCalls calls,
            Consumer<String> lines) {
        Map<String, String> environment =
                new HashMap<>(
                        Map.of(
                                "AWS_REGION",
                                MotoServer.REGION.id(),
                                "AUTO_PAUSE",
                                autoPause,
                                "CONFIGURATION_SET",
                                configurationSet,
                                "ENVIRONMENT",
                                "dev",
                                "STACK_NAME",
                                STACK,
                                "TOPIC_ARN",
                                TOPIC,
                                "CONFIGURATION_SET_ARN_PREFIX",
                                "arn:aws:ses:"
                                        + MotoServer.REGION.id()
                                        + ":"
                                        + MotoServer.ACCOUNT
                                        + ":configuration-set/"));
        return new CircuitBreakerHandler(
                CircuitBreakerHandler.breaker(
                        new Environment(environment, CircuitBreakerHandler.FUNCTION),
                        moto.ses(calls),
                        moto.client(SnsClient.builder(), calls)),
                new FunctionLog(lines, Clock.systemUTC()));
    }

    private static boolean sends(String configurationSet) {
        return ses.describeConfigurationSet(
                        r ->
                                r.configurationSetName(configurationSet)
                                        .configurationSetAttributeNames(
                                                ConfigurationSetAttribute.REPUTATION_OPTIONS))
                .reputationOptions()
                .sendingEnabled();
    }

    private static List<Map<String, Object>> published() {
        return inbox.published();
    }

    @Test
    void configurationSetModePausesOnlyTheStacksSetThenASecondAlarmPausesNothingNew() {
        CircuitBreakerHandler handler = handler("ConfigurationSet", CONFIGURATION_SET);

        assertThat(handler.handleRequest(AlarmEvents.inState("ALARM"), null)).isEqualTo("PAUSED");
        assertThat(sends(CONFIGURATION_SET)).isFalse();
        assertThat(sends("another-sender")).isTrue();
        assertThat(ses.getAccountSendingEnabled().enabled()).isTrue();
        assertThat(published())
                .singleElement()
                .satisfies(
                        message ->
                                assertThat(message)
                                        .containsEntry("notificationType", "CircuitBreaker")
                                        .containsEntry("action", "Paused")
                                        .containsEntry("configurationSet", CONFIGURATION_SET)
                                        .containsEntry(
                                                "resume", "bin/ses-feedback resume --env dev"));

        assertThat(handler.handleRequest(AlarmEvents.inState("ALARM"), null))
                .isEqualTo("ALREADY_PAUSED");
        assertThat(sends(CONFIGURATION_SET)).isFalse();
        assertThat(published())
                .singleElement()
                .satisfies(message -> assertThat(message).containsEntry("action", "AlreadyPaused"));
    }

    @Test
    void accountModePausesTheAccountsSendingThenASecondAlarmPausesNothingNew() {
        CircuitBreakerHandler handler = handler("Account", "");

        assertThat(handler.handleRequest(AlarmEvents.inState("ALARM"), null)).isEqualTo("PAUSED");
        assertThat(ses.getAccountSendingEnabled().enabled()).isFalse();
        assertThat(handler.handleRequest(AlarmEvents.inState("ALARM"), null))
                .isEqualTo("ALREADY_PAUSED");

        assertThat(published().stream().map(message -> String.valueOf(message.get("action"))))
                .containsExactlyInAnyOrder("Paused", "AlreadyPaused");
        assertThat(lines)
                .hasSize(2)
                .allSatisfy(
                        line ->
                                assertThat(AlarmEvents.read(line))
                                        .containsEntry("scope", "ACCOUNT"));
    }

    /**
     * SES's own error, through the real client: one line naming it, and thrown for Lambda's retry.
     */
    @Test
    void aConfigurationSetSesDoesNotKnowIsOneErrorLineNamingSesError() {
        CircuitBreakerHandler handler = handler("ConfigurationSet", "deleted-meanwhile");

        assertThatThrownBy(() -> handler.handleRequest(AlarmEvents.inState("ALARM"), null))
                .isInstanceOf(FailedCall.class);

        assertThat(lines)
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(AlarmEvents.read(line))
                                        .containsEntry("failure", "OTHER")
                                        .containsEntry("action", "ses:DescribeConfigurationSet")
                                        .containsEntry(
                                                "resource",
                                                "arn:aws:ses:eu-west-1:123456789012:configuration-set/deleted-meanwhile")
                                        .containsEntry(
                                                "error",
                                                "ConfigurationSetDoesNotExist: Configuration set <deleted-meanwhile> does not exist."));
        assertThat(published()).isEmpty();
    }
}
