package io.sesfeedback.testing.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Lambda context of one invocation, for running a handler in this process, as far as the
 * handlers and Powertools read it; what the function logs through it is kept in memory.
 */
public final class LocalContext implements Context {

    private static final String FUNCTION = "ses-feedback-local-recorder";

    private final String requestId;
    private final String functionName;
    private final String logStreamName;
    private final String invokedFunctionArn;
    private final int remainingTimeInMillis;
    private final int memoryLimitInMB;
    private final List<String> logLines = new ArrayList<>();
    private final LambdaLogger logger =
            new LambdaLogger() {
                @Override
                public void log(String message) {
                    synchronized (logLines) {
                        logLines.add(message);
                    }
                }

                @Override
                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }

                @Override
                public void log(String message, LogLevel level) {
                    log(level + " " + message);
                }
            };

    /** An invocation with a request id of its own. */
    public LocalContext() {
        this(UUID.randomUUID().toString());
    }

    /** An invocation known by its request id. */
    public LocalContext(String requestId) {
        this(
                requestId,
                FUNCTION,
                "local",
                "arn:aws:lambda:local:000000000000:function:" + FUNCTION,
                30_000,
                512);
    }

    public LocalContext(
            String requestId,
            String functionName,
            String logStreamName,
            String invokedFunctionArn,
            int remainingTimeInMillis,
            int memoryLimitInMB) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.logStreamName = logStreamName;
        this.invokedFunctionArn = invokedFunctionArn;
        this.remainingTimeInMillis = remainingTimeInMillis;
        this.memoryLimitInMB = memoryLimitInMB;
    }

    /**
     * What the function logged, one entry per call, prefixed with the level where one was given.
     */
    public List<String> logLines() {
        synchronized (logLines) {
            return List.copyOf(logLines);
        }
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
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
        return remainingTimeInMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitInMB;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
