package io.sesfeedback.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.local.LocalFeedbackTable;
import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.Json;
import io.sesfeedback.notification.NotificationParser;
import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The store's write paths on moto's DynamoDB, seen from the calls it makes. */
@Tag("moto")
class FeedbackStoreTest {

    private final LocalFeedbackTable table = LocalFeedbackTable.inMemory(RecorderFixture.TEMPLATE, "store-test");
    private final List<Integer> transactionSizes = new ArrayList<>();
    private final FeedbackStore store = new FeedbackStore(counting(table.client()), table.tableName(),
            StorePolicy.keepingAll(RecorderFixture.RETENTION, 5), Clock.fixed(RecorderFixture.NOW, ZoneOffset.UTC));
    private final NotificationParser parser = new NotificationParser();

    @AfterEach
    void stopTable() {
        table.close();
    }

    @Test
    void aBounceOfMoreRecipientsThanOneTransactionHoldsIsWrittenInSeveralWithTheMessageInTheLast() {
        // given a permanent bounce of 120 recipients: a claim, an event and a status update each
        FeedbackMessage bounce = parser.parse(bounceOf(120));

        // when
        FeedbackStore.Saved saved = store.save(bounce);

        // then four transactions of at most 100 items hold the 360 writes and the message item
        assertThat(saved.firstDelivery()).isTrue();
        assertThat(transactionSizes).hasSize(4).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
        assertThat(transactionSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * 120 + 1);
        assertThat(table.client().scan(request -> request.tableName(table.tableName())).count()).isEqualTo(3 * 120 + 1);
    }

    @Test
    void aCopyWhoseClaimsAnotherMessageOwnsIsSavedAsItsDuplicateAndCountsNothing() {
        // given the bounce recorded from one SES format
        SnsMessage first = EventFiles.message("ses-bounce-permanent.json");
        store.save(parser.parse(first));

        // when the same event arrives in the other format
        FeedbackStore.Saved copy = store.save(parser.parse(EventFiles.inOtherFormat(first)));

        // then its message item is written, naming the first, and no counter moved
        assertThat(copy.firstDelivery()).isTrue();
        assertThat(copy.duplicateOf()).isEqualTo(first.messageId());
        assertThat(new FeedbackQueries(table.client(), table.tableName()).status("jane.doe@example.com").orElseThrow()
                .get("permanentBounces").n()).isEqualTo("1");
    }

    @Test
    void aRedeliveryWritesNothingAndSaysSo() {
        // given a bounce of three recipients recorded
        SnsMessage bounce = EventFiles.message("ses-bounce-permanent.json");
        store.save(parser.parse(bounce));
        var before = table.client().scan(request -> request.tableName(table.tableName())).items();
        transactionSizes.clear();

        // when SNS delivers it again
        FeedbackStore.Saved again = store.save(parser.parse(bounce));

        // then one transaction is tried, whose claims and message item all exist: nothing changes
        assertThat(again.firstDelivery()).isFalse();
        assertThat(again.duplicateOf()).isNull();
        assertThat(transactionSizes).containsExactly(3 * 3 + 1);
        assertThat(table.client().scan(request -> request.tableName(table.tableName())).items()).isEqualTo(before);
    }

    /** The permanent bounce of events/, naming {@code count} recipients. */
    @SuppressWarnings("unchecked")
    private static SnsMessage bounceOf(int count) {
        SnsMessage original = EventFiles.message("ses-bounce-permanent.json");
        Map<String, Object> body = Json.readObject(original.body());
        Map<String, Object> bounce = (Map<String, Object>) body.get("bounce");
        Map<String, Object> recipient = ((List<Map<String, Object>>) bounce.get("bouncedRecipients")).get(0);
        bounce.put("bouncedRecipients", IntStream.range(0, count).mapToObj(i -> {
            Map<String, Object> copy = new LinkedHashMap<>(recipient);
            copy.put("emailAddress", "user" + i + "@example.com");
            return copy;
        }).toList());
        return new SnsMessage(original.messageId(), original.topicArn(), original.subject(), original.publishedAt(), Json.write(body));
    }

    /** The client, noting the size of each transaction it is asked to write. */
    @SuppressWarnings("unchecked")
    private DynamoDbClient counting(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        TransactWriteItemsRequest request = args[0] instanceof TransactWriteItemsRequest whole ? whole
                                : TransactWriteItemsRequest.builder().applyMutation((Consumer<TransactWriteItemsRequest.Builder>) args[0]).build();
                        transactionSizes.add(request.transactItems().size());
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
