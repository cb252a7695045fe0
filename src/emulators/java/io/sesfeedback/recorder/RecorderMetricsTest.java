package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.LambdaEvents;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The function's summary line of each message is a CloudWatch Embedded Metric Format document that
 * carries the recorder's metrics, checked against the specification's required fields
 * ("Specification: Embedded metric format", CloudWatch User Guide).
 */
@Tag("moto")
class RecorderMetricsTest {

    /**
     * The metric values of one line: what CloudWatch would extract, by metric name (Recorded also
     * by Type).
     */
    private static final List<String> METRICS =
            List.of(
                    RecorderMetrics.RECORDED,
                    RecorderMetrics.SUPPRESSIONS,
                    RecorderMetrics.UNRECOGNISED,
                    RecorderMetrics.REDELIVERIES_SKIPPED,
                    RecorderMetrics.DUPLICATES_SKIPPED);

    private RecorderFixture fixture;
    private FeedbackHandler handler;
    private final List<String> functionLog = new ArrayList<>();

    @BeforeEach
    void startTable() {
        fixture = new RecorderFixture();
        handler =
                new FeedbackHandler(
                        fixture.recorder(), RecorderFixture.METRICS_NAMESPACE, functionLog::add);
    }

    @AfterEach
    void stopTable() {
        fixture.close();
    }

    /** The EMF document the handler wrote for the event's one message, validated. */
    private Map<String, Object> handle(InputStream event) {
        functionLog.clear();
        handler.handleRequest(event, OutputStream.nullOutputStream(), new LocalContext());
        assertThat(functionLog).hasSize(1);
        Map<String, Object> document = Json.readObject(functionLog.get(0));
        EmfSpecification.validate(document);
        return document;
    }

    private static Map<String, Long> metrics(Map<String, Object> document) {
        Map<String, Long> values = new HashMap<>();
        for (String name : METRICS) {
            values.put(name, ((Number) document.get(name)).longValue());
        }
        return values;
    }

    @Test
    void permanentBounceIsRecordedByTypeAndCountsTheRecipientsItSuppresses() {
        Map<String, Object> line = handle(EventFiles.event("ses-bounce-permanent.json"));

        assertThat(line)
                .containsEntry("Type", "Bounce")
                .containsEntry("level", "INFO")
                .containsEntry("message", "Recorded feedback");
        assertThat(metrics(line))
                .isEqualTo(
                        Map.of(
                                "Recorded",
                                1L,
                                "Suppressions",
                                3L,
                                "Unrecognised",
                                0L,
                                "RedeliveriesSkipped",
                                0L,
                                "DuplicatesSkipped",
                                0L));
        assertThat(directives(line))
                .containsExactly(
                        Map.of(
                                "Namespace",
                                RecorderFixture.METRICS_NAMESPACE,
                                "Dimensions",
                                List.of(List.of("Type")),
                                "Metrics",
                                List.of(Map.of("Name", "Recorded", "Unit", "Count"))),
                        Map.of(
                                "Namespace",
                                RecorderFixture.METRICS_NAMESPACE,
                                "Dimensions",
                                List.of(List.of()),
                                "Metrics",
                                List.of(
                                        count("Suppressions"),
                                        count("Unrecognised"),
                                        count("RedeliveriesSkipped"),
                                        count("DuplicatesSkipped"))));
    }

    @Test
    void transientBounceAndDeliverySuppressNoOne() {
        assertThat(metrics(handle(EventFiles.event("ses-bounce-transient.json"))))
                .containsEntry("Recorded", 1L)
                .containsEntry("Suppressions", 0L);
        Map<String, Object> delivery = handle(EventFiles.event("event-delivery.json"));
        assertThat(delivery).containsEntry("Type", "Delivery");
        assertThat(metrics(delivery))
                .containsEntry("Recorded", 1L)
                .containsEntry("Suppressions", 0L);
    }

    @Test
    void redeliveryIsCountedAsSkippedNotRecorded() {
        handle(EventFiles.event("ses-complaint.json"));

        Map<String, Object> again = handle(EventFiles.event("ses-complaint.json"));

        assertThat(again).containsEntry("Type", "Complaint").containsEntry("redelivered", true);
        assertThat(metrics(again))
                .isEqualTo(
                        Map.of(
                                "Recorded",
                                0L,
                                "Suppressions",
                                0L,
                                "Unrecognised",
                                0L,
                                "RedeliveriesSkipped",
                                1L,
                                "DuplicatesSkipped",
                                0L));
    }

