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

    /**
     * Standalone, Member or Hub: the stack's Mode parameter (docs/deploy.md, "A hub for AWS
     * Organizations").
     */
    public static final String STACK_MODE = "StackMode";

    /** A hub's event bus, which the members' forwarding rules put on. */
    public static final String HUB_EVENT_BUS_ARN = "HubEventBusArn";

    /** The StackMode of a hub: every member account's feedback in its table. */
    public static final String HUB = "Hub";

    /** The StackMode of a member: it forwards its feedback to a hub's bus. */
    public static final String MEMBER = "Member";

    static final StackOutputs NONE = new StackOutputs(Map.of());

    /**
     * A queue redrive reads: the failed-feedback queue (Lambda's on-failure records) or the
     * undelivered-feedback queue.
     */
    public record Queue(String name, String url) {}

    public String get(String output) {
        return values.get(output);
    }

    /** Standalone unless the stack says otherwise (a stack deployed before the modes has none). */
    public String mode() {
        return values.getOrDefault(STACK_MODE, "Standalone");
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
