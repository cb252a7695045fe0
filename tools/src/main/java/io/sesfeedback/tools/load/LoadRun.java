package io.sesfeedback.tools.load;

import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.LocalTool;
import io.sesfeedback.tools.load.LoadGenerator.Format;
import io.sesfeedback.tools.load.LoadGenerator.Kind;
import io.sesfeedback.tools.load.LoadGenerator.Notification;
import io.sesfeedback.tools.load.LoadGenerator.SesEvent;
import io.sesfeedback.tools.load.TableTally.Count;
import io.sesfeedback.tools.localstore.FileFeedbackLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A load run: a deterministic stream of SES notifications, both formats, copies and redeliveries
 * included, through the real recorder on moto's DynamoDB (in memory); then the table is compared
 * with what the generator's model says it should hold ({@link ExpectedTally}). Prints throughput,
 * elapsed time and peak heap, and exits with 1 when anything differs. Usage: {@code bin/load
 * [COUNT] [--seed N] [--single-format]}.
 */
@Command(
        name = "load",
        hidden = true,
        description =
                "bin/load: generated notifications through the recorder, checked against a model.")
public final class LoadRun extends LocalTool {

    private static final int DEFAULT_COUNT = 10_000;
    private static final long DEFAULT_SEED = 20261120;
    static final String USAGE =
            "usage: bin/load [COUNT] [--seed N] [--single-format]   (default: "
                    + DEFAULT_COUNT
                    + " notifications, seed "
                    + DEFAULT_SEED
                    + ")";
    private static final String SEED_PROBLEM = "--seed needs a whole number";
    private static final int DIFFERENCES_SHOWN = 20;
    private static final String TOPIC_ARN =
            "arn:aws:sns:eu-west-1:123456789012:ses-feedback-load-feedback";
    private static final Path LOG_FILE = Path.of("target", "load", "feedback-log.jsonl");

    private int count = DEFAULT_COUNT;
    private long seed = DEFAULT_SEED;

    @Option(
            names = "--single-format",
            description = "No cross-format copies, every address in lower case.")
    boolean singleFormat;