    @Test
    void copyInTheOtherFormatIsCountedAsDuplicateNotRecorded() {
        SnsMessage notification = EventFiles.message("ses-bounce-permanent.json");
        handle(EventFiles.event("ses-bounce-permanent.json"));

        Map<String, Object> copy = handle(LambdaEvents.sns(EventFiles.inOtherFormat(notification)));

        assertThat(copy).containsEntry("duplicateOf", notification.messageId());
        assertThat(metrics(copy))
                .isEqualTo(
                        Map.of(
                                "Recorded",
                                0L,
                                "Suppressions",
                                0L,
                                "Unrecognised",
                                0L,
                                "RedeliveriesSkipped",
                                0L,
                                "DuplicatesSkipped",
                                1L));
    }

    @Test
    void unrecognisedMessageIsRecordedAsSuchAndCountedForItsAlarmAtEveryDelivery() {
        Map<String, Object> first = handle(EventFiles.event("unrecognised.json"));
        Map<String, Object> again = handle(EventFiles.event("unrecognised.json"));

        assertThat(first).containsEntry("Type", "Unrecognised").containsEntry("level", "WARN");
        assertThat(metrics(first))
                .isEqualTo(
                        Map.of(
                                "Recorded",
                                1L,
                                "Suppressions",
                                0L,
                                "Unrecognised",
                                1L,
                                "RedeliveriesSkipped",
                                0L,
                                "DuplicatesSkipped",
                                0L));
        assertThat(metrics(again))
                .containsEntry("Unrecognised", 1L)
                .containsEntry("RedeliveriesSkipped", 1L)
                .containsEntry("Recorded", 0L);
    }

    @Test
    void timestampIsWhenTheLineIsWritten() {
        long before = System.currentTimeMillis();
        Map<String, Object> line = handle(EventFiles.event("ses-delivery.json"));
        long after = System.currentTimeMillis();

        assertThat(((Number) aws(line).get("Timestamp")).longValue()).isBetween(before, after);
    }

    /**
     * Lambda's JSON log format takes a line's level only from a line with a valid timestamp; else
     * WARN shows as INFO.
     */
    @Test
    void everyLineCarriesAnIsoTimestampBesideItsLevelTheSameInstantAsItsMetrics() {
        Map<String, Object> unrecognised = handle(EventFiles.event("unrecognised.json"));
        Map<String, Object> bounce = handle(EventFiles.event("ses-bounce-permanent.json"));

        for (Map<String, Object> line : List.of(unrecognised, bounce)) {
            assertThat(line).containsKeys("timestamp", "level");
            assertThat(java.time.Instant.parse((String) line.get("timestamp")).toEpochMilli())
                    .isEqualTo(((Number) aws(line).get("Timestamp")).longValue());
        }
        assertThat(unrecognised).containsEntry("level", "WARN");
    }

    @Test
    void validatorRefusesWhatTheSpecificationForbids() {
        Map<String, Object> line = handle(EventFiles.event("ses-delivery.json"));

        assertRefused(without(line, "_aws"), "_aws");
        assertRefused(without(line, "Type"), "Type");
        Map<String, Object> textValue = new HashMap<>(line);
        textValue.put("Recorded", "1");
        assertRefused(textValue, "Recorded");
        Map<String, Object> numericDimension = new HashMap<>(line);
        numericDimension.put("Type", 1);
        assertRefused(numericDimension, "Type");
    }

    private static void assertRefused(Map<String, Object> document, String naming) {
        try {
            EmfSpecification.validate(document);
        } catch (AssertionError refused) {
            assertThat(refused).hasMessageContaining(naming);
            return;
        }
        fail("accepted a document that breaks the specification at " + naming);
    }

    private static Map<String, Object> without(Map<String, Object> document, String member) {
        Map<String, Object> copy = new HashMap<>(document);
        copy.remove(member);
        return copy;
    }

