package io.sesfeedback.suppressionevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.store.FeedbackTable;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * This build keeps its own copies of the recorder's names (it ships without the recorder): they
 * must be the table's, and the soft-bounce rule's reason the rule's.
 */
class StatusNamesTest {

    @Test
    void theStreamReadersNamesAreTheTablesAndTheOperatorCommands() {
        assertThat(StreamEvent.SK).isEqualTo(FeedbackTable.SK);
        assertThat(StreamEvent.STATUS_SORT_KEY).isEqualTo(FeedbackTable.STATUS_SORT_KEY);
        assertThat(StreamEvent.ADDRESS).isEqualTo(FeedbackTable.ADDRESS);
        assertThat(StreamEvent.SUPPRESSED).isEqualTo(FeedbackTable.SUPPRESSED);
        assertThat(StreamEvent.SUPPRESSION_REASON).isEqualTo(FeedbackTable.SUPPRESSION_REASON);
        assertThat(StreamEvent.SUPPRESSED_BY).isEqualTo(FeedbackTable.SUPPRESSED_BY);
        assertThat(StreamEvent.SUPPRESSED_AT).isEqualTo(FeedbackTable.SUPPRESSED_AT);
        assertThat(StreamEvent.UPDATED_AT).isEqualTo(FeedbackTable.UPDATED_AT);
        assertThat(StreamEvent.UNSUPPRESSED_AT).isEqualTo(FeedbackTable.UNSUPPRESSED_AT);
    }

    @Test
    void theSoftBounceReasonIsTheRulesOwn() throws Exception {
        Field reason =
                Class.forName("io.sesfeedback.store.SoftBounceRule").getDeclaredField("REASON");
        reason.setAccessible(true);

        assertThat(RecorderSuppressions.SOFT_BOUNCE_REASON).isEqualTo(reason.get(null));
    }
}
