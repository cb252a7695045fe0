package io.sesfeedback.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store's write paths on moto's DynamoDB, seen from the calls it makes. */
@Tag("moto")
class FeedbackStoreTest {

    private final LocalFeedbackTable table =
            LocalFeedbackTable.inMemory(RecorderFixture.TEMPLATE, "store-test");
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final MutableClock clock = new MutableClock();
    private final FeedbackStore store =
            new FeedbackStore(
                    counting(table.client()),
                    table.tableName(),
                    StorePolicy.keepingAll(RecorderFixture.RETENTION, 5),
                    clock);
    private final NotificationParser parser = new NotificationParser();

    @AfterEach
    void stopTable() {
        table.close();
    }

    @Test
    void aBounceIsCountedWithOneWriteOfEachItemAndNoTransaction() {
        // given a permanent bounce of 120 recipients
        FeedbackMessage bounce = parser.parse(bounceOf(120));

        // when
        FeedbackStore.Saved saved = store.save(bounce);

        // then per recipient an event put and three status and event updates, the message put, and
        // no transaction
        assertThat(saved.firstDelivery()).isTrue();
        assertThat(calls).filteredOn("putItem"::equals).hasSize(120 + 1);
        assertThat(calls).filteredOn("updateItem"::equals).hasSize(3 * 120);
        assertThat(calls).doesNotContain("transactWriteItems");
        assertThat(table.client().scan(request -> request.tableName(table.tableName())).count())
                .isEqualTo(2 * 120 + 1);
        assertThat(
                        queries()
                                .status("user119@example.com")
                                .orElseThrow()
                                .get("permanentBounces")
                                .n())
                .isEqualTo("1");
    }

    @Test
    void aCopyWhoseEventsAnotherMessageHoldsIsSavedAsItsDuplicateAndCountsNothing() {
        // given the bounce recorded from one SES format
        SnsMessage first = EventFiles.message("ses-bounce-permanent.json");
        store.save(parser.parse(first));
        calls.clear();

        // when the same event arrives in the other format
        FeedbackStore.Saved copy = store.save(parser.parse(EventFiles.inOtherFormat(first)));

        // then its message item is written, naming the first, and no status item is touched
        assertThat(copy.firstDelivery()).isTrue();
        assertThat(copy.duplicateOf()).isEqualTo(first.messageId());
        assertThat(calls).doesNotContain("updateItem");
        assertThat(
                        queries()
                                .status("jane.doe@example.com")
                                .orElseThrow()
                                .get("permanentBounces")
                                .n())
                .isEqualTo("1");
    }

    @Test
    void aRedeliveryWritesNothingAndSaysSo() {
        // given a bounce of three recipients recorded
        SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");
        store.save(parser.parse(bounce));
        var before = table.client().scan(request -> request.tableName(table.tableName())).items();
        calls.clear();

        // when SNS delivers it again
        FeedbackStore.Saved again = store.save(parser.parse(bounce));

        // then the conditional puts find every item there, the events counted and their markers
        // done: nothing changes
        assertThat(again.firstDelivery()).isFalse();
        assertThat(again.duplicateOf()).isNull();
        assertThat(calls).filteredOn("putItem"::equals).hasSize(3 + 1);
        assertThat(calls).containsOnly("putItem", "getItem");
        assertThat(table.client().scan(request -> request.tableName(table.tableName())).items())
                .isEqualTo(before);
    }

    @Test
    void anAddressThatBouncesEveryMinuteKeepsAStatusItemUnderOneKilobyte() {
        // given an address that bounced 60 times, a minute apart
        for (int minute = 0; minute < 60; minute++) {
            clock.set(RecorderFixture.NOW.plusSeconds(60L * minute));
            store.save(parser.parse(bounceOf(1, "bounce-" + minute)));
        }

        // then every bounce counted, and only the markers of counts that may still race are kept
        Map<String, AttributeValue> status = queries().status("user0@example.com").orElseThrow();
        assertThat(status.get("permanentBounces").n()).isEqualTo("60");
        assertThat(status.keySet())
                .filteredOn(name -> name.startsWith(FeedbackTable.COUNT_MARKER_PREFIX))
                .hasSizeBetween(1, EventCount.DONE_KEPT);
        assertThat(ItemSize.of(status)).isLessThan(1024);
    }

    @Test
    void markersGoOnceDoneAndOldOrPastTheNewestKept() {
        // given markers being counted, done lately, done long ago, and more done lately than are
        // kept
        Instant now = RecorderFixture.NOW;
        Map<String, AttributeValue> status = new LinkedHashMap<>();
        status.put("counted#counting", AttributeValue.fromN("0"));
        status.put(
                "counted#old",
                AttributeValue.fromN(
                        Long.toString(now.minus(EventCount.IN_FLIGHT).getEpochSecond() - 1)));
        for (int i = 0; i < EventCount.DONE_KEPT; i++) {
            status.put(
                    "counted#recent" + i,
                    AttributeValue.fromN(Long.toString(now.getEpochSecond() - i)));
        }
        status.put("counted#own", AttributeValue.fromN("0"));
        status.put("permanentBounces", AttributeValue.fromN("18"));

        // when the count of "own" is done
        List<String> stale = EventCount.stale(status, "counted#own", now);

        // then the old one and the oldest recent one go; the one being counted stays, and the own
        // one takes a place kept
        assertThat(stale)
                .containsExactlyInAnyOrder(
                        "counted#old", "counted#recent" + (EventCount.DONE_KEPT - 1));
    }

    private FeedbackQueries queries() {
        return new FeedbackQueries(table.client(), table.tableName());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = RecorderFixture.NOW;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static SnsMessage bounceOf(int count) {
        return bounceOf(count, null);
    }

    /**
     * The permanent bounce of events/, naming {@code count} recipients; another SNS message and
     * feedback id when {@code id} is given.
     */
    @SuppressWarnings("unchecked")
    private static SnsMessage bounceOf(int count, String id) {
        SnsMessage original = EventFiles.message("ses-bounce-permanent.json");
        Map<String, Object> body = Json.readObject(original.body());
        Map<String, Object> bounce = (Map<String, Object>) body.get("bounce");
        if (id != null) {
            bounce.put("feedbackId", id);
        }
        Map<String, Object> recipient =
                ((List<Map<String, Object>>) bounce.get("bouncedRecipients")).get(0);
        bounce.put(
                "bouncedRecipients",
                IntStream.range(0, count)
                        .mapToObj(
                                i -> {
                                    Map<String, Object> copy = new LinkedHashMap<>(recipient);
                                    copy.put("emailAddress", "user" + i + "@example.com");
                                    return copy;
                                })
                        .toList());
        return new SnsMessage(
                id == null ? original.messageId() : id,
                original.topicArn(),
                original.subject(),
                original.publishedAt(),
                Json.write(body));
    }

    /** The client, noting the name of each call it is asked to make. */
    private DynamoDbClient counting(DynamoDbClient client) {
        return (DynamoDbClient)
                Proxy.newProxyInstance(
                        DynamoDbClient.class.getClassLoader(),
                        new Class<?>[] {DynamoDbClient.class},
                        (proxy, method, args) -> {
                            calls.add(method.getName());
                            try {
                                return method.invoke(client, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }
}
