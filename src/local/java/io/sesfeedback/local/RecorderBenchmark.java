package io.sesfeedback.local;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.sesfeedback.logs.FeedbackLogLine;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackHandler;
import io.sesfeedback.recorder.RecorderFactory;
import io.sesfeedback.recorder.SnsRecords;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Prints figures for the recorder: the Lambda's init (SDK clients from the environment, no network), the first
 * message through the real handler code (class loading included), then steady-state messages per second on
 * DynamoDB Local and the parser alone. Run it as Lambda runs Java: {@code bin/benchmark} uses C1 only.
 */
public final class RecorderBenchmark {

    public static void main(String[] args) throws Exception {
        long jvmUptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        lambdaInit();
        long initMillis = millis(t0);

        // before anything else here touches a JSON library: what the recorder's own JSON work costs cold
        String bounceBody = Files.readString(Path.of("src/test/resources/benchmark/ses-bounce-body.json"));
        long coldJson = System.nanoTime();
        FeedbackLogLine.of(new NotificationParser().parse(
                new SnsMessage(UUID.randomUUID().toString(), "arn:aws:sns:eu-west-1:123456789012:benchmark", null,
                        Instant.now(), bounceBody)), null);
        long coldJsonMillis = millis(coldJson);

        List<SnsMessage> messages;
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            messages = files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> EventLoader.loadSNSEvent(p.toString()))
                    .map(event -> SnsRecords.messages(event).get(0))
                    .toList();
        }
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));
        Path logFile = Files.createTempFile("benchmark-log", ".jsonl");
        try (EmbeddedFeedbackTable table = new EmbeddedFeedbackTable(template, "benchmark")) {
            FeedbackRecorder recorder = new FeedbackRecorder(new NotificationParser(),
                    new FeedbackStore(table.client(), "benchmark", Duration.ofDays(400), Clock.systemUTC()),
                    new FileFeedbackLog(logFile));
            long first = System.nanoTime();
            recorder.record(messages.get(0));
            long firstMillis = millis(first);

            int rounds = Integer.parseInt(args.length > 0 ? args[0] : "50");
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                for (SnsMessage m : messages) {
                    recorder.record(new SnsMessage(UUID.randomUUID().toString(), m.topicArn(), m.subject(), m.publishedAt(), m.body()));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int recorded = rounds * messages.size();

            NotificationParser parser = new NotificationParser();
            long parseStart = System.nanoTime();
            int parses = 0;
            while (System.nanoTime() - parseStart < 2_000_000_000L) {
                for (SnsMessage m : messages) {
                    parser.parse(m);
                    parses++;
                }
            }
            double parseSeconds = (System.nanoTime() - parseStart) / 1e9;

            Runtime runtime = Runtime.getRuntime();
            runtime.gc();
            System.out.printf("JVM start to main:                    %d ms%n", jvmUptimeAtMain);
            System.out.printf("Lambda init (handler + SDK clients):  %d ms%n", initMillis);
            System.out.printf("first parse + log line (cold JSON):   %d ms%n", coldJsonMillis);
            System.out.printf("first message, DynamoDB Local:        %d ms%n", firstMillis);
            System.out.printf("steady state, DynamoDB Local:         %.0f messages/s (%d messages, %.1f ms each)%n",
                    recorded / seconds, recorded, seconds * 1000 / recorded);
            System.out.printf("parser alone:                         %.0f messages/s%n", parses / parseSeconds);
            System.out.printf("heap used after GC:                   %d MB%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
        Files.deleteIfExists(logFile);
        System.exit(0);
    }

    private static FeedbackRecorder lambdaInit() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "benchmark",
                "AWS_SECRET_ACCESS_KEY", "benchmark", "FEEDBACK_TABLE", "benchmark",
                "FEEDBACK_LOG_GROUP", "/ses-feedback/benchmark/notifications", "RECORD_RETENTION_DAYS", "400");
        return RecorderFactory.fromEnvironment(env);
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
