package io.sesfeedback.tools.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.tools.fixtures.CommandRun;
import io.sesfeedback.tools.fixtures.FakeAws;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --profile chooses the credentials and, without --region, the region of that profile. */
class ProfileTest {

    @TempDir Path aws;

    @AfterEach
    void forgetTheFiles() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
    }

    @Test
    void profileWithoutRegionOptionSignsForTheProfilesRegion() throws Exception {
        Path config =
                Files.writeString(aws.resolve("config"), "[profile ops]\nregion = eu-west-3\n");
        Path credentials =
                Files.writeString(
                        aws.resolve("credentials"),
                        "[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = secret\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());

        try (FakeAws dynamoDb =
                FakeAws.answering(request -> "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}")) {
            CommandRun run =
                    CommandRun.of(
                            new AwsClients(),
                            "suppressed",
                            "--table",
                            "ses-feedback-prod-feedback",
                            "--profile",
                            "ops",
                            "--endpoint-url",
                            dynamoDb.endpoint().toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(dynamoDb.lastAuthorization())
                    .contains("Credential=AKIDOPS/")
                    .contains("/eu-west-3/dynamodb/");
        }
    }

    @Test
    void emptyMessageIdIsOneLine() {
        CommandRun run =
                CommandRun.of(
                        new AwsClients(),
                        "message",
                        " ",
                        "--table",
                        "t",
                        "--region",
                        "eu-west-1",
                        "--endpoint-url",
                        "http://127.0.0.1:9");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo(
                        "ses-feedback: Not an id: give an SES mail.messageId or an SNS MessageId\n");
    }
}
