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
 * A Lambda context for running the handler in this process; the function's log lines are kept in
 * memory.
 */
public final class LocalContext implements Context {

    private final String requestId = UUID.randomUUID().toString();
    private final List<String> logLines = new ArrayList<>();
    private final LambdaLogger logger =
            new LambdaLogger() {
                @Override
                public void log(String message) {
                    logLines.add(message);
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

    /**
     * What the function logged, one entry per call, prefixed with the level where one was given.
     */
    public List<String> logLines() {
        return List.copyOf(logLines);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/ses-feedback-local-recorder";
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return "ses-feedback-local-recorder";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:ses-feedback-local-recorder";
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
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
