package io.sesfeedback.tools.cost;

import io.sesfeedback.logs.FeedbackLog;
import io.sesfeedback.logs.FeedbackLogLine;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.recorder.FeedbackHandler;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.recorder.RecorderFactory;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.testing.lambda.LambdaSnsEvent;
import io.sesfeedback.testing.lambda.LocalContext;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.testing.template.TemplateTable;
import io.sesfeedback.tools.targets.RecorderFunction;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * bin/benchmark --cost: what recording a month of mail costs. Replays a sample of the month ({@link
 * MailMonth}) through the recorder's handler, as template.yaml configures it, on moto's DynamoDB,
 * metering each DynamoDB call by DynamoDB's rules ({@link MeteredDynamoDb}), each log line and each
 * invocation's time (less the meter's own reads); then the same messages through a floor recorder
 * (one PutItem of the raw message, one log line of it). Prints per message type and in total what a
 * million mails cost at public prices ({@link Prices}), beside SES's price for sending them; how a
 * bounce's cost grows with its recipients; and what the table and the logs hold after a year. With
 * --key-heat, the same replay prints instead where the write units land ({@link KeyHeat}).
 */
public final class CostBenchmark {

    static final String STACK = "ses-feedback-cost";
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** Messages replayed before durations count, so that the JIT has warmed up. */
    private static final int WARMUP = 500;

    /** Status items have no TTL: a year of them is what a month's mail is charged for. */
    private static final int STATUS_DAYS = 365;

    /**
     * Lambda's own records per invocation with the JSON log format, in the function's log group.
     */
    private static final String PLATFORM_START =
            "{\"time\":\"2026-12-01T00:00:00.000Z\",\"type\":\"platform.start\","
                    + "\"record\":{\"requestId\":\"6f7f0961-2f4a-4bd2-a2c6-4a1b0c2ce3f8\",\"version\":\"12\"}}";

    private static final String PLATFORM_REPORT =
            "{\"time\":\"2026-12-01T00:00:00.009Z\",\"type\":\"platform.report\","
                    + "\"record\":{\"requestId\":\"6f7f0961-2f4a-4bd2-a2c6-4a1b0c2ce3f8\",\"metrics\":{\"durationMs\":8.32,"
                    + "\"billedDurationMs\":9,\"memorySizeMB\":512,\"maxMemoryUsedMB\":142},\"status\":\"success\"}}";

    /** The rows StorePolicy keeps for DELIVERY_RETENTION_DAYS. */
    private static final Set<String> DELIVERY_ROWS = Set.of("Delivery", "Send", "Open", "Click");

    private final CostOptions options;
    private final RecorderFunction function;
    private final int logRetentionDays;
    private final LocalFeedbackTable table;
    private final MeteredDynamoDb dynamo;
    private final List<IndexShape> indexes;

    /** With --key-heat: where the writes land, instead of what they cost. */
    private final KeyHeat heat;

    private final Map<String, Tally> rows = new LinkedHashMap<>();
    private final Map<String, Tally> floorRows = new LinkedHashMap<>();
    private final Set<String> metrics = new HashSet<>();

    /** The row the message being recorded counts in: its log lines go there. */
    private Tally current;

    CostBenchmark(CostOptions options, CloudFormationTemplate template, KeyHeat heat) {
        this.options = options;
        this.table = LocalFeedbackTable.inMemory(template, STACK + "-feedback");
        RecorderFunction declared =
                RecorderFunction.load(
                        template,
                        STACK,
                        Map.of(
                                TemplateTable.TABLE_RESOURCE,
                                table.tableName(),
                                "FeedbackLogGroup",
                                "/ses-feedback/" + STACK + "/notifications"));
        Map<String, String> variables = new LinkedHashMap<>(declared.variables());
        variables.putAll(options.variables());
        this.function =
                new RecorderFunction(
                        declared.name(),
                        declared.handler(),
                        declared.runtime(),
                        declared.architecture(),
                        declared.memoryMb(),
                        variables);
        this.logRetentionDays =
                Integer.parseInt(String.valueOf(template.parameterDefault("LogRetentionDays")));
        this.indexes = IndexShape.of(template);
        this.heat = heat;
        this.dynamo = new MeteredDynamoDb(table.client(), indexes, heat);
    }

    /**
     * bin/benchmark --key-heat without the printing, for a test: the same replay through the
     * handler, and where its write units landed.
     */
    static KeyHeat keyHeat(CostOptions options, CloudFormationTemplate template) {
        CostBenchmark benchmark = new CostBenchmark(options, template, new KeyHeat());
        try {
            benchmark.replay(benchmark.handler(), new MailMonth(options));
        } finally {
            benchmark.table.close();
        }
        return benchmark.heat;
    }

