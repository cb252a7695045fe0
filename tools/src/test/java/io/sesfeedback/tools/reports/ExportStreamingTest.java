package io.sesfeedback.tools.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.recorder.FeedbackRecorder;
import io.sesfeedback.store.FeedbackStore;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.CollectingLog;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.template.TemplateTable;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.RecordedStore;
import io.sesfeedback.tools.targets.AwsClients;
import io.sesfeedback.tools.targets.TargetOptions;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code export} of 15,000 message items streams: the first row is out while the first Query page
 * is the only one read, and the heap, sampled after GC as the rows go out, does not grow with the
 * rows.
 */
@Tag("moto")
class ExportStreamingTest {

    private static final String TABLE = "feedback-streaming";
    private static final int MESSAGES = 15_000;

    /**
     * Recorded for real, then copied under new SNS MessageIds: every message type, both SES
     * formats, none to three recipients each.
     */
    private static final List<String> ORIGINALS =
            List.of(
                    "ses-bounce-permanent.json",
                    "event-bounce.json",
                    "ses-complaint.json",
                    "ses-delivery.json",
                    "event-send.json",
                    "event-reject.json",
                    "event-open.json",
                    "event-click.json",
                    "event-rendering-failure.json",
                    "event-delivery-delay.json",
                    "event-subscription.json",
                    "alarm-bounce-rate.json",
                    "ses-topic-validation.json",
                    "unrecognised.json");

    /** moto applies one batch at a time, but reads the next ones' requests meanwhile. */
    private static final int WRITERS = 8;

    /**
     * An export that keeps the items it reads grows the heap by some 1.2 KB a message, 18 MB here;
     * a streaming one, by under 1 MB.
     */
    private static final long HEAP_GROWTH_BOUND = 6L << 20;

    private static final int HEAP_SAMPLE_EVERY = 6_000;

    @Test
    void fifteenThousandMessagesAreWrittenWhileTheyAreReadInBoundedHeap() {
        MotoDynamoDb server = MotoDynamoDb.shared();
        try (DynamoDbClient dynamo = server.client()) {
            TemplateTable.create(dynamo, RecorderFixture.TEMPLATE, TABLE);
            List<Map<String, AttributeValue>> originals = recordOriginals(dynamo);
            writeCopies(dynamo, originals, MESSAGES - originals.size());
            PageCountingTargets targets = new PageCountingTargets();
            WatchingWriter out = new WatchingWriter(targets.pages);
            StringWriter err = new StringWriter();

            int exit =
                    CommandRun.execute(
                            targets,
                            out,
                            err,
                            "export",
                            "--table",
                            TABLE,
                            "--endpoint-url",
                            server.endpoint().toString(),
                            "--region",
                            "eu-west-1",
                            "--since",
                            "2026-11-19",
                            "--until",
                            "2026-11-21",
                            "--format",
                            "csv");

            assertThat(exit).as(err::toString).isZero();
            long rows = out.lines - 1;
            assertThat(err.toString())
                    .startsWith(
                            "Exported " + rows + " row(s) of " + MESSAGES + " message(s) from ");
            assertThat(rows).isGreaterThan(MESSAGES);
            // the first rows come before most pages are read: the shards of the first type, not the
            // whole window
            assertThat(out.pagesAtFirstRow).isLessThan(targets.pages.get() / 2);
            assertThat(targets.pages.get()).isGreaterThan(20);
            assertThat(out.heapSamples).hasSizeGreaterThanOrEqualTo(3);
            assertThat(out.maxHeapGrowth()).isLessThan(HEAP_GROWTH_BOUND);
        } finally {
            try (DynamoDbClient dynamo = server.client()) {
                dynamo.deleteTable(r -> r.tableName(TABLE));
            }
        }
    }

