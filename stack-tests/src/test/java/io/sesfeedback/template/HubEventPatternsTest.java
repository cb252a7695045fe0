package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.EventPatterns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's three rules, their patterns resolved for a stack (the forwarding rule's alarm-name
 * prefix is the stack's name) and evaluated (EventPatterns) against the documented samples in
 * events/: SES's email and status events (events-ref-ses.html), the account watcher's "Account
 * Status Changed", and CloudWatch's "CloudWatch Alarm State Change" (events-ref-cloudwatch.html,
 * its sample as it stands). A member forwards what the hub records and alerts on, and nothing else
 * of its bus; the hub records all of it and alerts on the status events, the account watcher's
 * messages and alarms going to ALARM or OK.
 */
class HubEventPatternsTest {

    private static final String STACK = "ses-feedback-dev";
    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("template.yaml"));
    private static final Intrinsics VALUES =
            new Intrinsics(TEMPLATE, STACK, "eu-west-1", Map.of("Environment", "dev"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FORWARDING = "HubForwardingRule";
    private static final String FEEDBACK = "HubFeedbackRule";
    private static final String ALERTS = "HubAlertsRule";

    static Stream<String> emailDetailTypes() {
        return EventBridgeRulesTest.EMAIL_DETAIL_TYPES.stream();
    }

    static Stream<String> statusDetailTypes() {
        return EventBridgeRulesTest.STATUS_DETAIL_TYPES.stream();
    }

    @ParameterizedTest
    @MethodSource("emailDetailTypes")
    void givenAnSesEmailEventThenTheMemberForwardsItAndTheHubRecordsItWithoutAnAlert(
            String detailType) {
        Map<String, Object> event = sample("eventbridge-bounce.json");
        event.put("detail-type", detailType);

        assertThat(rulesTaking(event)).containsExactly(FORWARDING, FEEDBACK);
    }

    @ParameterizedTest
    @MethodSource("statusDetailTypes")
    void givenAnSesStatusEventThenTheMemberForwardsItAndTheHubRecordsAndAlerts(String detailType) {
        Map<String, Object> event = sample("eventbridge-sending-status-disabled.json");
        event.put("detail-type", detailType);

        assertThat(rulesTaking(event)).containsExactly(FORWARDING, FEEDBACK, ALERTS);
    }

    @Test
    void givenTheSamplesOfSesThenEachReachesTheRulesOfItsKind() {
        for (String email :
                List.of(
                        "eventbridge-bounce.json",
                        "eventbridge-complaint.json",
                        "eventbridge-delivery.json")) {
            assertThat(rulesTaking(sample(email))).as(email).containsExactly(FORWARDING, FEEDBACK);
        }
        for (String status :
                List.of(
                        "eventbridge-sending-status-disabled.json",
                        "eventbridge-sending-status-enabled.json",
                        "eventbridge-advisor-recommendation-open.json",
                        "eventbridge-advisor-recommendation-resolved.json")) {
            assertThat(rulesTaking(sample(status)))
                    .as(status)
                    .containsExactly(FORWARDING, FEEDBACK, ALERTS);
        }
    }

    @Test
    void givenTheAccountWatchersMessageThenTheMemberForwardsItAndTheHubRecordsAndAlerts() {
        assertThat(rulesTaking(sample("eventbridge-account-status-changed.json")))
                .containsExactly(FORWARDING, FEEDBACK, ALERTS);
    }

    /** aws.ses also carries SES's API calls through CloudTrail (events-ref-ses.html). */
    @Test
    void givenAnSesApiCallThroughCloudTrailThenNoHubRuleTakesIt() {
        assertThat(rulesTaking(sample("eventbridge-cloudtrail-api-call.json"))).isEmpty();
    }

    /**
     * Only AWS puts aws.* sources on a bus and only the watcher names ses-feedback: an
     * application's event of the same detail type goes nowhere.
     */
    @Test
    void givenAnotherSourceWithTheSameDetailTypeThenNoHubRuleTakesIt() {
        Map<String, Object> status = sample("eventbridge-account-status-changed.json");
        status.put("source", "com.example.mailer");
        Map<String, Object> alarm = thisStacksAlarm("ALARM");
        alarm.put("source", "com.example.mailer");

        assertThat(rulesTaking(status)).isEmpty();
        assertThat(rulesTaking(alarm)).isEmpty();
    }

    /**
     * Every alarm of the member's account changes state on its default bus: the member forwards its
     * stack's own (named STACK-...), and the hub takes what members forward whatever their stack's
     * name.
     */
    @Test
    void givenAnotherStacksAlarmThenTheMemberDoesNotForwardItButTheHubWouldTakeIt() {
        Map<String, Object> documented = sample("eventbridge-alarm-state-change.json");

        assertThat(rulesTaking(documented)).containsExactly(FEEDBACK, ALERTS);
        assertThat(rulesTaking(thisStacksAlarm("ALARM")))
                .containsExactly(FORWARDING, FEEDBACK, ALERTS);
    }

    @Test
    void givenAnAlarmOfAStackWhoseNameOnlyStartsLikeThisOnesThenTheMemberDoesNotForwardIt() {
        Map<String, Object> alarm = thisStacksAlarm("ALARM");
        detail(alarm).put("alarmName", STACK + "extra-bounce-rate");

        assertThat(rulesTaking(alarm)).doesNotContain(FORWARDING);
    }

    /** Whatever alarm the stack has, its state changes reach the hub. */
    @Test
    void givenEveryAlarmOfTheStackThenTheMemberForwardsItsStateChanges() {
        List<String> alarms = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm");

        assertThat(alarms).hasSizeGreaterThan(20);
        for (String alarm : alarms) {
            Map<String, Object> change = thisStacksAlarm("ALARM");
            detail(change).put("alarmName", VALUES.property(alarm, "AlarmName").orElseThrow());

            assertThat(rulesTaking(change)).as(alarm).contains(FORWARDING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALARM", "OK"})
    void givenAnAlarmGoingToAlarmOrOkThenTheHubAlerts(String state) {
        assertThat(rulesTaking(thisStacksAlarm(state))).contains(ALERTS);
    }

    /** INSUFFICIENT_DATA is a gap in the data, not news for the inbox; it is still recorded. */
    @Test
    void givenAnAlarmGoingToInsufficientDataThenTheHubRecordsItWithoutAnAlert() {
        assertThat(rulesTaking(thisStacksAlarm("INSUFFICIENT_DATA")))
                .containsExactly(FORWARDING, FEEDBACK);
    }

    /**
     * The hub's topic delivers each alert whole as its message body; the inbox's MessageBody filter
     * policy lets the account watcher's message and the alarm state change through, as it does
     * SES's status events (EventBridgeRulesTest).
     */
    @Test
    void givenAnAlertOnTheHubsTopicThenTheEmailInboxGetsIt() {
        assertThat(inboxTakes(sample("eventbridge-account-status-changed.json"))).isTrue();
        assertThat(inboxTakes(thisStacksAlarm("ALARM"))).isTrue();
        assertThat(inboxTakes(thisStacksAlarm("OK"))).isTrue();
    }

    /** The member forwards to the hub what the hub's rules take, and no kind more. */
    @Test
    void theForwardingRulesBranchesAreTheHubFeedbackRulesWithTheStacksAlarmPrefix() {
        List<Map<String, Object>> forwarding = branches(FORWARDING);
        List<Map<String, Object>> feedback = branches(FEEDBACK);

        assertThat(forwarding).hasSize(3);
        assertThat(forwarding.subList(0, 2)).isEqualTo(feedback.subList(0, 2));
        Map<String, Object> alarms = new LinkedHashMap<>(forwarding.get(2));
        assertThat(alarms.remove("detail"))
                .isEqualTo(Map.of("alarmName", List.of(Map.of("prefix", STACK + "-"))));
        assertThat(alarms).isEqualTo(feedback.get(2));
        assertThat(branches(FEEDBACK).get(0).get("detail-type"))
                .isEqualTo(Stream.concat(emailDetailTypes(), statusDetailTypes()).toList());
    }

    private static Map<String, Object> thisStacksAlarm(String state) {
        Map<String, Object> alarm = sample("eventbridge-alarm-state-change.json");
        detail(alarm).put("alarmName", STACK + "-bounce-rate");
        @SuppressWarnings("unchecked")
        Map<String, Object> now = (Map<String, Object>) detail(alarm).get("state");
        now.put("value", state);
        return alarm;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    private static boolean inboxTakes(Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> branches =
                (List<Map<String, Object>>)
                        VALUES.property("AlarmEmailSubscription", "FilterPolicy.$or").orElseThrow();
        return branches.stream().anyMatch(branch -> EventPatterns.matches(branch, body));
    }

    /** The hub's rules that take the event, in template order. */
    private static List<String> rulesTaking(Map<String, Object> event) {
        return Stream.of(FORWARDING, FEEDBACK, ALERTS)
                .filter(rule -> EventPatterns.matches(pattern(rule), event))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pattern(String rule) {
        return (Map<String, Object>) VALUES.property(rule, "EventPattern").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> branches(String rule) {
        return (List<Map<String, Object>>) pattern(rule).get("$or");
    }

    private static Map<String, Object> sample(String file) {
        try {
            return JSON.readValue(
                    Path.of("events", file).toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