    void run(PrintStream out) {
        FeedbackHandler handler = handler();
        MailMonth mails = new MailMonth(options);
        List<MailMonth.Replayed> month = replay(handler, mails);
        if (heat != null) {
            heat.print(out);
            table.close();
            return;
        }
        storage(rows);
        System.err.println("Replaying them through the floor recorder");
        for (int i = 0; i < month.size(); i++) {
            floor(month.get(i), i >= WARMUP);
        }
        List<LargeBounce> large = new ArrayList<>();
        for (int recipients : List.of(1, 50, 1000)) {
            System.err.printf("A permanent bounce naming %d recipients%n", recipients);
            // the same month goes on: SNS ids and addresses the sample did not use
            large.add(largeBounce(handler, mails, recipients));
        }
        new CostReport(options, function, logRetentionDays, rows, floorRows, metrics.size(), large)
                .print(out);
        table.close();
    }

    /**
     * The sample month through the recorder's handler, each message tallied in its row (and charged
     * to its type's heat).
     */
    private List<MailMonth.Replayed> replay(FeedbackHandler handler, MailMonth mails) {
        List<MailMonth.Replayed> month = mails.messages();
        System.err.printf(
                "Replaying %d messages from %d mails through the recorder%n",
                month.size(), options.sample());
        for (int i = 0; i < month.size(); i++) {
            if (heat != null) {
                heat.notification(month.get(i).row());
            }
            record(handler, month.get(i), rows, i >= WARMUP);
        }
        return month;
    }

    private FeedbackHandler handler() {
        Map<String, String> env = function.variables();
        FeedbackStore store =
                new FeedbackStore(
                        dynamo,
                        table.tableName(),
                        RecorderFactory.storePolicy(env),
                        Clock.fixed(NOW, ZoneOffset.UTC));
        FeedbackLog log = message -> current.notificationLog.event(FeedbackLogLine.of(message));
        FeedbackRecorder recorder = new FeedbackRecorder(new NotificationParser(), store, log);
        return new FeedbackHandler(
                recorder,
                env.get("METRICS_NAMESPACE"),
                line -> {
                    current.functionLog.event(line);
                    metrics.addAll(metricNames(line));
                });
    }

    private void record(
            FeedbackHandler handler,
            MailMonth.Replayed message,
            Map<String, Tally> into,
            boolean timed) {
        Tally tally = into.computeIfAbsent(message.row(), row -> new Tally());
        current = tally;
        dynamo.take();
        InputStream event =
                LambdaSnsEvent.of(
                        message.sns().messageId(),
                        message.sns().topicArn(),
                        message.sns().subject(),
                        message.sns().body(),
                        message.sns().publishedAt());
        LocalContext invocation = new LocalContext();
        long start = System.nanoTime();
        handler.handleRequest(event, OutputStream.nullOutputStream(), invocation);
        invoked(tally, message, System.nanoTime() - start, timed);
    }

    /**
     * Counts the units metered since the last take, and the time, less the meter's own reads, the
     * call took.
     */
    private void invoked(Tally tally, MailMonth.Replayed message, long nanos, boolean timed) {
        MeteredDynamoDb.Units used = dynamo.take();
        // the meter's reads can overlap the recorder's parallel puts: never below nothing
        long micros = Math.max(0, nanos - used.meteringNanos) / 1000;
        tally.dynamo.add(used);
        tally.messages++;
        tally.snsPublishes +=
                Math.max(
                        1,
                        (message.sns().body().getBytes(StandardCharsets.UTF_8).length + 65535)
                                / 65536);
        tally.functionLog.event(PLATFORM_START);
        tally.functionLog.event(PLATFORM_REPORT);
        if (timed) {
            tally.durationsMicros.add(micros);
        }
    }

    /**
     * One PutItem of the raw message, kept as long as the recorder keeps its type, and one log line
     * of it.
     */
    private void floor(MailMonth.Replayed message, boolean timed) {
        Tally tally = floorRows.computeIfAbsent(message.row(), row -> new Tally());
        dynamo.take();
        int days = retentionDays(message.row());
        Map<String, AttributeValue> item =
                Map.of(
                        FeedbackTable.PK,
                        AttributeValue.fromS("FLOOR#" + message.sns().messageId()),
                        FeedbackTable.SK,
                        AttributeValue.fromS("FLOOR"),
                        "raw",
                        AttributeValue.fromS(message.sns().body()),
                        FeedbackTable.EXPIRES_AT,
                        AttributeValue.fromN(
                                Long.toString(NOW.plus(Duration.ofDays(days)).getEpochSecond())));
        long start = System.nanoTime();
        dynamo.putItem(request -> request.tableName(table.tableName()).item(item));
        tally.notificationLog.event(message.sns().body());
        long nanos = System.nanoTime() - start;
        stored(tally, item, days);
        invoked(tally, message, nanos, timed);
    }

