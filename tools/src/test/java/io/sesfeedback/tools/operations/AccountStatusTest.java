package io.sesfeedback.tools.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What status says, from figures: the headroom arithmetic, the marks beside each rate, what is
 * missing.
 */
class AccountStatusTest {

    private static final AccountStatus.Thresholds DEFAULTS =
            new AccountStatus.Thresholds(0.03, 0.005);
    private static final AccountStatus.Standing HEALTHY =
            new AccountStatus.Standing(
                    "HEALTHY", true, true, 50_000, 14, 1_234, List.of("BOUNCE", "COMPLAINT"));

    @Test
    void headroomIsTheHardBouncesThatWouldBringTheRateOverTheVolumeToEachLevel() {
        assertThat(AccountStatus.bouncesUntil(0.05, 10_000, 120)).isEqualTo(380);
        assertThat(AccountStatus.bouncesUntil(0.10, 10_000, 120)).isEqualTo(880);
        assertThat(AccountStatus.bouncesUntil(0.05, 10_000, 600))
                .as("past the level already")
                .isZero();
        assertThat(AccountStatus.bouncesUntil(0.05, 3, 0))
                .as("a part of a bounce is one more")
                .isEqualTo(1);
    }

    @Test
    void ratesAreShownBesideTheStacksAlarmAndSesLevelsAndMarkedWhenOver() {
        AccountStatus status =
                new AccountStatus(
                        Optional.of(HEALTHY),
                        null,
                        Optional.of(
                                new AccountStatus.Rates(Optional.of(0.062), Optional.of(0.0004))),
                        null,
                        new AccountStatus.Sending(1_000, 12, 0, 0),
                        new AccountStatus.Sending(10_000, 120, 3, 1),
                        DEFAULTS);

        assertThat(status.lines())
                .contains(
                        "SES account: enforcement HEALTHY, sending enabled, production access; sent 1,234 of 50,000 in the last 24 hours, at most 14 a second",
                        "  bounce rate     0.0620       this stack's alarm 0.0300, SES reviews at 0.0500, may pause at 0.1000  AT SES'S REVIEW LEVEL",
                        "  complaint rate  0.0004       this stack's alarm 0.0050, SES reviews at 0.0010, may pause at 0.0050",
                        "  delivery attempts                        1,000         10,000",
                        "Headroom: about 380 more hard bounces at this volume until SES reviews the account (5%), 880 until it may pause sending (10%).");
    }

    @Test
    void whatCannotBeReadIsNamedAndTheRestStands() {
        AccountStatus status =
                new AccountStatus(
                        Optional.empty(),
                        "AccessDeniedException: not authorized",
                        Optional.empty(),
                        "the endpoint does not speak CloudWatch's protocol",
                        new AccountStatus.Sending(0, 0, 0, 0),
                        new AccountStatus.Sending(0, 0, 0, 0),
                        DEFAULTS);

        assertThat(status.lines())
                .contains(
                        "SES account: not available (AccessDeniedException: not authorized)",
                        "Reputation now: not available from CloudWatch (the endpoint does not speak CloudWatch's protocol)",
                        "Headroom: no mail sent in the last 14 days, nothing to weigh bounces against.");
    }

    @Test
    void sesReviewAndPauseLevelsAreTheTemplatesSesLevels() throws IOException {
        CloudFormationTemplate template = CloudFormationTemplate.load(Path.of("template.yaml"));

        assertThat(
                        List.of(
                                AccountStatus.BOUNCE_REVIEW,
                                AccountStatus.BOUNCE_PAUSE,
                                AccountStatus.COMPLAINT_REVIEW,
                                AccountStatus.COMPLAINT_PAUSE))
                .isEqualTo(
                        List.of(
                                level(template, "BounceRate", "Review"),
                                        level(template, "BounceRate", "Pause"),
                                level(template, "ComplaintRate", "Review"),
                                        level(template, "ComplaintRate", "Pause")));
    }

    private static double level(CloudFormationTemplate template, String rate, String level) {
        return Double.parseDouble((String) template.findInMap(List.of("SesLevels", rate, level)));
    }
}
