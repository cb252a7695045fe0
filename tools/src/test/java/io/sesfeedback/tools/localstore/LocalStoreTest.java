package io.sesfeedback.tools.localstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.moto.MotoDynamoDb;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local store keeps what was written in its folder's journal, across closes and kills, and
 * opens fast again.
 */
@Tag("moto")
class LocalStoreTest {

    @TempDir Path folder;

    private static Map<String, AttributeValue> status(String address, Object... more) {
        Map<String, AttributeValue> item =
                new java.util.HashMap<>(
                        Map.of(
                                "pk",
                                AttributeValue.fromS("RECIPIENT#" + address),
                                "sk",
                                AttributeValue.fromS("STATUS")));
        for (int i = 0; i < more.length; i += 2) {
            item.put((String) more[i], AttributeValue.fromN(more[i + 1].toString()));
        }
        return item;
    }

    private static List<Map<String, AttributeValue>> everything(LocalFeedbackTable store) {
        return store.client().scanPaginator(r -> r.tableName(store.tableName())).items().stream()
                .sorted(
                        Comparator.comparing(
                                        (Map<String, AttributeValue> item) -> item.get("pk").s())
                                .thenComparing(item -> item.get("sk").s()))
                .toList();
    }

    @Test
    void whatWasWrittenIsThereWhenTheStoreOpensAgainAndFreshEmptiesIt() throws Exception {
        List<Map<String, AttributeValue>> written;
        try (LocalFeedbackTable store = LocalStore.open(folder, true)) {
            DynamoDbClient dynamo = store.client();
            for (String address :
                    List.of("ann@example.com", "bob@example.net", "cid@example.org")) {
                dynamo.putItem(
                        r ->
                                r.tableName(store.tableName())
                                        .item(status(address, "transientBounces", 1)));
            }
            dynamo.updateItem(
                    r ->
                            r.tableName(store.tableName())
                                    .key(status("ann@example.com"))
                                    .updateExpression("ADD transientBounces :one")
                                    .expressionAttributeValues(
                                            Map.of(":one", AttributeValue.fromN("1"))));
            dynamo.deleteItem(r -> r.tableName(store.tableName()).key(status("bob@example.net")));
            written = everything(store);
        }

        try (LocalFeedbackTable store = LocalStore.open(folder, false)) {
            assertThat(everything(store))
                    .isEqualTo(written)
                    .contains(status("ann@example.com", "transientBounces", 2))
                    .hasSize(2);
        }
        try (LocalFeedbackTable store = LocalStore.open(folder, true)) {
            assertThat(everything(store)).isEmpty();
        }
    }

    @Test
    void aServerKilledInTheMiddleOfARunHasLostNoWriteItAcknowledged() throws Exception {
        // given a store being written to as fast as it answers
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (LocalFeedbackTable store = LocalStore.open(folder, true)) {
            Future<?> writing =
                    writer.submit(
                            () -> {
                                for (int i = 0; ; i++) {
                                    String address = "user" + i + "@example.com";
                                    store.client()
                                            .putItem(
                                                    r ->
                                                            r.tableName(store.tableName())
                                                                    .item(
                                                                            status(
                                                                                    address,
                                                                                    "permanentBounces",
                                                                                    1)));
                                    acknowledged.add("RECIPIENT#" + address);
                                }
                            });

            // when the server is killed (SIGKILL) once hundreds of writes were acknowledged, one
            // perhaps under way
            while (acknowledged.size() < 300) {
                Thread.sleep(10);
            }
            store.server().kill();
            assertThat(writing).failsWithin(java.time.Duration.ofSeconds(30));
        } finally {
            writer.shutdownNow();
        }

        // then the store opened again holds every acknowledged write
        try (LocalFeedbackTable store = LocalStore.open(folder, false)) {
            Set<String> stored =
                    everything(store).stream()
                            .map(item -> item.get("pk").s())
                            .collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
            assertThat(stored.size()).isBetween(acknowledged.size(), acknowledged.size() + 1);
        }
    }

    /**
     * The journal holds every write; the first open replays them all, then rewrites it as the table
     * stands.
     */
    @Test
    void anOpenCompactsTheJournalSoThatTheNextOpenReplaysOnlyTheTable() throws Exception {
        int items = 500;
        int updates = 500;
        try (LocalFeedbackTable store = LocalStore.open(folder, true)) {
            List<WriteRequest> puts =
                    IntStream.range(0, items)
                            .mapToObj(
                                    i ->
                                            WriteRequest.builder()
                                                    .putRequest(
                                                            p ->
                                                                    p.item(
                                                                            status(
                                                                                    "user"
                                                                                            + i
                                                                                            + "@example.com",
                                                                                    "transientBounces",
                                                                                    0)))
                                                    .build())
                            .toList();
            for (int i = 0; i < items; i += 25) {
                List<WriteRequest> batch = puts.subList(i, i + 25);
                store.client()
                        .batchWriteItem(r -> r.requestItems(Map.of(store.tableName(), batch)));
            }
            for (int i = 0; i < updates; i++) {
                String address = "user" + i % 100 + "@example.com";
                store.client()
                        .updateItem(
                                r ->
                                        r.tableName(store.tableName())
                                                .key(status(address))
                                                .updateExpression("ADD transientBounces :one")
                                                .expressionAttributeValues(
                                                        Map.of(":one", AttributeValue.fromN("1"))));
            }
        }
        long journaled = lines(LocalStore.journalFile(folder));

        List<Long> openMillis = new ArrayList<>();
        List<Map<String, AttributeValue>> first = null;
        for (int open = 0; open < 2; open++) {
            long start = System.nanoTime();
            try (LocalFeedbackTable store = LocalStore.open(folder, false)) {
                openMillis.add((System.nanoTime() - start) / 1_000_000);
                List<Map<String, AttributeValue>> now = everything(store);
                assertThat(now)
                        .hasSize(items)
                        .contains(status("user7@example.com", "transientBounces", updates / 100));
                if (first != null) {
                    assertThat(now).isEqualTo(first);
                }
                first = now;
            }
        }

        long compacted = lines(LocalStore.journalFile(folder));
        System.out.printf(
                "Local store of %,d items: %,d journal lines before its first open, %,d after; opened in %d ms,"
                        + " then in %d ms%n",
                items, journaled, compacted, openMillis.get(0), openMillis.get(1));
        assertThat(journaled).isGreaterThan(items / 25 + updates);
        // CreateTable, UpdateTimeToLive and a BatchWriteItem of 25 items each
        assertThat(compacted).isEqualTo(2 + items / 25);
    }

    @Test
    void closingAStoreEndsItsServerSoThatItOpensAgainAtOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            MotoDynamoDb server;
            try (LocalFeedbackTable store = LocalStore.open(folder, round == 0)) {
                store.client()
                        .putItem(
                                r ->
                                        r.tableName(store.tableName())
                                                .item(status("someone@example.com")));
                server = store.server();
            }
            assertThat(server.running()).isFalse();
        }
        try (LocalFeedbackTable store = LocalStore.open(folder, false)) {
            assertThat(store.client().scan(r -> r.tableName(store.tableName())).count())
                    .isEqualTo(1);
        }
    }

    private static long lines(Path file) throws Exception {
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
