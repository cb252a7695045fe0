package io.sesfeedback.recorder;

import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.OutputStream;

/**
 * One Lambda container in miniature, for a test that needs an environment of its own: the handler
 * built as the runtime builds it, from this process's environment variables; when
 * AWS_LAMBDA_INITIALIZATION_TYPE is {@code snap-start}, primed and restored through its org.crac
 * hooks; then invoked with the events/ file named by the argument.
 */
public final class RecordFromEnvironment {

    private RecordFromEnvironment() {}

    public static void main(String[] args) {
        FeedbackHandler handler = new FeedbackHandler();
        if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
        }

        handler.handleRequest(
                EventFiles.event(args[0]), OutputStream.nullOutputStream(), new LocalContext());

        System.out.println("Recorded SNS message " + EventFiles.message(args[0]).messageId());
    }
}
