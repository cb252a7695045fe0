package io.sesfeedback.tools.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample month's recipients: a new address each, or, for a load test, N addresses taken in
 * turn.
 */
class MailMonthTest {

    @Test
    void withoutAddressesEveryRecipientIsAnAddressOfItsOwn() {
        List<String> mailed = mailed("--sample", "40", "--recipients", "2");

        assertThat(mailed).hasSize(80).doesNotHaveDuplicates();
    }

    @Test
    void aLoadTestTakesItsRecipientsInTurnFromItsAddresses() {
        List<String> mailed = mailed("--sample", "40", "--recipients", "2", "--addresses", "5");

        assertThat(mailed)
                .hasSize(80)
                .containsOnly(
                        "customer.1@mail1.example.com",
                        "customer.2@mail2.example.com",
                        "customer.3@mail3.example.com",
                        "customer.4@mail4.example.com",
                        "customer.5@mail5.example.com");
        assertThat(mailed.subList(0, 6))
                .containsExactly(
                        "customer.1@mail1.example.com",
                        "customer.2@mail2.example.com",
                        "customer.3@mail3.example.com",
                        "customer.4@mail4.example.com",
                        "customer.5@mail5.example.com",
                        "customer.1@mail1.example.com");
    }

    @Test
    void aLargeBounceAfterTheSampleNamesNewAddressesAndANewSnsMessage() {
        MailMonth month =
                new MailMonth(
                        CostOptions.parse(new String[] {"--sample", "10", "--addresses", "3"}));
        List<MailMonth.Replayed> sample = month.messages();

        MailMonth.Replayed bounce = month.largeBounce(4).get(0);

        assertThat(bounce.event().recipients())
                .doesNotContainAnyElementsOf(
                        sample.stream()
                                .flatMap(message -> message.event().recipients().stream())
                                .toList());
        assertThat(sample)
                .extracting(message -> message.sns().messageId())
                .doesNotContain(bounce.sns().messageId());
    }

    @Test
    void fewerAddressesThanRecipientsAMailIsRefused() {
        assertThatThrownBy(
                        () ->
                                CostOptions.parse(
                                        new String[] {"--recipients", "3", "--addresses", "2"}))
                .hasMessageContaining("--addresses must be at least --recipients");
    }

    /** Every mail's destination in the order the mails were sent, whichever messages they made. */
    private static List<String> mailed(String... options) {
        return new MailMonth(CostOptions.parse(options))
                .messages().stream()
                        .map(message -> message.event().mail())
                        .distinct()
                        .flatMap(mail -> mail.destination().stream())
                        .toList();
    }
}
