package io.sesfeedback.tools.operations;

import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.StackOutputs;
import io.sesfeedback.tools.targets.Target;
import io.sesfeedback.tools.targets.TargetCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = {
            "Records the feedback the recorder never stored, once the cause is fixed.",
            "Reads the stack's failed-feedback queue (Lambda's on-failure record of an event the recorder failed on"
                    + " after its retries), its undelivered-feedback queue (an SNS message the subscription could not"
                    + " deliver to the function) and its undelivered-events queue (an EventBridge event a rule could not"
                    + " deliver). Each goes through the recorder the Lambda runs, and the queue message is"
                    + " deleted once all of it is stored. A message that fails again stays in its queue. Exit code 1 when"
                    + " one failed again.",
            "--discard deletes one message that can never be recorded, after printing its body."
        })
public final class RedriveCommand extends TargetCommand {

    /**
     * Long polling asks every SQS server, so that a queue holding a few messages does not look
     * empty.
     */
    private static final int WAIT_SECONDS = 1;

    /**
     * Received messages stay hidden this long, so that one run sees each once; those kept are
     * released at the end.
     */
    private static final int HOLD_SECONDS = 120;

    private static final int MAX_PER_CALL = 10;
    private static final NotificationParser PARSER = new NotificationParser();

    private enum Outcome {
        REDRIVEN("redriven", "would redrive"),
        ALREADY_RECORDED("already recorded", "already recorded"),
        FAILED("failed again", "would fail again");

        private final String label;
        private final String dryRunLabel;

        Outcome(String label, String dryRunLabel) {
            this.label = label;
            this.dryRunLabel = dryRunLabel;
        }
    }

    /** What became of one queue message, as its report line says it. */
    private record Result(Outcome outcome, String subject, String detail) {}

    @Option(
            names = "--dry-run",
            description =
                    "Read the queues and say what would happen, whether each message is already"
                            + " recorded: record nothing, delete nothing.")
    boolean dryRun;

    @Option(
            names = "--max",
            paramLabel = "N",
            defaultValue = "100",
            description = "Process at most N messages of each queue (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(
            names = "--discard",
            paramLabel = "SQS_MESSAGE_ID",
            description =
                    "Delete this queue message without recording it, after printing its body: for one that can never"
                            + " be recorded (its id is on its 'failed again' line). With --dry-run, print it only.")
    String discard;

