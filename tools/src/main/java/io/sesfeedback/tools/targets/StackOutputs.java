package io.sesfeedback.tools.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a deployed stack's outputs name: the feedback table, its log group, topic and redrive
 * queues.
 */
public record StackOutputs(Map<String, String> values) {

    public static final String TABLE = "FeedbackTableName";
    public static final String QUEUE = "FailedFeedbackQueueUrl";
    public static final String UNDELIVERED_QUEUE = "UndeliveredFeedbackQueueUrl";
    public static final String UNDELIVERED_EVENTS_QUEUE = "UndeliveredEventsQueueUrl";
    public static final String LOG_GROUP = "FeedbackLogGroupName";
    public static final String TOPIC = "FeedbackTopicArn";
    static final StackOutputs NONE = new StackOutputs(Map.of());

    /**
     * A queue redrive reads: the failed-feedback queue (Lambda's on-failure records) or the
     * undelivered-feedback queue.
     */
    public record Queue(String name, String url) {}

    public String get(String output) {
        return values.get(output);
    }

    /**
     * The stack's redrive queues, failed-feedback first; a stack deployed before the
     * undelivered-feedback or undelivered-events queue lacks it.
     */
    List<Queue> queues() {
        List<Queue> queues = new ArrayList<>();
        if (values.get(QUEUE) != null) {
            queues.add(new Queue("failed-feedback", values.get(QUEUE)));
        }
        if (values.get(UNDELIVERED_QUEUE) != null) {
            queues.add(new Queue("undelivered-feedback", values.get(UNDELIVERED_QUEUE)));
        }
        if (values.get(UNDELIVERED_EVENTS_QUEUE) != null) {
            queues.add(new Queue("undelivered-events", values.get(UNDELIVERED_EVENTS_QUEUE)));
        }
        return List.copyOf(queues);
    }
}
