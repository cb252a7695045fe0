package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** backfill on a store whose items were recorded before the sharded indexes' keys existed. */
@Tag("moto")
class BackfillCommandTest {

    private final List<SnsMessage> messages =
            List.of(
                    EventFiles.message("ses-bounce-permanent.json"),
                    EventFiles.message("ses-complaint.json"),
                    EventFiles.message("ses-bounce-transient.json"));

    @Test
    void itemsWithoutTodaysIndexKeysGetThemOnceAndTheRestAreLeftAlone(@TempDir Path temp)
            throws IOException {
        // given four suppressed addresses, two of them and every message item written as an earlier
        // version did
        Path store =
                RecordedStore.of(
                        temp.resolve("store"),
                        messages,
                        table -> {
                            for (String address :
                                    List.of("jane.doe@example.com", "tom.baker@example.net")) {
                                table.client()
                                        .updateItem(
                                                r ->
                                                        r.tableName(table.tableName())
                                                                .key(
                                                                        FeedbackTable.statusKey(
                                                                                address))
                                                                .updateExpression(
                                                                        "REMOVE "
                                                                                + FeedbackTable
                                                                                        .SUPPRESSION_LIST_ATTRIBUTE
                                                                                + ", "
                                                                                + FeedbackTable
                                                                                        .SUPPRESSION_SHARD));
                            }
                            for (SnsMessage message : messages) {
                                table.client()
                                        .updateItem(
                                                r ->
                                                        r.tableName(table.tableName())
                                                                .key(
                                                                        FeedbackTable.messageKey(
                                                                                message
                                                                                        .messageId()))
                                                                .updateExpression(
                                                                        "REMOVE "
                                                                                + FeedbackTable
                                                                                        .TYPE_SHARD));
                            }
                        });
        assertThat(suppressed(store)).hasSize(2 + 1);

        // when
        CommandRun preview =
                CommandRun.of("backfill", "--dry-run", "--local-store", store.toString());
        CommandRun first = CommandRun.of("backfill", "--local-store", store.toString());
        CommandRun second = CommandRun.of("backfill", "--local-store", store.toString());

        // then
        assertThat(preview.out())
                .startsWith("3 message item(s) and 2 suppressed status item(s) of the local store");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Gave 5 item(s)");
        assertThat(second.out()).startsWith("Gave 0 item(s)");
        assertThat(suppressed(store))
                .hasSize(4 + 1)
                .anySatisfy(line -> assertThat(line).contains("jane.doe@example.com"))
                .noneSatisfy(line -> assertThat(line).contains("full.inbox@example.net"));
        try (LocalFeedbackTable table = RecordedStore.reopen(store)) {
            for (SnsMessage message : messages) {
                Map<String, AttributeValue> item =
                        table.client()
                                .getItem(
                                        r ->
                                                r.tableName(table.tableName())
                                                        .key(
                                                                FeedbackTable.messageKey(
                                                                        message.messageId())))
                                .item();
                assertThat(item.get(FeedbackTable.TYPE_SHARD).s())
                        .isEqualTo(
                                FeedbackTable.typeShard(
                                        item.get(FeedbackTable.MESSAGE_TYPE).s(),
                                        message.messageId()));
            }
        }
    }

    @Test
    void aResumeTokenNamesTheItemTheScanStoppedAfter() {
        Map<String, AttributeValue> key =
                FeedbackTable.messageKey("6a1c3a47-08e6-41bf-ba6e-830956a1d82a");

        assertThat(BackfillCommand.token(BackfillCommand.token(key))).isEqualTo(key);
    }

    private static List<String> suppressed(Path store) {
        return CommandRun.of("suppressed", "--local-store", store.toString()).outLines();
    }
}