    private static Map<String, Object> count(String name) {
        return Map.of("Name", name, "Unit", "Count");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aws(Map<String, Object> document) {
        return (Map<String, Object>) document.get("_aws");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> directives(Map<String, Object> document) {
        return (List<Map<String, Object>>) aws(document).get("CloudWatchMetrics");
    }

    /**
     * The required fields of the Embedded Metric Format specification: a root object with {@code
     * _aws}, whose {@code Timestamp} is a number of milliseconds and whose {@code
     * CloudWatchMetrics} is an array of directives, each with a {@code Namespace} string (1 to 255
     * characters), {@code Dimensions} (an array of dimension sets, each an array of at most 30
     * dimension keys, every key a top-level member with a string value) and {@code Metrics} (at
     * most 100 definitions, each a {@code Name} that is a top-level member with a number or an
     * array of at most 100 numbers, and an optional {@code Unit} among CloudWatch's units).
     */
    static final class EmfSpecification {

        private static final Set<String> UNITS =
                Set.of(
                        "Seconds",
                        "Microseconds",
                        "Milliseconds",
                        "Bytes",
                        "Kilobytes",
                        "Megabytes",
                        "Gigabytes",
                        "Terabytes",
                        "Bits",
                        "Kilobits",
                        "Megabits",
                        "Gigabits",
                        "Terabits",
                        "Percent",
                        "Count",
                        "Bytes/Second",
                        "Kilobytes/Second",
                        "Megabytes/Second",
                        "Gigabytes/Second",
                        "Terabytes/Second",
                        "Bits/Second",
                        "Kilobits/Second",
                        "Megabits/Second",
                        "Gigabits/Second",
                        "Terabits/Second",
                        "Count/Second",
                        "None");

        private EmfSpecification() {}

        static void validate(Map<String, Object> root) {
            Map<?, ?> metadata = object(root.get("_aws"), "_aws");
            Object timestamp = metadata.get("Timestamp");
            check(
                    timestamp instanceof Number number
                            && number.longValue() > 0
                            && number.doubleValue() == number.longValue(),
                    "_aws.Timestamp must be a number of milliseconds");
            List<?> directives = array(metadata.get("CloudWatchMetrics"), "_aws.CloudWatchMetrics");
            check(!directives.isEmpty(), "_aws.CloudWatchMetrics holds no directive");
            for (Object element : directives) {
                Map<?, ?> directive = object(element, "MetricDirective");
                check(
                        directive.get("Namespace") instanceof String namespace
                                && !namespace.isEmpty()
                                && namespace.length() <= 255,
                        "MetricDirective.Namespace must be a string of 1 to 255 characters");
                for (Object set :
                        array(directive.get("Dimensions"), "MetricDirective.Dimensions")) {
                    List<?> keys = array(set, "DimensionSet");
                    check(keys.size() <= 30, "DimensionSet holds more than 30 keys");
                    for (Object key : keys) {
                        check(
                                key instanceof String,
                                "DimensionSet holds a key that is not a string: " + key);
                        check(
                                root.get(key) instanceof String,
                                "dimension " + key + " must be a top-level string member");
                    }
                }
                List<?> definitions = array(directive.get("Metrics"), "MetricDirective.Metrics");
                check(
                        definitions.size() <= 100,
                        "MetricDirective.Metrics holds more than 100 definitions");
                for (Object element2 : definitions) {
                    Map<?, ?> definition = object(element2, "MetricDefinition");
                    check(
                            definition.get("Name") instanceof String,
                            "MetricDefinition.Name must be a string");
                    Object name = definition.get("Name");
                    check(
                            definition.get("Unit") == null
                                    || UNITS.contains(definition.get("Unit")),
                            "metric "
                                    + name
                                    + " has a unit CloudWatch does not know: "
                                    + definition.get("Unit"));
                    Object value = root.get(name);
                    boolean numbers =
                            value instanceof List<?> list
                                    && list.size() <= 100
                                    && list.stream().allMatch(Number.class::isInstance);
                    check(
                            value instanceof Number || numbers,
                            "metric " + name + " must be a top-level number");
                }
            }
        }

        private static Map<?, ?> object(Object value, String what) {
            check(value instanceof Map, what + " must be an object");
            return (Map<?, ?>) value;
        }

        private static List<?> array(Object value, String what) {
            check(value instanceof List, what + " must be an array");
            return (List<?>) value;
        }

        private static void check(boolean holds, String rule) {
            if (!holds) {
                throw new AssertionError("Not an EMF document: " + rule);
            }
        }
    }
}
