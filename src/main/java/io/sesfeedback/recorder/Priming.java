package io.sesfeedback.recorder;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.sesfeedback.notification.Json;
import io.sesfeedback.store.FeedbackTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * SnapStart priming. Before Lambda snapshots the initialised container, a built-in sample message
 * goes the whole way a real one goes (envelope, parse, items, log line, both SDK clients) on
 * clients whose HTTP client answers locally, and the real clients make calls that change nothing:
 * two GetItems of a key never written (the second reuses the connection, as later messages do) and
 * a PutLogEvents to a stream never created. A restored container's first message then loads no
 * classes. The snapshot keeps what those calls leave: credentials, which the SDK fetches again when
 * stale, and idle connections, which the JDK drops after seconds (the SDK retries a dead one). No
 * ids, times or random seeds are kept.
 */
final class Priming {

    static final String SAMPLE_EVENT = "priming-event.json";
    static final String NEVER_WRITTEN = "ses-feedback-priming-never-written";

    /** The local answers need none; the real clients' calls fetch the real ones. */
    private static final AwsCredentialsProvider NO_CREDENTIALS =
            StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(NEVER_WRITTEN, NEVER_WRITTEN));

    private final RecorderFactory.Wiring lambda;

    Priming(RecorderFactory.Wiring lambda) {
        this.lambda = lambda;
    }

    /**
     * Primes; a failure (a role not yet usable, throttling) is reported and the snapshot taken
     * unprimed.
     */
    void prime() {
        try {
            recordSampleOffline();
            callTheRealClients();
        } catch (RuntimeException e) {
            System.err.println(
                    Json.write(
                            Map.of(
                                    "timestamp",
                                    Instant.now().toString(),
                                    "level",
                                    "WARN",
                                    "message",
                                    "Priming failed; the snapshot is taken unprimed: "
                                            + e.getClass().getSimpleName())));
        }
    }

    private void recordSampleOffline() {
        RecorderFactory.Wiring offline =
                RecorderFactory.wiring(lambda.settings(), LocalAnswers::new, NO_CREDENTIALS);
        try (FeedbackRecorder recorder = offline.newRecorder();
                InputStream sample = Priming.class.getResourceAsStream(SAMPLE_EVENT)) {
            // the sample's summary line is dropped: written, its metrics would count a message that
            // never came
            new FeedbackHandler(recorder, lambda.settings().metricsNamespace(), line -> {})
                    .handleRequest(sample, OutputStream.nullOutputStream(), new Quiet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            offline.dynamo().close();
            offline.logs().close();
        }
    }

    private void callTheRealClients() {
        RecorderFactory.Settings settings = lambda.settings();
        for (int call = 0; call < 2; call++) {
            lambda.dynamo()
                    .getItem(
                            request ->
                                    request.tableName(settings.table())
                                            .key(FeedbackTable.messageKey(NEVER_WRITTEN)));
        }
        try {
            lambda.logs()
                    .putLogEvents(
                            request ->
                                    request.logGroupName(settings.logGroup())
                                            .logStreamName(NEVER_WRITTEN)
                                            .logEvents(
                                                    event ->
                                                            event.timestamp(
                                                                            System
                                                                                    .currentTimeMillis())
                                                                    .message(NEVER_WRITTEN)));
        } catch (ResourceNotFoundException expected) {
            // the stream does not exist, so nothing was written
        }
    }

    /**
     * The sample's Lambda context: the summary line (dropped) reads its request id; its logger
     * drops what is logged.
     */
    private static final class Quiet implements Context, LambdaLogger {

        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}

        @Override
        public LambdaLogger getLogger() {
            return this;
        }

        @Override
        public String getAwsRequestId() {
            return NEVER_WRITTEN;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return null;
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 0;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 0;
        }
    }
}
