package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.EventPatterns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stack's EventBridge rules, their patterns evaluated (EventPatterns) against SES's events: the
 * email rule takes the ten email detail types, the status rule the five status types, and neither
 * takes SES's API calls (also source aws.ses) or another source's event. Then the email inbox's
 * filter policy, evaluated on a status event as the topic delivers it (the event as the message
 * body). Samples in src/test/resources/.../template/eventbridge (their README says where each comes
 * from), and events/eventbridge-*.json when the recorder's samples are there.
 */
class EventBridgeRulesTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(Path.of("template.yaml"));
    private static final Path SAMPLES =
            Path.of("stack-tests/src/test/resources/io/sesfeedback/template/eventbridge");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HUB_CONDITIONS = Set.of("ForwardsToHub", "IsHub");

    /** The EventBridge event reference for SES (events-ref-ses.html), its email events. */
    static final List<String> EMAIL_DETAIL_TYPES =
            List.of(
                    "Email Sent",
                    "Email Delivered",
                    "Email Bounced",
                    "Email Complaint Received",
                    "Email Rejected",
                    "Email Opened",
                    "Email Clicked",
                    "Email Rendering Failed",
                    "Email Delivery Delayed",
                    "Email Subscribed");

    /**
     * The same reference's status events, and "…Closed", which the SES Developer Guide's tenants
     * page names instead of Resolved.
     */
    static final List<String> STATUS_DETAIL_TYPES =
            List.of(
                    "Sending Status Enabled",
                    "Sending Status Disabled",
                    "Advisor Recommendation Status Open",
                    "Advisor Recommendation Status Resolved",
                    "Advisor Recommendation Status Closed");

    static Stream<String> emailDetailTypes() {
        return EMAIL_DETAIL_TYPES.stream();
    }

    static Stream<String> statusDetailTypes() {
        return STATUS_DETAIL_TYPES.stream();
    }

    @ParameterizedTest
    @MethodSource("emailDetailTypes")
    void theEmailRuleTakesEachEmailEventAndTheStatusRuleDoesNot(String detailType) {
        Map<String, Object> event = sample("email-bounced.json");
        event.put("detail-type", detailType);

        assertThat(EventPatterns.matches(pattern("SesEmailEventsRule"), event)).isTrue();
        assertThat(EventPatterns.matches(pattern("SesStatusEventsRule"), event)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("statusDetailTypes")
    void theStatusRuleTakesEachStatusEventAndTheEmailRuleDoesNot(String detailType) {
        Map<String, Object> event = sample("sending-status-disabled.json");
        event.put("detail-type", detailType);

        assertThat(EventPatterns.matches(pattern("SesStatusEventsRule"), event)).isTrue();
        assertThat(EventPatterns.matches(pattern("SesEmailEventsRule"), event)).isFalse();
    }

    @Test
    void everySampleGoesToTheRuleOfItsKindAndNoneToBoth() {
        Map<String, String> expected =
                Map.of(
                        "email-bounced.json", "SesEmailEventsRule",
                        "email-complaint-received.json", "SesEmailEventsRule",
                        "sending-status-disabled.json", "SesStatusEventsRule",
                        "advisor-recommendation-status-open.json", "SesStatusEventsRule");

        expected.forEach(
                (file, rule) ->
                        assertThat(rulesTaking(sample(file))).as(file).containsExactly(rule));
    }

    /**
     * Every configuration set of the account publishes to the one default bus: a dev stack must not
     * record the prod set's mail.
     */
    @Test
    void anotherConfigurationSetsEmailEventReachesNoRuleOfThisStack() {
        Map<String, Object> bounce = sample("email-bounced.json");

        assertThat(EventPatterns.matches(pattern("SesEmailEventsRule", "ConfigSet"), bounce))
                .isTrue();
        assertThat(
                        EventPatterns.matches(
                                pattern("SesEmailEventsRule", "ses-feedback-prod"), bounce))
                .isFalse();
    }

    /** aws.ses also carries SES's API calls through CloudTrail (events-ref-ses.html). */
    @Test
    void sesApiCallsThroughCloudTrailReachNeitherRule() {
        assertThat(rulesTaking(sample("ses-api-call-via-cloudtrail.json"))).isEmpty();
    }

    /**
     * Only AWS puts aws.* sources on the bus (eb-events.html: a customer's source may not begin
     * with "aws."); an application's event named like SES's reaches neither rule.
     */
    @Test
    void anotherSourcesEventOfTheSameDetailTypeReachesNeitherRule() {
        Map<String, Object> bounce = sample("email-bounced.json");
        bounce.put("source", "com.example.mailer");
        Map<String, Object> status = sample("sending-status-disabled.json");
        status.put("source", "com.example.mailer");

        assertThat(rulesTaking(bounce)).isEmpty();
        assertThat(rulesTaking(status)).isEmpty();
    }

    /** The recorder's EventBridge samples, when that change has landed. */
    @Test
    void everyEventBridgeSampleOfTheRecorderReachesTheRuleOfItsKind() throws IOException {
        Path events = Path.of("events");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(events)) {
            try (DirectoryStream<Path> found =
                    Files.newDirectoryStream(events, "eventbridge-*.json")) {
                found.forEach(files::add);
            }
        }
        for (Path file : files) {
            Map<String, Object> event = read(file);
            String detailType = String.valueOf(event.get("detail-type"));
            String rule =
                    EMAIL_DETAIL_TYPES.contains(detailType)
                            ? "SesEmailEventsRule"
                            : STATUS_DETAIL_TYPES.contains(detailType)
                                    ? "SesStatusEventsRule"
                                    : null;
            if (rule != null) {
                assertThat(rulesTaking(event)).as(file.toString()).containsExactly(rule);
            }
        }
    }

    @Test
    void eachRuleNamesSourceAndDetailTypesOnly() {
        assertThat(pattern("SesEmailEventsRule", "ses-feedback-dev"))
                .isEqualTo(
                        Map.of(
                                "source",
                                List.of("aws.ses"),
                                "detail-type",
                                EMAIL_DETAIL_TYPES,
                                "detail",
                                Map.of(
                                        "mail",
                                        Map.of(
                                                "tags",
                                                Map.of(
                                                        "ses:configuration-set",
                                                        List.of("ses-feedback-dev"))))));
        assertThat(pattern("SesStatusEventsRule"))
                .isEqualTo(
                        Map.of("source", List.of("aws.ses"), "detail-type", STATUS_DETAIL_TYPES));
    }

    /**
     * The topic delivers the status event as its message body, and the inbox's MessageBody filter
     * policy lets it through: each $or branch evaluated by EventBridge's rules, which SNS's
     * payload-based filtering shares for exact strings and exists (SNS Developer Guide,
     * "Subscription filter policies"). A delivery still stays out of the inbox.
     */
    @ParameterizedTest
    @MethodSource("statusDetailTypes")
    void theEmailInboxGetsEveryStatusEvent(String detailType) {
        Map<String, Object> status = sample("sending-status-disabled.json");
        status.put("detail-type", detailType);

        assertThat(inboxTakes(status)).isTrue();
        assertThat(inboxTakes(Map.of("eventType", "Delivery"))).isFalse();
        assertThat(inboxTakes(Map.of("eventType", "Bounce"))).isTrue();
    }

    private static boolean inboxTakes(Map<String, Object> body) {
        Map<String, Object> policy =
                CloudFormationTemplate.map(
                        TEMPLATE.properties("AlarmEmailSubscription").get("FilterPolicy"),
                        "FilterPolicy");
        assertThat(TEMPLATE.properties("AlarmEmailSubscription"))
                .containsEntry("FilterPolicyScope", "MessageBody");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> branches = (List<Map<String, Object>>) policy.get("$or");
        return branches.stream().anyMatch(branch -> EventPatterns.matches(branch, body));
    }

    /** The rules of a stack on its own: the hub's are HubEventPatternsTest's. */
    private static List<String> rulesTaking(Map<String, Object> event) {
        return TEMPLATE.resourcesOfType("AWS::Events::Rule").stream()
                .filter(rule -> !HUB_CONDITIONS.contains(TEMPLATE.resource(rule).get("Condition")))
                .filter(
                        rule ->
                                EventPatterns.matches(
                                        pattern(rule, configurationSetOf(event)), event))
                .toList();
    }

    /** The rule's pattern in a stack whose configuration set is the samples' own, ConfigSet. */
    private static Map<String, Object> pattern(String rule) {
        return pattern(rule, "ConfigSet");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pattern(String rule, String configurationSet) {
        Intrinsics stack =
                new Intrinsics(
                        TEMPLATE,
                        "ses-feedback-dev",
                        "eu-west-1",
                        Map.of(
                                "Environment",
                                "dev",
                                "ConfigurationSetName",
                                configurationSet,
                                "ConfigurationSetDestination",
                                "EventBridge"));
        return (Map<String, Object>) stack.property(rule, "EventPattern").orElseThrow();
    }

    /** The configuration set an email event names, ConfigSet for any other event. */
    @SuppressWarnings("unchecked")
    private static String configurationSetOf(Map<String, Object> event) {
        if (event.get("detail") instanceof Map<?, ?> detail
                && detail.get("mail") instanceof Map<?, ?> mail
                && mail.get("tags") instanceof Map<?, ?> tags
                && tags.get("ses:configuration-set") instanceof List<?> sets) {
            return (String) sets.get(0);
        }
        return "ConfigSet";
    }

    private static Map<String, Object> sample(String file) {
        try {
            return read(SAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(Path file) throws IOException {
        return new LinkedHashMap<>(
                JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {}));
    }
}