    @Parameters(arity = "0..1", paramLabel = "COUNT", description = "Notifications to generate.")
    void count(String value) {
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) == 0) {
            throw wrong("Unknown argument " + value);
        }
        count = Integer.parseInt(value);
    }

    @Option(names = "--seed", paramLabel = "N", description = "The generator's seed.")
    void seed(String value) {
        if (!value.matches("-?\\d{1,18}")) {
            throw wrong(SEED_PROBLEM);
        }
        seed = Long.parseLong(value);
    }

    @Override
    protected String usage() {
        return USAGE + "\n";
    }

    @Override
    protected String problem(ParameterException e) {
        if (e instanceof MissingParameterException) {
            return SEED_PROBLEM;
        }
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            return "Unknown argument " + unmatched.getUnmatched().get(0);
        }
        return super.problem(e);
    }

    @Override
    public Integer call() throws IOException {
        return load(count, seed, singleFormat);
    }

    private static int load(int count, long seed, boolean singleFormat) throws IOException {
        List<Notification> stream = new LoadGenerator(seed, singleFormat).stream(count);
        System.out.printf(
                "Load run: %d notifications, seed %d, %s%n",
                count,
                seed,
                singleFormat
                        ? "single format, lower-case addresses"
                        : "both formats, case variants");
        describe(stream);
        TableTally expected = ExpectedTally.of(stream);

        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));
        Duration retention =
                Duration.ofDays(
                        Long.parseLong((String) template.parameterDefault("RecordRetentionDays")));
        Files.deleteIfExists(LOG_FILE);
        try (LocalFeedbackTable table =
                LocalFeedbackTable.inMemory(template, "ses-feedback-load-feedback")) {
            FeedbackRecorder recorder =
                    new FeedbackRecorder(
                            new NotificationParser(),
                            new FeedbackStore(
                                    table.client(),
                                    table.tableName(),
                                    retention,
                                    Clock.systemUTC()),
                            new FileFeedbackLog(LOG_FILE));
            List<String> differences = recordAll(recorder, stream);

            TableTally actual = TableTally.scan(table.client(), table.tableName());
            List<String> lines = logLines(LOG_FILE);
            long loggedMessages =
                    lines.stream()
                            .map(line -> Json.readObject(line).get("snsMessageId"))
                            .distinct()
                            .count();
            printTotals(expected, actual, stream.size(), lines.size(), loggedMessages);
            differences.addAll(actual.differencesFrom(expected));
            if (lines.size() != stream.size()) {
                differences.add(
                        "log lines: "
                                + lines.size()
                                + " (expected one per delivery: "
                                + stream.size()
                                + ")");
            }
            if (loggedMessages != expected.messages()) {
                differences.add(
                        "SNS messages logged: "
                                + loggedMessages
                                + " (expected "
                                + expected.messages()
                                + ")");
            }
            System.out.printf(
                    "Whole run, JVM start to comparison: %.1f s%n",
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
            if (differences.isEmpty()) {
                System.out.println("The table holds exactly what was expected.");
                return 0;
            }
            System.out.printf(
                    "%d difference(s)%s:%n",
                    differences.size(),
                    differences.size() > DIFFERENCES_SHOWN
                            ? ", the first " + DIFFERENCES_SHOWN
                            : "");
            differences.stream()
                    .limit(DIFFERENCES_SHOWN)
                    .forEach(d -> System.out.println("  " + d));
            return 1;
        }
    }

    /**
     * Records the stream in order and prints the throughput; returns what the recorder threw, if
     * anything.
     */
    private static List<String> recordAll(FeedbackRecorder recorder, List<Notification> stream) {
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < stream.size(); i++) {
            Notification n = stream.get(i);
            try {
                recorder.record(
                        new SnsMessage(
                                n.snsMessageId(), TOPIC_ARN, null, n.publishedAt(), n.body()));
            } catch (RuntimeException e) {
                failures.add(
                        "notification "
                                + (i + 1)
                                + ", SNS "
                                + n.snsMessageId()
                                + ": the recorder threw "
                                + e);
            }
            if ((i + 1) % Math.max(1, stream.size() / 10) == 0) {
                System.err.printf("  %d/%d recorded%n", i + 1, stream.size());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "Recorded in %.1f s: %.0f messages/s (%.1f ms each); peak heap %d MB (heap pools' peaks added up)%n",
                seconds,
                stream.size() / seconds,
                seconds * 1000 / stream.size(),
                peakHeapBytes() >> 20);
        return failures;
    }

    private static List<String> logLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** How the stream is made up, from the generator's model. */
    private static void describe(List<Notification> stream) {
        long messages = stream.stream().map(Notification::snsMessageId).distinct().count();
        Map<SesEvent, Set<Format>> formats = new HashMap<>();
        stream.forEach(
                n ->
                        formats.computeIfAbsent(n.event(), e -> EnumSet.noneOf(Format.class))
                                .add(n.format()));
        long bothFormats = formats.values().stream().filter(f -> f.size() == 2).count();
        Map<Kind, Long> kinds =
                formats.keySet().stream()
                        .collect(
                                Collectors.groupingBy(
                                        SesEvent::kind, TreeMap::new, Collectors.counting()));
        List<String> mentions =
                formats.keySet().stream().flatMap(e -> e.recipients().stream()).toList();
        long addresses = mentions.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().count();
        long capitalised =
                mentions.stream().filter(a -> !a.equals(a.toLowerCase(Locale.ROOT))).count();
        System.out.printf(
                "  %d SNS messages + %d redeliveries; %d SES events, %d of them published in both formats%n",
                messages, stream.size() - messages, formats.size(), bothFormats);
        System.out.printf(
                "  events: %s%n",
                kinds.entrySet().stream()
                        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        System.out.printf(
                "  %d addresses of a pool of %d; %d of %d mentions spelled with capitals%n",
                addresses, LoadGenerator.POOL_SIZE, capitalised, mentions.size());
    }

    private static void printTotals(
            TableTally expected,
            TableTally actual,
            long deliveries,
            long logLines,
            long loggedMessages) {
        System.out.printf("%n%-24s %10s %10s%n", "", "expected", "actual");
        printRow("message items", expected.messages(), actual.messages());
        for (Count count : Count.values()) {
            printRow(
                    count == Count.SUPPRESSED ? "suppressed addresses" : count.label,
                    expected.total(count),
                    actual.total(count));
        }
        printRow("items of no known kind", 0, actual.otherItems());
        printRow("log lines", deliveries, logLines);
        printRow("SNS messages logged", expected.messages(), loggedMessages);
        System.out.printf("(log lines: %s)%n%n", LOG_FILE.toAbsolutePath());
    }

    private static void printRow(String what, long expected, long actual) {
        System.out.printf(
                "%-24s %10d %10d%s%n",
                what, expected, actual, expected == actual ? "" : "   DIFFERS");
    }

    /** The heap pools' peaks added up: an upper bound of the heap in use at any one time. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
