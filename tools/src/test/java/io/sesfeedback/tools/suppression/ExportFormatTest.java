package io.sesfeedback.tools.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * Provider exports recognised by their header rows as documented (docs/operations.md, "Importing a
 * suppression list", cites each), and their dates and reasons read.
 */
class ExportFormatTest {

    @Test
    void eachProvidersHeaderIsRecognisedWhateverItsCaseSpacesAndBom() {
        assertThat(
                        format(
                                "\uFEFFemail,reason,detail,created_at,expires_at,last_event_at,expires_at"))
                .isEqualTo(ExportFormat.MANDRILL);
        assertThat(
                        format(
                                "email,reason,detail,created_at,expires_at,last_event_at,expires_at,subaccount"))
                .isEqualTo(ExportFormat.MANDRILL);
        assertThat(format("address, code, error, created_at"))
                .isEqualTo(ExportFormat.MAILGUN_BOUNCES);
        assertThat(format("address,created_at")).isEqualTo(ExportFormat.MAILGUN_COMPLAINTS);
        assertThat(format("address,tags,created_at")).isEqualTo(ExportFormat.MAILGUN_UNSUBSCRIBES);
        assertThat(format("email,created,status,reason")).isEqualTo(ExportFormat.SENDGRID_BOUNCES);
        assertThat(format("email,created,reason")).isEqualTo(ExportFormat.SENDGRID_INVALID);
        assertThat(format("email,created,ip")).isEqualTo(ExportFormat.SENDGRID_SPAM);
        assertThat(format("email,created")).isEqualTo(ExportFormat.SENDGRID_UNSUBSCRIBES);
        assertThat(format("EmailAddress,SuppressionReason,Origin,CreatedAt"))
                .isEqualTo(ExportFormat.POSTMARK);
        assertThat(format("recipient,type,source,description,created,updated,subaccount_id"))
                .isEqualTo(ExportFormat.SPARKPOST);
        assertThat(format("Date,Email,Reason")).isEqualTo(ExportFormat.PLAIN);
        assertThat(ExportFormat.recognise(List.of("name", "phone"))).isEmpty();
    }

    @Test
    void onlyTheHeadersFromTheProvidersOwnDocumentationAreMarkedVerified() {
        assertThat(List.of(ExportFormat.values()))
                .filteredOn(format -> format.verified)
                .containsExactly(
                        ExportFormat.MANDRILL,
                        ExportFormat.MAILGUN_BOUNCES,
                        ExportFormat.MAILGUN_COMPLAINTS,
                        ExportFormat.MAILGUN_UNSUBSCRIBES,
                        ExportFormat.PLAIN);
    }

    @Test
    void theProvidersDatesAreRead() {
        assertThat(ExportFormat.date("2016-01-14 19:08:17.51258"))
                .contains(Instant.parse("2016-01-14T19:08:17.512580Z"));
        assertThat(ExportFormat.date("Thu, 13 Oct 2011 18:02:00 UTC"))
                .contains(Instant.parse("2011-10-13T18:02:00Z"));
        assertThat(ExportFormat.date("2019-12-17T08:58:33-05:00"))
                .contains(Instant.parse("2019-12-17T13:58:33Z"));
        assertThat(ExportFormat.date("1443651141")).contains(Instant.ofEpochSecond(1443651141));
        assertThat(ExportFormat.date("2026-11-01")).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(ExportFormat.date("8/27/2015")).isEmpty();
    }

    @Test
    void bouncesGoOnSesListAsBounceEverythingElseAsComplaintAndMandrillSoftBouncesNot() {
        assertThat(ExportFormat.MANDRILL.sesReason("hard-bounce"))
                .contains(SuppressionListReason.BOUNCE);
        assertThat(ExportFormat.MANDRILL.sesReason("spam"))
                .contains(SuppressionListReason.COMPLAINT);
        assertThat(ExportFormat.MANDRILL.sesReason("unsub"))
                .contains(SuppressionListReason.COMPLAINT);
        assertThat(ExportFormat.MANDRILL.sesReason("soft-bounce")).isEmpty();
        assertThat(ExportFormat.POSTMARK.sesReason("HardBounce"))
                .contains(SuppressionListReason.BOUNCE);
        assertThat(ExportFormat.SPARKPOST.sesReason("Spam Complaint"))
                .contains(SuppressionListReason.COMPLAINT);
        assertThat(ExportFormat.SENDGRID_INVALID.sesReason(""))
                .contains(SuppressionListReason.BOUNCE);
        assertThat(ExportFormat.SENDGRID_SPAM.sesReason(""))
                .contains(SuppressionListReason.COMPLAINT);
    }

    @Test
    void quotedCellsHoldCommasQuotesAndLineBreaksAndRecordsKeepTheirFirstLine() throws IOException {
        List<CsvRecords.Record> records =
                CsvRecords.read(
                        new BufferedReader(
                                new StringReader(
                                        "email,reason\r\n\"a@example.com\",\"said \"\"stop\"\",\nthen left\"\r\nb@example.com,x")));

        assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1, 2, 4);
        assertThat(records.get(1).cells())
                .containsExactly("a@example.com", "said \"stop\",\nthen left");
        assertThat(records.get(2).cells()).containsExactly("b@example.com", "x");
    }

    private static ExportFormat format(String header) {
        return ExportFormat.recognise(List.of(header.split(","))).orElseThrow().format();
    }
}
