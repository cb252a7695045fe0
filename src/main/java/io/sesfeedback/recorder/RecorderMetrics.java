package io.sesfeedback.recorder;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.notification.StatusChange;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorder's CloudWatch metrics, embedded in the function's summary line of each message as a
 * CloudWatch Embedded Metric Format (EMF) document: CloudWatch Logs extracts them from the log
 * event, so they cost no API call. Each message adds 1 to exactly one of {@value #RECORDED} (by
 * {@value #TYPE}), {@value #REDELIVERIES_SKIPPED} and {@value #DUPLICATES_SKIPPED}; every metric is
 * written on every line, zeros included, so that a sum over a period is a count of messages and a
 * period with messages has data.
 *
 * <ul>
 *   <li>{@value #RECORDED}: a message stored for the first time that is not a copy of an SES event
 *       another message holds, by {@value #TYPE} (the stored type's label, {@code Unrecognised}
 *       included);
 *   <li>{@value #SUPPRESSIONS}: the recipients a recorded permanent bounce or complaint suppresses
 *       (an address suppressed before counts again), and those a transient bounce suppresses as the
 *       last of a run;
 *   <li>{@value #UNRECOGNISED}: a message kept raw only, at every delivery: its alarm must not miss
 *       one whose first attempt failed after its save;
 *   <li>{@value #REDELIVERIES_SKIPPED}: a message recorded before (SNS redelivery, or Lambda's
 *       retry after a failure that came after the save);
 *   <li>{@value #DUPLICATES_SKIPPED}: a copy, in the other SES format, of an event another message
 *       holds.
 * </ul>
 */
final class RecorderMetrics {

    static final String TYPE = "Type";
    static final String RECORDED = "Recorded";
    static final String SUPPRESSIONS = "Suppressions";
    static final String UNRECOGNISED = "Unrecognised";
    static final String REDELIVERIES_SKIPPED = "RedeliveriesSkipped";
    static final String DUPLICATES_SKIPPED = "DuplicatesSkipped";

    private static final List<String> UNDIMENSIONED =
            List.of(SUPPRESSIONS, UNRECOGNISED, REDELIVERIES_SKIPPED, DUPLICATES_SKIPPED);

    private final String namespace;

    /** The same on every line: built once. */
    private final List<Map<String, Object>> directives;

    RecorderMetrics(String namespace) {
        this.namespace = namespace;
        this.directives =
                List.of(
                        directive(List.of(TYPE), List.of(RECORDED)),
                        directive(List.of(), UNDIMENSIONED));
    }

    /**
     * Adds the metadata, the {@value #TYPE} dimension and the metric values of {@code outcome},
     * written {@code at}.
     */
    void embed(FeedbackRecorder.Outcome outcome, Map<String, Object> line, Instant at) {
        FeedbackMessage message = outcome.message();
        boolean duplicate = !outcome.redelivered() && outcome.duplicateOf() != null;
        boolean recorded = !outcome.redelivered() && !duplicate;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("Timestamp", at.toEpochMilli());
        metadata.put("CloudWatchMetrics", directives);
        line.put("_aws", metadata);
        line.put(TYPE, message.type().label());
        line.put(RECORDED, recorded ? 1 : 0);
        line.put(
                SUPPRESSIONS,
                (recorded ? suppressions(message) : 0) + outcome.softBounceSuppressions());
        line.put(UNRECOGNISED, message.type() == MessageType.UNRECOGNISED ? 1 : 0);
        line.put(REDELIVERIES_SKIPPED, outcome.redelivered() ? 1 : 0);
        line.put(DUPLICATES_SKIPPED, duplicate ? 1 : 0);
    }

    private Map<String, Object> directive(List<String> dimensions, List<String> metrics) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(dimensions));
        directive.put("Metrics", metrics.stream().map(RecorderMetrics::count).toList());
        return Collections.unmodifiableMap(directive);
    }

    private static Map<String, Object> count(String name) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("Name", name);
        definition.put("Unit", "Count");
        return definition;
    }

    private static long suppressions(FeedbackMessage message) {
        return message.recipients().stream()
                .filter(
                        recipient ->
                                message.statusChangeFor(recipient)
                                        .filter(StatusChange::suppresses)
                                        .isPresent())
                .count();
    }
}
