package io.sesfeedback.tools.operations;

import static io.sesfeedback.tools.fixtures.SesNotifications.bounce;
import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.SnsMessage;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub's row per member: what SES never tried to send is neither a bounce nor a complaint. */
@Tag("moto")
class MemberStatusTest {

    private static final String SENDER = "app@mail.example.com";

    @Test
    void givenAPreventedSendBesideARealBounceWhenAHubReadsTheMemberThenOnlyTheBounceCounts(
            @TempDir Path folder) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<SnsMessage> feedback =
                List.of(
                        bounce(now.minusSeconds(60), SENDER, "Permanent", "General", "a@x.example"),
                        bounce(
                                now.minusSeconds(30),
                                SENDER,
                                "Permanent",
                                "OnAccountSuppressionList",
                                "b@x.example",
                                "c@x.example"));
        Path store = RecordedStore.of(folder, feedback);

        try (LocalFeedbackTable table = RecordedStore.reopen(store)) {
            List<MemberStatus> rows =
                    MemberStatus.read(
                            new FeedbackQueries(table.client(), table.tableName()),
                            now.minusSeconds(3600),
                            now.plusSeconds(60));

            assertThat(rows)
                    .singleElement()
                    .satisfies(
                            row -> {
                                assertThat(row.bounces()).isEqualTo(1);
                                assertThat(row.prevented()).isEqualTo(2);
                                assertThat(row.cells()).contains("1", "2");
                            });
        }
    }
}
