package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesfeedback.identities.SendingPolicy.Send;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendTemplatedEmailRequest;

/**
 * The guard's policy, evaluated by the documented semantics (SendingPolicy) on sends as the SDK
 * builds them.
 */
class RecipientGuardTest {

    private static final String IDENTITY =
            "arn:aws:ses:eu-west-1:123456789012:identity/mail.sesfeedback.dev";
    private static final SendingPolicy RESERVED =
            SendingPolicy.of(RecipientGuard.of("reserved").policy(IDENTITY));

    @Test
    void aSendToALoadTestAddressAtExampleComIsDenied() {
        assertThat(RESERVED.denies(send(List.of("load-test-1@example.com"), List.of(), List.of())))
                .isTrue();
    }

    @Test
    void aSendToARealDomainIsNotDenied() {
        assertThat(
                        RESERVED.denies(
                                send(
                                        List.of("jane.doe@amazon.com", "ops@mail.example.co.uk"),
                                        List.of(),
                                        List.of())))
                .isFalse();
    }

    @Test
    void aBlockedAddressInCcOrBccDeniesTheWholeSend() {
        List<String> real = List.of("jane.doe@amazon.com");

        assertThat(RESERVED.denies(send(real, List.of("load-test-1@example.com"), List.of())))
                .as("CC")
                .isTrue();
        assertThat(RESERVED.denies(send(real, List.of(), List.of("load-test-1@example.com"))))
                .as("BCC")
                .isTrue();
    }

    @Test
    void rawAndTemplatedSendsAreDeniedLikePlainOnes() {
        Send raw =
                Send.of(
                        SendRawEmailRequest.builder().destinations("user@foo.test").build(),
                        IDENTITY);
        Send templated =
                Send.of(
                        SendTemplatedEmailRequest.builder()
                                .source("noreply@mail.sesfeedback.dev")
                                .destination(d -> d.bccAddresses("someone@example.net"))
                                .template("welcome")
                                .templateData("{}")
                                .build(),
                        IDENTITY);

        assertThat(RESERVED.denies(raw)).isTrue();
        assertThat(RESERVED.denies(templated)).isTrue();
    }

    @Test
    void everyReservedNameAndEveryNameBelowItIsDenied() {
        List<String> addresses =
                List.of(
                        "a@example.com",
                        "a@example.net",
                        "a@example.org",
                        "a@mx.example.com",
                        "a@host.test",
                        "a@deep.host.test",
                        "a@shop.example",
                        "a@nowhere.invalid",
                        "a@localhost",
                        "a@app.localhost");

        assertThat(addresses)
                .allSatisfy(
                        address ->
                                assertThat(
                                                RESERVED.denies(
                                                        send(
                                                                List.of(address),
                                                                List.of(),
                                                                List.of())))
                                        .as(address)
                                        .isTrue());
    }

    @Test
    void namesThatOnlyResembleABlockedOneAreNotDenied() {
        List<String> addresses =
                List.of(
                        "a@notexample.com",
                        "a@example.com.mail.org",
                        "a@example.co",
                        "a@tested.dev",
                        "a@localhost.company.net",
                        "example.com@gmail.com");

        assertThat(addresses)
                .allSatisfy(
                        address ->
                                assertThat(
                                                RESERVED.denies(
                                                        send(
                                                                List.of(address),
                                                                List.of(),
                                                                List.of())))
                                        .as(address)
                                        .isFalse());
    }

    @Test
    void lowerUpperAndCapitalisedFormsAreDeniedAndOtherMixturesPassAsDocumented() {
        assertThat(RESERVED.denies(send(List.of("Load.Test@EXAMPLE.COM"), List.of(), List.of())))
                .isTrue();
        assertThat(RESERVED.denies(send(List.of("user@Example.com"), List.of(), List.of())))
                .isTrue();
        assertThat(RESERVED.denies(send(List.of("user@mx.Example.org"), List.of(), List.of())))
                .isTrue();
        assertThat(RESERVED.denies(send(List.of("user@HOST.TEST"), List.of(), List.of()))).isTrue();
        // StringLike is case-sensitive: docs/deploy.md's Guard section names this limit
        assertThat(RESERVED.denies(send(List.of("user@eXample.com"), List.of(), List.of())))
                .isFalse();
        assertThat(RESERVED.denies(send(List.of("user@Example.COM"), List.of(), List.of())))
                .isFalse();
    }

