package io.sesfeedback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backfill on a store whose status items were suppressed before the Suppressed index existed. */
@Tag("moto")
class BackfillCommandTest {

    @Test
    void oldSuppressedStatusItemsJoinTheIndexOnceAndTheRestAreLeftAlone(@TempDir Path temp) throws IOException {
        // given four suppressed addresses, two of them written before the index existed, and one only counted
        Path store = RecordedStore.of(temp.resolve("store"), List.of(EventFiles.message("ses-bounce-permanent.json"),
                EventFiles.message("ses-complaint.json"), EventFiles.message("ses-bounce-transient.json")), table -> {
            for (String address : List.of("jane.doe@example.com", "tom.baker@example.net")) {
                table.client().updateItem(r -> r.tableName(table.tableName()).key(FeedbackTable.statusKey(address))
                        .updateExpression("REMOVE " + FeedbackTable.SUPPRESSION_LIST_ATTRIBUTE));
            }
        });
        assertThat(suppressed(store)).hasSize(2 + 1);

        // when
        CommandRun preview = CommandRun.of("backfill", "--dry-run", "--local-store", store.toString());
        CommandRun first = CommandRun.of("backfill", "--local-store", store.toString());
        CommandRun second = CommandRun.of("backfill", "--local-store", store.toString());

        // then
        assertThat(preview.out()).startsWith("2 suppressed status item(s) of the local store");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Put 2 suppressed status item(s)");
        assertThat(second.out()).startsWith("Put 0 suppressed status item(s)");
        assertThat(suppressed(store)).hasSize(4 + 1).anySatisfy(line -> assertThat(line).contains("jane.doe@example.com"))
                .noneSatisfy(line -> assertThat(line).contains("full.inbox@example.net"));
    }

    private static List<String> suppressed(Path store) {
        return CommandRun.of("suppressed", "--local-store", store.toString()).outLines();
    }
}
