package io.sesfeedback.recorder;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.RecordRefusedException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Records one message from the feedback topic: understands it, stores it so that each SES feedback event counts
 * once, and writes its log line. The line depends on the message alone, so it is written while the table is, on a
 * thread of its own: two round trips' time, not their sum. Either failure fails the invocation, and Lambda's retry
 * writes the same line again: the log is at least once, and its lines carry {@code snsMessageId} and
 * {@code sesEvent} to count each message and each SES event once. A message whose message item DynamoDB refuses is
 * stored raw, as unrecognised, rather than retried in vain, and gets a second line saying so.
 */
public final class FeedbackRecorder {

    /**
     * What became of one message: {@code redelivered} when it had been recorded before; {@code duplicateOf} names
     * the SNS message that had recorded the same SES events first, in the other format (null when none).
     */
    public record Outcome(FeedbackMessage message, boolean redelivered, String duplicateOf) {
    }

    private final NotificationParser parser;
    private final FeedbackStore store;
    private final FeedbackLog log;
    /** One thread, gone when idle: Lambda runs one invocation at a time. */
    private final ThreadPoolExecutor logWriter = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "feedback-log");
                thread.setDaemon(true);
                return thread;
            });

    public FeedbackRecorder(NotificationParser parser, FeedbackStore store, FeedbackLog log) {
        this.parser = parser;
        this.store = store;
        this.log = log;
        logWriter.allowCoreThreadTimeOut(true);
    }

    public Outcome record(SnsMessage sns) {
        return record(parser.parse(sns));
    }

    /** Records a message already parsed. */
    public Outcome record(FeedbackMessage parsed) {
        Future<?> line = logWriter.submit(() -> log.write(parsed));
        Outcome outcome;
        try {
            outcome = save(parsed);
        } catch (RuntimeException failure) {
            try {
                await(line);
            } catch (RuntimeException logFailure) {
                failure.addSuppressed(logFailure);
            }
            throw failure;
        }
        await(line);
        return outcome;
    }

    private Outcome save(FeedbackMessage message) {
        try {
            FeedbackStore.Saved saved = store.save(message);
            return new Outcome(message, !saved.firstDelivery(), saved.duplicateOf());
        } catch (RecordRefusedException refused) {
            FeedbackMessage raw = message.asUnrecognised("DynamoDB refused the parsed record: " + refused.getMessage());
            FeedbackStore.Saved saved = store.save(raw);
            log.write(raw);
            return new Outcome(raw, !saved.firstDelivery(), saved.duplicateOf());
        }
    }

    /** Waits for the line; its failure is the invocation's, unless the table's failure already is. */
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
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the log line", e);
        }
    }
}