    @Test
    void theUsersOwnDomainsAreAddedToTheReservedNames() {
        RecipientGuard guard = RecipientGuard.of("reserved, LoadTest.Sesfeedback.dev.");
        SendingPolicy policy = SendingPolicy.of(guard.policy(IDENTITY));

        assertThat(guard.domains())
                .startsWith("example.com")
                .endsWith("loadtest.sesfeedback.dev")
                .hasSize(8);
        assertThat(
                        policy.denies(
                                send(
                                        List.of("user-17@loadtest.sesfeedback.dev"),
                                        List.of(),
                                        List.of())))
                .isTrue();
        assertThat(
                        policy.denies(
                                send(
                                        List.of("user-17@LOADTEST.SESFEEDBACK.DEV"),
                                        List.of(),
                                        List.of())))
                .isTrue();
        assertThat(policy.denies(send(List.of("jane@sesfeedback.dev"), List.of(), List.of())))
                .isFalse();
    }

    @Test
    void aListWithoutReservedBlocksOnlyItsOwnDomains() {
        SendingPolicy policy =
                SendingPolicy.of(RecipientGuard.of("loadtest.sesfeedback.dev").policy(IDENTITY));

        assertThat(policy.denies(send(List.of("a@example.com"), List.of(), List.of()))).isFalse();
        assertThat(policy.denies(send(List.of("a@loadtest.sesfeedback.dev"), List.of(), List.of())))
                .isTrue();
    }

    @Test
    void noneAndAnEmptyValueTurnTheGuardOff() {
        assertThat(RecipientGuard.of("none").enabled()).isFalse();
        assertThat(RecipientGuard.of(" NONE ").enabled()).isFalse();
        assertThat(RecipientGuard.of(null).enabled()).isFalse();
        assertThat(RecipientGuard.of("none").patterns()).isEmpty();
        assertThat(RecipientGuard.of("reserved").enabled()).isTrue();
    }

    @Test
    void noneInsideAListFailsRatherThanBlockingADomainCalledNone() {
        assertThatThrownBy(() -> RecipientGuard.of("reserved,none"))
                .isInstanceOf(WiringFailure.class)
                .hasMessageContaining("stands alone");
    }

    @Test
    void aWordThatIsNotADomainFailsWithAReason() {
        assertThatThrownBy(() -> RecipientGuard.of("reserved,*.example.com"))
                .isInstanceOf(WiringFailure.class)
                .hasMessageContaining("\"*.example.com\" is not a domain name")
                .hasMessageContaining("none to turn the guard off");
    }

    @Test
    void thePolicyDeniesOnlySendingOnTheIdentityItIsFor() {
        Send elsewhere =
                new Send(
                        "ses:SendEmail",
                        "arn:aws:ses:eu-west-1:123456789012:identity/other.dev",
                        List.of("a@example.com"));
        Send notASend =
                new Send("ses:SetIdentityNotificationTopic", IDENTITY, List.of("a@example.com"));

        assertThat(RESERVED.denies(elsewhere)).isFalse();
        assertThat(RESERVED.denies(notASend)).isFalse();
        assertThat(RESERVED.denies(new Send("ses:SendEmail", IDENTITY, List.of())))
                .as("no recipients at all")
                .isFalse();
    }

    @Test
    void aPolicyOverSesFourKilobytesFailsNamingTheSize() {
        String domains =
                String.join(
                        ",",
                        IntStream.range(0, 40)
                                .mapToObj(i -> "load-" + i + ".sesfeedback.dev")
                                .toList());
        RecipientGuard guard = RecipientGuard.of(domains);

        assertThatThrownBy(() -> guard.policy(IDENTITY))
                .isInstanceOf(WiringFailure.class)
                .hasMessageContaining("over SES's 4096")
                .hasMessageContaining("list fewer domains");
        assertThat(
                        RecipientGuard.of("reserved")
                                .policy(IDENTITY)
                                .getBytes(StandardCharsets.UTF_8)
                                .length)
                .as("the default leaves room for your own")
                .isLessThan(2048);
    }

    private static Send send(List<String> to, List<String> cc, List<String> bcc) {
        return Send.of(
                SendEmailRequest.builder()
                        .source("noreply@mail.sesfeedback.dev")
                        .destination(d -> d.toAddresses(to).ccAddresses(cc).bccAddresses(bcc))
                        .build(),
                IDENTITY);
    }
}
