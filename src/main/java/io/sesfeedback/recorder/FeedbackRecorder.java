package io.sesfeedback.recorder;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.ProblemKind;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.RecordRefusedException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Records one message from the feedback topic: understands it, stores it so that each SES feedback
 * event counts once, and writes its log line. The line depends on the message alone, so it is
 * written while the table is, on a thread of its own: two round trips' time, not their sum. Either
 * failure fails the invocation, and Lambda's retry writes the same line again: the log is at least
 * once, and its lines carry {@code snsMessageId} and {@code sesEvent} to count each message and
 * each SES event once. A message whose message item DynamoDB refuses is stored raw, as
 * unrecognised, rather than retried in vain, and gets a second line saying so, after the first.
 */
public final class FeedbackRecorder implements AutoCloseable {

    /**
     * What became of one message: {@code redelivered} when it had been recorded before; {@code
     * duplicateOf} names the SNS message that had recorded the same SES events first, in the other
     * format (null when none); {@code softBounceSuppressions} counts the recipients a run of
     * transient bounces suppressed.
     */
    public record Outcome(
            FeedbackMessage message,
            boolean redelivered,
            String duplicateOf,
            int softBounceSuppressions) {}

    private final NotificationParser parser;
    private final FeedbackStore store;
    private final FeedbackLog log;
    private final AccountEnvironments environments;

    /** One thread: Lambda runs one invocation at a time, and each waits for its line. */
    private final ExecutorService logWriter =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "feedback-log");
                        thread.setDaemon(true);
                        return thread;
                    });

    public FeedbackRecorder(NotificationParser parser, FeedbackStore store, FeedbackLog log) {
        this(parser, store, log, AccountEnvironments.NONE);
    }

    /** A recorder that names each message's environment from {@code environments}. */
    public FeedbackRecorder(
            NotificationParser parser,
            FeedbackStore store,
            FeedbackLog log,
            AccountEnvironments environments) {
        this.parser = parser;
        this.store = store;
        this.log = log;
        this.environments = environments;
    }

    public Outcome record(SnsMessage sns) {
        return record(sns, null);
    }

    /**
     * Records {@code sns} for the recorder of {@code ownAccount} (null: not known), whose own
     * messages are of its own environment.
     */
    public Outcome record(SnsMessage sns, String ownAccount) {
        return record(parser.parse(sns), ownAccount);
    }

    /** Records a message already parsed. */
    public Outcome record(FeedbackMessage parsed) {
        return record(parsed, null);
    }

    /** Records a message already parsed, for the recorder of {@code ownAccount}. */
    public Outcome record(FeedbackMessage understood, String ownAccount) {
        FeedbackMessage parsed =
                understood.inEnvironment(
                        environments.environmentOf(understood.origin().account(), ownAccount));
        Future<?> line = logWriter.submit(() -> log.write(parsed));
        Outcome outcome;
        try {
            outcome = save(parsed);
        } catch (RuntimeException | Error failure) {
            try {
                await(line);
            } catch (RuntimeException | Error logFailure) {
                failure.addSuppressed(logFailure);
            }
            throw failure;
        }
        await(line);
        if (outcome.message() != parsed) {
            log.write(outcome.message());
        }
        return outcome;
    }

    /** Ends the log thread; for a recorder that is not the container's own (the priming one). */
    @Override
    public void close() {
        logWriter.shutdownNow();
    }

    private Outcome save(FeedbackMessage message) {
        try {
            FeedbackStore.Saved saved = store.save(message);
            return new Outcome(
                    message,
                    !saved.firstDelivery(),
                    saved.duplicateOf(),
                    saved.softBounceSuppressions());
        } catch (RecordRefusedException refused) {
            FeedbackMessage raw =
                    message.asUnrecognised(
                            ProblemKind.REFUSED_BY_DYNAMODB,
                            "DynamoDB refused the parsed record: " + refused.getMessage());
            FeedbackStore.Saved saved = store.save(raw);
            return new Outcome(
                    raw,
                    !saved.firstDelivery(),
                    saved.duplicateOf(),
                    saved.softBounceSuppressions());
        }
    }

    /** Waits for the line; its failure is the invocation's. */
    private static void await(Future<?> line) {
        try {
            line.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            line.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the log line", e);
        }
    }
}