    /** Days the recorder keeps a message of this row's type. */
    private int retentionDays(String row) {
        return (int)
                days(DELIVERY_ROWS.contains(row)
                                ? "DELIVERY_RETENTION_DAYS"
                                : "RECORD_RETENTION_DAYS")
                        .toDays();
    }

    private Duration days(String variable) {
        return Duration.ofDays(Long.parseLong(function.variables().get(variable)));
    }

    /**
     * Every item the recorder wrote, by the type it records; status items in a row of their own.
     */
    private void storage(Map<String, Tally> into) {
        for (Map<String, AttributeValue> item :
                table.client().scanPaginator(r -> r.tableName(table.tableName())).items()) {
            if (item.get(FeedbackTable.PK).s().startsWith("FLOOR#")) {
                continue;
            }
            String row =
                    item.containsKey(FeedbackTable.MESSAGE_TYPE)
                            ? item.get(FeedbackTable.MESSAGE_TYPE).s()
                            : CostReport.STATUS_ROW;
            stored(into.computeIfAbsent(row, r -> new Tally()), item, days(item));
        }
    }

    private void stored(Tally tally, Map<String, AttributeValue> item, double days) {
        long size = BilledSize.of(item);
        long bytes = size + BilledSize.STORAGE_OVERHEAD_BYTES;
        for (IndexShape index : indexes) {
            if (index.holds(item)) {
                bytes += BilledSize.of(index.entry(item)) + BilledSize.STORAGE_OVERHEAD_BYTES;
            }
        }
        tally.storedBytes += bytes;
        tally.storedByteDays += bytes * days;
        tally.storedAfterAYear += bytes * Math.min(days, STATUS_DAYS) / Prices.DAYS_PER_MONTH;
    }

    private static double days(Map<String, AttributeValue> item) {
        AttributeValue expiresAt = item.get(FeedbackTable.EXPIRES_AT);
        return expiresAt == null
                ? STATUS_DAYS
                : (Long.parseLong(expiresAt.n()) - NOW.getEpochSecond()) / 86400.0;
    }

    /**
     * One bounce alone: its calls, log lines, time, and the items it wrote (its addresses' status
     * items too).
     */
    private LargeBounce largeBounce(FeedbackHandler handler, MailMonth mails, int recipients) {
        MailMonth.Replayed bounce = mails.largeBounce(recipients).get(0);
        Map<String, Tally> alone = new LinkedHashMap<>();
        record(handler, bounce, alone, true);
        Tally tally = alone.get(bounce.row());
        Set<String> statusKeys = new HashSet<>();
        bounce.event()
                .recipients()
                .forEach(address -> statusKeys.add(FeedbackTable.RECIPIENT_PREFIX + address));
        for (Map<String, AttributeValue> item :
                table.client().scanPaginator(r -> r.tableName(table.tableName())).items()) {
            AttributeValue owner = item.get(FeedbackTable.SNS_MESSAGE_ID);
            boolean its =
                    owner != null && owner.s().equals(bounce.sns().messageId())
                            || FeedbackTable.STATUS_SORT_KEY.equals(item.get(FeedbackTable.SK).s())
                                    && statusKeys.contains(item.get(FeedbackTable.PK).s());
            if (its) {
                stored(tally, item, days(item));
            }
        }
        return new LargeBounce(recipients, tally);
    }

    record LargeBounce(int recipients, Tally tally) {}

    /**
     * The metrics an EMF line defines: each name with its dimensions' values is a metric CloudWatch
     * bills.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> metricNames(String line) {
        Map<String, Object> json = Json.readObject(line);
        Set<String> names = new HashSet<>();
        Map<String, Object> aws = (Map<String, Object>) json.get("_aws");
        for (Map<String, Object> directive :
                (List<Map<String, Object>>) aws.get("CloudWatchMetrics")) {
            for (List<String> dimensions : (List<List<String>>) directive.get("Dimensions")) {
                for (Map<String, Object> metric :
                        (List<Map<String, Object>>) directive.get("Metrics")) {
                    StringBuilder name =
                            new StringBuilder(
                                    directive.get("Namespace") + " " + metric.get("Name"));
                    dimensions.forEach(
                            dimension ->
                                    name.append(' ')
                                            .append(dimension)
                                            .append('=')
                                            .append(json.get(dimension)));
                    names.add(name.toString());
                }
            }
        }
        return names;
    }
}
