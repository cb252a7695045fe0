package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sesfeedback.identities.CloudFormation.Put;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.Pacer;
import io.sesfeedback.testing.iam.RecordedCalls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The three caps on the guard's patterns: CloudFormation's 4,096 bytes for the whole answer
 * (checked by the handler before it changes anything), SES's 4 KB for each identity's policy
 * (RecipientGuard) and IAM's 6,144 characters, white space not counted, for the managed policy
 * template.yaml builds from the answer. The handler answers the loopback CloudFormation; its SES
 * and SSM clients point at a closed port, and {@link #calls} shows they were never used.
 */
class AnswerTest {

    /**
     * 18 domains of 23 characters: with reserved, and one of 21 characters, the largest answer this
     * stack gives.
     */
    private static final List<String> LOAD_TEST_DOMAINS =
            IntStream.rangeClosed(1, 18)
                    .mapToObj(i -> String.format("load-%02d.sesfeedback.dev", i))
                    .toList();

    private static final String AT_THE_LIMIT =
            "reserved," + String.join(",", LOAD_TEST_DOMAINS) + ",final.sesfeedback.dev";
    private static final String ONE_CHARACTER_MORE = AT_THE_LIMIT.replace("final.", "finals.");

    private static final RecordedCalls calls = new RecordedCalls("eu-west-1", "123456789012");
    private static CloudFormation cloudFormation;
    private static SesClient ses;
    private static SsmClient ssm;
    private static IdentityNotificationsHandler handler;

    @BeforeAll
    static void handlerWithUnusedClients() throws Exception {
        cloudFormation = new CloudFormation();
        URI closed = URI.create("http://127.0.0.1:1");
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        ses =
                SesClient.builder()
                        .endpointOverride(closed)
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.addExecutionInterceptor(calls))
                        .build();
        ssm =
                SsmClient.builder()
                        .endpointOverride(closed)
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.addExecutionInterceptor(calls))
                        .build();
        handler =
                new IdentityNotificationsHandler(
                        new IdentityWiring(
                                new SesIdentities(
                                        ses,
                                        "eu-west-1",
                                        new Pacer(Duration.ZERO, Pacer.Ticker.SYSTEM)),
                                new PreviousSettings(ssm, IdentityNotificationsOnMotoTest.PATH),
                                line -> {}),
                        new FunctionLog(line -> {}, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        cloudFormation.close();
        ses.close();
        ssm.close();
    }

    private static Put send(CloudFormationCustomResourceEvent event) throws InterruptedException {
        handler.handleRequest(event, CloudFormation.context());
        return cloudFormation.response();
    }

    /**
     * Every domain adds an even number of bytes to this stack's answer: 4,095 is as close as it
     * gets to 4,096.
     */
    @Test
    void theLargestGuardThisStackCanAnswerIsSentWholeAndItsManagedPolicyFitsIamToo()
            throws Exception {
        // a stack with the guard and no identities: only the answer limits the guard
        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(
                                        List.of(""),
                                        "arn:aws:sns:eu-west-1:123456789012:t",
                                        false,
                                        false,
                                        AT_THE_LIMIT)));

        assertThat(put.status()).isEqualTo("SUCCESS");
        assertThat(put.bytes()).isEqualTo(4095).isLessThanOrEqualTo(Answer.MAX_BYTES);
        String patterns = put.body().path("Data").path(Answer.BLOCKED_RECIPIENT_PATTERNS).asText();
        assertThat(patterns.split(","))
                .as("six for each of 26 names, reserved's seven included")
                .hasSize(6 * 26)
                .containsExactlyElementsOf(RecipientGuard.of(AT_THE_LIMIT).patterns());
        assertThat(managedPolicyCharacters(patterns))
                .as("IAM's cap on a managed policy, white space not counted")
                .isLessThan(6144);
    }

    @Test
    void oneCharacterMoreFailsBeforeAnythingChangesSayingHowManyEntriesFit() throws Exception {
        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(
                                        List.of("sender@mail.sesfeedback.dev"),
                                        "arn:aws:sns:eu-west-1:123456789012:t",
                                        false,
                                        false,
                                        ONE_CHARACTER_MORE)));

        assertThat(put.status()).isEqualTo("FAILED");
        assertThat(put.reason())
                .isEqualTo(
                        "BlockedRecipientDomains is too long for CloudFormation: its 20 entries (463"
                                + " characters) make 156 patterns, and the answer carrying them would be 4,101 bytes, over the 4,096"
                                + " bytes CloudFormation takes from a custom resource. The first 19 entries (440 characters) fit here:"
                                + " list fewer or shorter domains (reserved counts as one entry), or none to turn the guard off."
                                + " Nothing was changed.");
        assertThat(put.bytes()).isLessThanOrEqualTo(Answer.MAX_BYTES);
        assertThat(calls.calls()).as("no SES or SSM call").isEmpty();
    }

    /**
     * The figure docs/deploy.md states: any value of at most 188 characters fits all three caps,
     * for any stack name (128 characters at most), partition and region, and identities of up to
     * 254 characters. The costliest value of a given length is reserved (8 characters, 42 patterns)
     * followed by two-letter domains (6 patterns for 3 characters, its comma included); at 189
     * characters, two one-letter domains take the last four.
     */
    @Test
    void anyValueOfAtMost188CharactersFitsAllThreeCapsForAnyStackAndIdentity() {
        List<String> twoLetters = new ArrayList<>();
        for (char first = 'a'; first <= 'z' && twoLetters.size() < 60; first++) {
            for (char second = 'a'; second <= 'z' && twoLetters.size() < 60; second++) {
                twoLetters.add("" + first + second);
            }
        }
        String costliest188 = "reserved," + String.join(",", twoLetters);
        String costliest189 = "reserved," + String.join(",", twoLetters.subList(0, 59)) + ",y,z";
        // the longest partition and region names AWS has, and CloudFormation's longest stack name
        String arnPrefix = "arn:aws-us-gov:%s:us-isof-south-1:123456789012:";
        String identityArn =
                String.format(arnPrefix, "ses") + "identity/" + "i".repeat(250) + ".dev";
        CloudFormationCustomResourceEvent event = new CloudFormationCustomResourceEvent();
        event.setStackId(
                String.format(arnPrefix, "cloudformation")
                        + "stack/"
                        + "s".repeat(128)
                        + "/5b9f4c40-1f4b-11ef-8b5e-0a1b2c3d4e5f");
        event.setRequestId("0b3f2f6e-5f0c-4c53-9d4e-2f8b1c7a9e10");
        event.setLogicalResourceId(CloudFormation.LOGICAL_ID);
        Answer answer =
                new Answer(
                        event,
                        CloudFormation.context(),
                        IdentityNotificationsHandler.physicalId(event));

        assertThat(costliest188).hasSize(188);
        assertThat(answer.bytes(answer.data(costliest188))).isLessThanOrEqualTo(Answer.MAX_BYTES);
        assertThat(
                        RecipientGuard.of(costliest188)
                                .policy(identityArn)
                                .getBytes(StandardCharsets.UTF_8)
                                .length)
                .isLessThanOrEqualTo(RecipientGuard.MAX_POLICY_BYTES);
        assertThat(
                        managedPolicyCharacters(
                                String.join(",", RecipientGuard.of(costliest188).patterns())))
                .isLessThan(6144);
        assertThat(costliest189).hasSize(189);
        assertThatThrownBy(() -> RecipientGuard.of(costliest189).policy(identityArn))
                .isInstanceOf(WiringFailure.class)
                .hasMessageContaining("over SES's 4096");
    }

    /**
     * template.yaml's BlockTestRecipientsPolicy as CloudFormation sends it to IAM, white space not
     * counted.
     */
    private static int managedPolicyCharacters(String patterns) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode statement = json.createObjectNode();
        statement.put("Sid", "DenyBlockedRecipientDomains");
        statement.put("Effect", "Deny");
        RecipientGuard.SENDING_ACTIONS.forEach(statement.putArray("Action")::add);
        statement.put("Resource", "*");
        List.of(patterns.split(","))
                .forEach(
                        statement
                                        .putObject("Condition")
                                        .putObject("ForAnyValue:StringLike")
                                        .putArray("ses:Recipients")
                                ::add);
        ObjectNode policy = json.createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.putArray("Statement").add(statement);
        return policy.toString().replaceAll("\\s", "").length();
    }
}
