package io.sesfeedback.tools.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sesfeedback.notification.Json;
import io.sesfeedback.store.StorePolicy;
import io.sesfeedback.support.EventFiles;
import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.RecordedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack deployed with StoreDeliveryBodies Disabled keeps no raw body for deliveries: the commands
 * read their parsed fields.
 */
@Tag("moto")
class BodilessDeliveriesTest {

    private static final String DELIVERY_MAIL =
            "010201a1f873de8a-0b2fda25-d033-5fd4-84f4-080e61f3cfc3-000000";

    @TempDir static Path temp;
    private static Path store;

    @BeforeAll
    static void recordWithoutDeliveryBodies() {
        store =
                RecordedStore.of(
                        temp.resolve("store"),
                        List.of(
                                EventFiles.message("ses-delivery.json"),
                                EventFiles.message("ses-bounce-permanent.json")),
                        new StorePolicy(Duration.ofDays(400), Duration.ofDays(30), false, 5),
                        table -> {});
    }

    @Test
    void exportWritesADeliveryRowPerAddressFromItsParsedFields() {
        // when
        CommandRun run =
                CommandRun.of(
                        "export",
                        "--since",
                        "2026-11-19",
                        "--until",
                        "2026-11-21",
                        "--format",
                        "jsonl",
                        "--local-store",
                        store.toString());

        // then the delivery's two addresses are rows, beside the bounce's three read from its body
        assertThat(run.exit()).as(run.err()).isZero();
        List<Map<String, Object>> rows = run.outLines().stream().map(Json::readObject).toList();
        assertThat(rows)
                .filteredOn(row -> "Delivery".equals(row.get("messageType")))
                .extracting(
                        row -> row.get("address"),
                        row -> row.get("domain"),
                        row -> row.get("sesMessageId"))
                .containsExactlyInAnyOrder(
                        tuple("alice@example.com", "example.com", DELIVERY_MAIL),
                        tuple("bob@example.com", "example.com", DELIVERY_MAIL));
        assertThat(rows)
                .filteredOn(row -> "Bounce".equals(row.get("messageType")))
                .hasSize(3)
                .allSatisfy(
                        row ->
                                assertThat(row.get("diagnosticCode"))
                                        .isEqualTo("smtp; 550 5.1.1 user unknown"));
    }

    @Test
    void messageSaysTheBodyWasNotKept() {
        CommandRun run = CommandRun.of("message", DELIVERY_MAIL, "--local-store", store.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Delivery", "alice@example.com, bob@example.com", MessageCommand.NOT_KEPT);
    }
}
