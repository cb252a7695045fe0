package io.sesfeedback.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.EventFiles;
import io.sesfeedback.support.RecorderFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which feedback suppresses an address, as the best senders decide it, on moto's DynamoDB. */
@Tag("moto")
class SuppressionRulesTest {

    private static final String TOM = "tom.baker@example.net";

    private RecorderFixture fixture;

    @BeforeEach
    void startTable() {
        fixture = new RecorderFixture();
    }

    @AfterEach
    void stopTable() {
        fixture.close();
    }

    @Test
    void aNotSpamComplaintIsCountedApartAndSuppressesNobody() {
        // given the recipient moved the mail out of the spam folder: SES reports it as a complaint
        // of type not-spam
        FeedbackRecorder.Outcome outcome =
                fixture.recorder()
                        .record(
                                EventFiles.republished(
                                        "ses-complaint.json", "\"abuse\"", "\"not-spam\""));

        // then
        Map<String, AttributeValue> status = fixture.queries().status(TOM).orElseThrow();
        assertThat(outcome.message().details()).containsEntry("complaintFeedbackType", "not-spam");
        assertThat(status.get("notSpamComplaints").n()).isEqualTo("1");
        assertThat(status).doesNotContainKeys("suppressed", "complaints", "suppressionList");
    }

    @Test
    void anAbuseComplaintStillSuppresses() {
        fixture.recorder().record(EventFiles.message("ses-complaint.json"));

        Map<String, AttributeValue> status = fixture.queries().status(TOM).orElseThrow();
        assertThat(status.get("suppressed").bool()).isTrue();
        assertThat(status.get("complaints").n()).isEqualTo("1");
        assertThat(status).doesNotContainKey("notSpamComplaints");
    }
}
