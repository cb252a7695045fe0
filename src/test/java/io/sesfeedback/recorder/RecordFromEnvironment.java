package io.sesfeedback.recorder;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;

/**
 * One Lambda container in miniature, for a test that needs an environment of its own: the recorder built from this
 * process's environment variables, exactly as the handler builds it, records the events/ file named by the argument.
 */
public final class RecordFromEnvironment {

    private RecordFromEnvironment() {
    }

    public static void main(String[] args) {
        SnsMessage message = EventFiles.message(args[0]);

        RecorderFactory.fromEnvironment(System.getenv()).record(message);

        System.out.println("Recorded SNS message " + message.messageId());
    }
}