    @Override
    protected int run(Target target, PrintWriter out) {
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be 1 or more, not " + max);
        }
        if (!dryRun && discard == null && targetOptions.deployed() && target.logGroup() == null) {
            throw new UserError(
                    "No notification log group for the "
                            + target.description()
                            + ": redrive writes each"
                            + " message's log line too; give --env or --stack (its "
                            + StackOutputs.LOG_GROUP
                            + " output)");
        }
        SqsClient sqs = target.sqs();
        if (discard != null) {
            return discard(sqs, target, out);
        }
        FeedbackRecorder recorder = dryRun ? null : target.recorder();
        boolean failed = false;
        for (StackOutputs.Queue queue : target.queues()) {
            failed |= redrive(sqs, queue, target, recorder, out);
        }
        return failed && !dryRun ? ErrorReport.FAILED : 0;
    }

    /** One queue, to its summary line; true when a message failed again. */
    private boolean redrive(
            SqsClient sqs,
            StackOutputs.Queue queue,
            Target target,
            FeedbackRecorder recorder,
            PrintWriter out) {
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try {
            while (seen.size() < max) {
                List<Message> fresh = new ArrayList<>();
                for (Message message :
                        receive(sqs, queue.url(), Math.min(MAX_PER_CALL, max - seen.size()))) {
                    if (seen.add(message.messageId())) {
                        fresh.add(message);
                    } else {
                        kept.put(message.messageId(), message.receiptHandle());
                    }
                }
                if (fresh.isEmpty()) {
                    break;
                }
                for (Message message : fresh) {
                    Result result =
                            dryRun
                                    ? preview(message, target.queries())
                                    : redrive(message, recorder);
                    out.printf(
                            "%-17s %s  %s%n",
                            dryRun ? result.outcome().dryRunLabel : result.outcome().label,
                            result.subject(),
                            result.detail());
                    counts.merge(result.outcome(), 1, Integer::sum);
                    if (dryRun || result.outcome() == Outcome.FAILED) {
                        kept.put(message.messageId(), message.receiptHandle());
                    } else {
                        sqs.deleteMessage(
                                r ->
                                        r.queueUrl(queue.url())
                                                .receiptHandle(message.receiptHandle()));
                    }
                }
            }
        } finally {
            release(sqs, queue.url(), kept.values(), out);
        }
        out.println(summary(queue, seen.size(), counts));
        return counts.containsKey(Outcome.FAILED);
    }

    /**
     * Finds the message among the first --max of each queue, prints it whole, and deletes it unless
     * --dry-run.
     */
    private int discard(SqsClient sqs, Target target, PrintWriter out) {
        for (StackOutputs.Queue queue : target.queues()) {
            List<String> held = new ArrayList<>();
            Message found = null;
            try {
                for (int seen = 0; found == null && seen < max; ) {
                    List<Message> received =
                            receive(sqs, queue.url(), Math.min(MAX_PER_CALL, max - seen));
                    if (received.isEmpty()) {
                        break;
                    }
                    seen += received.size();
                    for (Message message : received) {
                        if (message.messageId().equals(discard)) {
                            found = message;
                        } else {
                            held.add(message.receiptHandle());
                        }
                    }
                }
                if (found != null) {
                    out.println(
                            (dryRun ? "would discard" : "discarded")
                                    + "  sqs "
                                    + discard
                                    + "  from the "
                                    + queue.name()
                                    + " queue; its body:");
                    out.println(found.body());
                    String receiptHandle = found.receiptHandle();
                    if (dryRun) {
                        held.add(receiptHandle);
                    } else {
                        sqs.deleteMessage(
                                r -> r.queueUrl(queue.url()).receiptHandle(receiptHandle));
                    }
                    return 0;
                }
            } finally {
                release(sqs, queue.url(), held, out);
            }
        }
        throw new UserError(
                "No message sqs "
                        + discard
                        + " among the first "
                        + max
                        + " of each queue of the "
                        + target.description()
                        + " (another reader may hold it for up to "
                        + HOLD_SECONDS
                        + " s)");
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl, int count) {
        return sqs.receiveMessage(
                        r ->
                                r.queueUrl(queueUrl)
                                        .maxNumberOfMessages(count)
                                        .waitTimeSeconds(WAIT_SECONDS)
                                        .visibilityTimeout(HOLD_SECONDS))
                .messages();
    }

    /**
     * Through the recorder, as the Lambda records it; any failure leaves the message in the queue.
     */
    private Result redrive(Message message, FeedbackRecorder recorder) {
        QueuedFeedback record;
        try {
            record = QueuedFeedback.parse(message.body());
        } catch (IllegalArgumentException e) {
            return notARecord(message, e);
        }
        List<String> types = new ArrayList<>();
        boolean redelivered = true;
        try {
            for (SnsMessage sns : record.messages()) {
                FeedbackRecorder.Outcome outcome = recorder.record(sns);
                types.add(outcome.message().type().label());
                redelivered &= outcome.redelivered();
            }
        } catch (RuntimeException e) {
            return new Result(Outcome.FAILED, snsIds(record), reason(e) + " (left in the queue)");
        }
        return redelivered
                ? new Result(Outcome.ALREADY_RECORDED, snsIds(record), String.join(", ", types))
                : new Result(
                        Outcome.REDRIVEN,
                        snsIds(record),
                        String.join(", ", types) + "  (" + record.why() + ")");
    }

    /** What redrive would do: the record is read and its messages looked up, nothing is written. */
    private Result preview(Message message, FeedbackQueries queries) {
        QueuedFeedback record;
        try {
            record = QueuedFeedback.parse(message.body());
        } catch (IllegalArgumentException e) {
            return notARecord(message, e);
        }
        String types =
                record.messages().stream()
                        .map(sns -> PARSER.parse(sns).type().label())
                        .collect(Collectors.joining(", "));
        try {
            boolean recorded =
                    record.messages().stream()
                            .allMatch(sns -> queries.message(sns.messageId()).isPresent());
            return recorded
                    ? new Result(Outcome.ALREADY_RECORDED, snsIds(record), types)
                    : new Result(
                            Outcome.REDRIVEN, snsIds(record), types + "  (" + record.why() + ")");
        } catch (RuntimeException e) {
            return new Result(Outcome.FAILED, snsIds(record), reason(e));
        }
    }

    private Result notARecord(Message message, IllegalArgumentException e) {
        return new Result(
                Outcome.FAILED,
                "sqs " + message.messageId(),
                e.getMessage() + (dryRun ? "" : " (left in the queue)"));
    }

    private static String snsIds(QueuedFeedback record) {
        return "sns "
                + record.messages().stream()
                        .map(SnsMessage::messageId)
                        .collect(Collectors.joining(", "));
    }

    private static String reason(RuntimeException e) {
        return e instanceof IllegalArgumentException ? e.getMessage() : ErrorReport.describe(e);
    }

    /**
     * Makes the messages left in the queue visible again now rather than after {@value
     * #HOLD_SECONDS} s.
     */
    private static void release(
            SqsClient sqs, String queueUrl, Iterable<String> receiptHandles, PrintWriter out) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (String handle : receiptHandles) {
            entries.add(
                    ChangeMessageVisibilityBatchRequestEntry.builder()
                            .id(Integer.toString(entries.size()))
                            .receiptHandle(handle)
                            .visibilityTimeout(0)
                            .build());
        }
        try {
            for (int from = 0; from < entries.size(); from += MAX_PER_CALL) {
                List<ChangeMessageVisibilityBatchRequestEntry> batch =
                        entries.subList(from, Math.min(entries.size(), from + MAX_PER_CALL));
                sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(batch));
            }
        } catch (SdkException e) {
            out.println(
                    "The messages left in the queue stay hidden for up to "
                            + HOLD_SECONDS
                            + " s: "
                            + ErrorReport.describe(e));
        }
    }

    private String summary(StackOutputs.Queue queue, int total, Map<Outcome, Integer> counts) {
        if (total == 0) {
            return "The " + queue.name() + " queue is empty.";
        }
        int redriven = counts.getOrDefault(Outcome.REDRIVEN, 0);
        int recorded = counts.getOrDefault(Outcome.ALREADY_RECORDED, 0);
        int failed = counts.getOrDefault(Outcome.FAILED, 0);
        String more = total == max ? "; stopped at --max " + max + ", more may wait" : "";
        if (dryRun) {
            return "Dry run, nothing recorded or deleted: the %s queue: %d queue message(s), %d would be redriven, %d already recorded, %d would fail again%s"
                    .formatted(queue.name(), total, redriven, recorded, failed, more);
        }
        return "The %s queue: %d queue message(s): %d redriven and %d already recorded (deleted from the queue), %d failed again (left in the queue)%s"
                .formatted(queue.name(), total, redriven, recorded, failed, more);
    }
}
