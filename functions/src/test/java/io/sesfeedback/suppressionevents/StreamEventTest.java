package io.sesfeedback.suppressionevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lambda's DynamoDB stream event read into status records; what it cannot read is set apart. */
class StreamEventTest {

    private static StreamEvent.Batch read(String json) throws IOException {
        return StreamEvent.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The Lambda Developer Guide's DynamoDB record shape, with a status item's images. */
    private static final String INSERT =
            """
            {"eventID": "c4ca4238a0b923820dcc509a6f75849b", "eventName": "INSERT",
             "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1",
             "dynamodb": {"ApproximateCreationDateTime": 1479499740.5,
               "Keys": {"pk": {"S": "RECIPIENT#a@example.com"}, "sk": {"S": "STATUS"}},
               "NewImage": {"pk": {"S": "RECIPIENT#a@example.com"}, "sk": {"S": "STATUS"},
                 "address": {"S": "a@example.com"}, "suppressed": {"BOOL": true},
                 "suppressionReason": {"S": "Complaint (abuse)"}, "complaints": {"N": "1"}},
               "SequenceNumber": "4421584500000000017450439091", "SizeBytes": 26,
               "StreamViewType": "NEW_AND_OLD_IMAGES"},
             "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2026"}
            """;

    @Test
    void givenAStatusItemsInsertThenItIsReadWithItsImageAndTime() throws IOException {
        StreamEvent.Batch batch = read("{\"Records\": [" + INSERT + "]}");

        assertThat(batch.unreadable()).isEmpty();
        StatusRecord record = batch.records().get(0);
        assertThat(record.kind()).isEqualTo(StatusRecord.Kind.INSERT);
        assertThat(record.sequenceNumber()).isEqualTo("4421584500000000017450439091");
        assertThat(record.before()).isNull();
        assertThat(record.after().suppressed()).isTrue();
        assertThat(record.after().address()).isEqualTo("a@example.com");
        assertThat(record.madeAt()).isEqualTo(Instant.parse("2016-11-18T20:09:00.500Z"));
    }

    @Test
    void givenRecordsItCannotReadThenTheyAreSetApartAndTheOthersRead() throws IOException {
        String event =
                "{\"Records\": ["
                        + INSERT.replace("\"STATUS\"}}", "\"EVENT#x\"}}")
                        + ", "
                        + INSERT.replace("\"INSERT\"", "\"TRUNCATE\"")
                        + ", "
                        + INSERT
                        + "]}";

        StreamEvent.Batch batch = read(event);

        assertThat(batch.records()).hasSize(1);
        assertThat(batch.unreadable())
                .extracting(StreamEvent.Unreadable::problem)
                .containsExactly("not a status item (sk EVENT#x)", "unknown eventName TRUNCATE");
    }

    @Test
    void givenABodyThatIsNoStreamEventThenReadingFails() {
        assertThatThrownBy(() -> read("{\"Sns\": {}}")).isInstanceOf(IOException.class);
    }
}
