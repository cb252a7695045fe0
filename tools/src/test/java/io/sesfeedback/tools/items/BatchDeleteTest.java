package io.sesfeedback.tools.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.notification.Json;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.LocalFeedbackTable;
import io.sesfeedback.tools.fixtures.Cli;
import io.sesfeedback.tools.fixtures.FakeAws;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BatchDeleteTest {

    private static final String TABLE = "feedback-batch";
    private static final Duration QUICK = Duration.ofMillis(1);

    private final List<Map<String, AttributeValue>> keys =
            IntStream.range(0, 60)
                    .mapToObj(
                            i ->
                                    Map.of(
                                            "pk",
                                            AttributeValue.fromS("RECIPIENT#many@example.com"),
                                            "sk",
                                            AttributeValue.fromS("EVENT#%02d".formatted(i))))
                    .toList();

    @Test
    @Tag("moto")
    void deletesMoreItemsThanOneCallTakes() throws IOException {
        try (LocalFeedbackTable table =
                LocalFeedbackTable.inMemory(
                        CloudFormationTemplate.load(Path.of("template.yaml")), TABLE)) {
            // given 60 items
            keys.forEach(
                    key -> table.client().putItem(r -> r.tableName(table.tableName()).item(key)));

            // when
            BatchDelete.Result result =
                    new BatchDelete(table.client(), table.tableName(), QUICK).delete(keys);

            // then
            assertThat(result.deleted()).isEqualTo(60);
            assertThat(result.notDeleted()).isEmpty();
            assertThat(result.problem()).isNull();
            assertThat(table.client().scan(r -> r.tableName(table.tableName())).count()).isZero();
        }
    }

    @Test
    void triesUnprocessedItemsAgainWithBackoff() throws IOException {
        // given DynamoDB leaves everything unprocessed twice, then takes it
        AtomicInteger calls = new AtomicInteger();
        try (FakeAws dynamoDb =
                        FakeAws.answering(
                                request ->
                                        calls.incrementAndGet() <= 2
                                                ? unprocessed(request)
                                                : "{}");
                DynamoDbClient client = Cli.client(DynamoDbClient.builder(), dynamoDb.endpoint())) {

            // when
            BatchDelete.Result result =
                    new BatchDelete(client, TABLE, QUICK).delete(keys.subList(0, 10));

            // then
            assertThat(result.deleted()).isEqualTo(10);
            assertThat(dynamoDb.calls()).isEqualTo(3);
        }
    }

    @Test
    void reportsWhatStaysUnprocessedAfterTheLastRound() throws IOException {
        try (FakeAws dynamoDb = FakeAws.answering(BatchDeleteTest::unprocessed);
                DynamoDbClient client = Cli.client(DynamoDbClient.builder(), dynamoDb.endpoint())) {

            BatchDelete.Result result =
                    new BatchDelete(client, TABLE, QUICK).delete(keys.subList(0, 10));

            assertThat(result.deleted()).isZero();
            assertThat(result.notDeleted()).isEqualTo(keys.subList(0, 10));
            assertThat(result.problem())
                    .isEqualTo("DynamoDB left them unprocessed (throttled) 8 times");
            assertThat(dynamoDb.calls()).isEqualTo(BatchDelete.MAX_ROUNDS);
        }
    }

    @Test
    void stopsAtAFailedCallAndReportsTheRestAsNotDeleted() throws IOException {
        try (FakeAws dynamoDb =
                        FakeAws.failing(
                                400,
                                "AccessDeniedException",
                                "User: arn:aws:iam::123456789012:user/ops"
                                        + " is not authorized to perform: dynamodb:BatchWriteItem on resource: feedback-batch");
                DynamoDbClient client = Cli.client(DynamoDbClient.builder(), dynamoDb.endpoint())) {

            BatchDelete.Result result = new BatchDelete(client, TABLE, QUICK).delete(keys);

            assertThat(result.notDeleted()).hasSize(60);
            assertThat(result.problem())
                    .isEqualTo(
                            "Access denied: User: arn:aws:iam::123456789012:user/ops is not"
                                    + " authorized to perform: dynamodb:BatchWriteItem on resource: feedback-batch");
            assertThat(dynamoDb.calls()).isEqualTo(1);
        }
    }

    /** BatchWriteItem's answer when it processed nothing: every request back as unprocessed. */
    private static String unprocessed(String request) {
        return Json.write(Map.of("UnprocessedItems", Json.readObject(request).get("RequestItems")));
    }
}
