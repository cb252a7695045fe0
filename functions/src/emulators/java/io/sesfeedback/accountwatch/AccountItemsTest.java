package io.sesfeedback.accountwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.store.FeedbackTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watcher writes the recorder's table with its own copy of the key names: they must be the
 * table's.
 */
class AccountItemsTest {

    @Test
    void theWatchersItemsUseTheTablesKeysInAPartitionNoRecorderItemUses() {
        assertThat(DynamoStatusHistory.PK).isEqualTo(FeedbackTable.PK);
        assertThat(DynamoStatusHistory.SK).isEqualTo(FeedbackTable.SK);
        assertThat(DynamoStatusHistory.ACCOUNT_PREFIX).isEqualTo(FeedbackTable.ACCOUNT_PREFIX);
        for (String recorders :
                List.of(FeedbackTable.MESSAGE_PREFIX, FeedbackTable.RECIPIENT_PREFIX)) {
            assertThat(recorders).doesNotStartWith(FeedbackTable.ACCOUNT_PREFIX);
            assertThat(FeedbackTable.ACCOUNT_PREFIX).doesNotStartWith(recorders);
        }
    }
}
