package io.sesfeedback.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalStoreTest {

    @TempDir
    Path folder;

    @Test
    void aClosedStoreHasLetGoOfItsDatabaseSoItOpensAgainAtOnce() throws Exception {
        // given the SQLite threads running before the store opens
        Set<String> before = sqliteThreads();

        // when a store is written to and closed, then opened again straight away, ten times
        for (int round = 0; round < 10; round++) {
            try (EmbeddedFeedbackTable store = LocalStore.open(folder, round == 0)) {
                store.client().putItem(request -> request.tableName(store.tableName()).item(Map.of(
                        "pk", AttributeValue.fromS("RECIPIENT#someone@example.com"), "sk", AttributeValue.fromS("STATUS"))));
            }

            // then the connection's thread has ended by the time close returns
            assertThat(sqliteThreads()).isEqualTo(before);
        }
        try (EmbeddedFeedbackTable store = LocalStore.open(folder, false)) {
            assertThat(store.client().scan(request -> request.tableName(store.tableName())).count()).isEqualTo(1);
        }
    }

    private static Set<String> sqliteThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("SQLiteQueue["))
                .map(thread -> thread.getName() + "#" + thread.getId()).collect(Collectors.toSet());
    }
}