    /** The originals through the real recorder, and the message items it wrote. */
    private static List<Map<String, AttributeValue>> recordOriginals(DynamoDbClient dynamo) {
        FeedbackRecorder recorder =
                new FeedbackRecorder(
                        new NotificationParser(),
                        new FeedbackStore(
                                dynamo, TABLE, RecordedStore.RETENTION, Clock.systemUTC()),
                        new CollectingLog());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String file : ORIGINALS) {
            SnsMessage sns = EventFiles.message(file);
            recorder.record(sns);
            items.add(
                    dynamo.getItem(
                                    r ->
                                            r.tableName(TABLE)
                                                    .key(FeedbackTable.messageKey(sns.messageId())))
                            .item());
        }
        return items;
    }

    /**
     * {@code count} copies of the originals' message items, each its own SNS message, in batches of
     * 25.
     */
    private static void writeCopies(
            DynamoDbClient dynamo, List<Map<String, AttributeValue>> originals, int count) {
        ForkJoinPool writers = new ForkJoinPool(WRITERS);
        writers.submit(
                        () ->
                                IntStream.range(0, (count + 24) / 25)
                                        .parallel()
                                        .forEach(
                                                batch -> {
                                                    List<WriteRequest> puts =
                                                            IntStream.range(
                                                                            batch * 25,
                                                                            Math.min(
                                                                                    count,
                                                                                    batch * 25
                                                                                            + 25))
                                                                    .mapToObj(
                                                                            i ->
                                                                                    WriteRequest
                                                                                            .builder()
                                                                                            .putRequest(
                                                                                                    PutRequest
                                                                                                            .builder()
                                                                                                            .item(
                                                                                                                    copy(
                                                                                                                            originals
                                                                                                                                    .get(
                                                                                                                                            i
                                                                                                                                                    % originals
                                                                                                                                                            .size())))
                                                                                                            .build())
                                                                                            .build())
                                                                    .toList();
                                                    Map<String, List<WriteRequest>> unprocessed =
                                                            Map.of(TABLE, puts);
                                                    while (!unprocessed.isEmpty()) {
                                                        Map<String, List<WriteRequest>> request =
                                                                unprocessed;
                                                        unprocessed =
                                                                dynamo.batchWriteItem(
                                                                                r ->
                                                                                        r
                                                                                                .requestItems(
                                                                                                        request))
                                                                        .unprocessedItems();
                                                    }
                                                }))
                .join();
        writers.shutdown();
    }

    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> original) {
        String snsMessageId = UUID.randomUUID().toString();
        Map<String, AttributeValue> copy = new HashMap<>(original);
        copy.putAll(FeedbackTable.messageKey(snsMessageId));
        copy.put(FeedbackTable.SNS_MESSAGE_ID, AttributeValue.fromS(snsMessageId));
        if (copy.containsKey(FeedbackTable.SES_MESSAGE_ID)) {
            // a mail of its own in the MailMessages index, as each message has
            copy.put(
                    FeedbackTable.SES_MESSAGE_ID,
                    AttributeValue.fromS(UUID.randomUUID().toString()));
        }
        copy.put(
                FeedbackTable.EVENT_KEY,
                AttributeValue.fromS(original.get("occurredAt").s() + "#" + snsMessageId));
        copy.put(
                FeedbackTable.TYPE_SHARD,
                AttributeValue.fromS(
                        FeedbackTable.typeShard(
                                original.get(FeedbackTable.MESSAGE_TYPE).s(), snsMessageId)));
        return copy;
    }

    /** The command's clients as usual, its DynamoDB client counting the Query pages it fetches. */
    private static final class PageCountingTargets extends AwsClients {
        final AtomicInteger pages = new AtomicInteger();

        PageCountingTargets() {
            super(
                    Map.of(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(
                B builder, String service, TargetOptions options) {
            C client = super.client(builder, service, options);
            return client instanceof DynamoDbClient dynamo
                    ? (C) new PageCountingDynamo(dynamo, pages)
                    : client;
        }
    }

    /** A DynamoDB client that counts its Query calls: each is one page of a paginator. */
    private record PageCountingDynamo(DynamoDbClient delegate, AtomicInteger pages)
            implements DynamoDbClient {
        @Override
        public QueryResponse query(QueryRequest request) {
            QueryResponse page = delegate.query(request);
            pages.incrementAndGet();
            return page;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            return delegate.batchGetItem(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /**
     * Standard output that keeps nothing: it counts lines, notes how many Query pages had been read
     * when the first row (after the header) came, and samples the heap after GC every {@value
     * #HEAP_SAMPLE_EVERY} lines from then on.
     */
    private static final class WatchingWriter extends Writer {
        private final AtomicInteger pages;
        long lines;
        Integer pagesAtFirstRow;
        final List<Long> heapSamples = new ArrayList<>();

        WatchingWriter(AtomicInteger pages) {
            this.pages = pages;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    lines++;
                    if (lines == 2) {
                        pagesAtFirstRow = pages.get();
                    }
                    if (lines % HEAP_SAMPLE_EVERY == 2) {
                        heapSamples.add(usedHeapAfterGc());
                    }
                }
            }
        }

        long maxHeapGrowth() {
            return heapSamples.stream()
                    .mapToLong(sample -> sample - heapSamples.get(0))
                    .max()
                    .orElseThrow();
        }

        private static long usedHeapAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
