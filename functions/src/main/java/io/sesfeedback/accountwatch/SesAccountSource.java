package io.sesfeedback.accountwatch;

import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.FeatureStatus;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsResponse;
import software.amazon.awssdk.services.sesv2.model.SendQuota;

/**
 * The account as SES API v2 reports it: GetAccount, and ListRecommendations (status OPEN) when
 * Virtual Deliverability Manager is on (GetAccount's SuppressionAttributes give the account-level
 * suppression); without it SES makes no recommendations, and the call is not made. Its pages are
 * paced to SES's rate, and a check reads {@value #MAX_PAGES} at most: more open recommendations
 * make an incomplete reading.
 */
final class SesAccountSource implements AccountWatch.AccountSource {

    /** The largest page SES allows. */
    static final int PAGE_SIZE = 100;

    /**
     * SES API v2 ListRecommendations: "You can execute this operation no more than once per
     * second." (API Reference).
     */
    static final Duration LIST_INTERVAL = Duration.ofSeconds(1);

    /** 1,000 recommendations in some 10 s at that rate, well within the function's 30 s timeout. */
    static final int MAX_PAGES = 10;

    /** GetAccount leaves out what it does not know; a missing status is not taken for HEALTHY. */
    static final String UNKNOWN = "UNKNOWN";

    private final SesV2Client ses;
    private final Pacer.Ticker ticker;

    SesAccountSource(SesV2Client ses, Pacer.Ticker ticker) {
        this.ses = ses;
        this.ticker = ticker;
    }

    @Override
    public AccountWatch.Reading read() {
        GetAccountResponse account =
                FailedCall.call("ses:GetAccount", "*", () -> ses.getAccount(request -> {}));
        boolean vdm =
                account.vdmAttributes() != null
                        && account.vdmAttributes().vdmEnabled() == FeatureStatus.ENABLED;
        SendQuota quota =
                account.sendQuota() == null ? SendQuota.builder().build() : account.sendQuota();
        List<Recommendation> open = new ArrayList<>();
        boolean complete = !vdm || listOpenRecommendations(open);
        AccountState state =
                new AccountState(
                        account.enforcementStatus() == null ? UNKNOWN : account.enforcementStatus(),
                        Boolean.TRUE.equals(account.sendingEnabled()),
                        Boolean.TRUE.equals(account.productionAccessEnabled()),
                        orZero(quota.max24HourSend()),
                        orZero(quota.maxSendRate()),
                        vdm,
                        // SuppressedReasons left out or empty: both read as off
                        // https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetAccount.html
                        AccountSuppression.of(
                                account.suppressionAttributes() == null
                                        ? null
                                        : account.suppressionAttributes()
                                                .suppressedReasonsAsStrings()),
                        open);
        return new AccountWatch.Reading(state, orZero(quota.sentLast24Hours()), complete);
    }

    /**
     * Adds the open recommendations to {@code open}; false when more pages remain than a check
     * reads.
     */
    private boolean listOpenRecommendations(List<Recommendation> open) {
        Pacer pacer = new Pacer(LIST_INTERVAL, ticker);
        String token = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            String next = token;
            pacer.awaitTurn();
            ListRecommendationsResponse page =
                    FailedCall.call(
                            "ses:ListRecommendations",
                            "*",
                            () ->
                                    ses.listRecommendations(
                                            request ->
                                                    request.filterWithStrings(
                                                                    Map.of("STATUS", "OPEN"))
                                                            .pageSize(PAGE_SIZE)
                                                            .nextToken(next)));
            page.recommendations()
                    .forEach(
                            r ->
                                    open.add(
                                            new Recommendation(
                                                    r.typeAsString(),
                                                    r.resourceArn(),
                                                    r.impactAsString(),
                                                    r.description())));
            token = page.nextToken();
            if (token == null || token.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
