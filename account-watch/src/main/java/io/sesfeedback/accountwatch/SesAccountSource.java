package io.sesfeedback.accountwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.FeatureStatus;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsResponse;
import software.amazon.awssdk.services.sesv2.model.SendQuota;

/**
 * The account as SES API v2 reports it: GetAccount, and ListRecommendations (status OPEN) when Virtual Deliverability
 * Manager is on; without it SES makes no recommendations, and the call is not made.
 */
final class SesAccountSource implements AccountWatch.AccountSource {

    /** The largest page SES allows. */
    private static final int PAGE_SIZE = 100;
    /** GetAccount leaves out what it does not know; a missing status is not taken for HEALTHY. */
    static final String UNKNOWN = "UNKNOWN";

    private final SesV2Client ses;

    SesAccountSource(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public AccountWatch.Reading read() {
        GetAccountResponse account = FailedCall.of("ses:GetAccount", () -> ses.getAccount(request -> { }));
        boolean vdm = account.vdmAttributes() != null && account.vdmAttributes().vdmEnabled() == FeatureStatus.ENABLED;
        SendQuota quota = account.sendQuota() == null ? SendQuota.builder().build() : account.sendQuota();
        AccountState state = new AccountState(
                account.enforcementStatus() == null ? UNKNOWN : account.enforcementStatus(),
                Boolean.TRUE.equals(account.sendingEnabled()),
                Boolean.TRUE.equals(account.productionAccessEnabled()),
                orZero(quota.max24HourSend()), orZero(quota.maxSendRate()), vdm,
                vdm ? openRecommendations() : List.of());
        return new AccountWatch.Reading(state, orZero(quota.sentLast24Hours()));
    }

    private List<Recommendation> openRecommendations() {
        List<Recommendation> open = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListRecommendationsResponse page = FailedCall.of("ses:ListRecommendations", () -> ses.listRecommendations(request -> request
                    .filterWithStrings(Map.of("STATUS", "OPEN")).pageSize(PAGE_SIZE).nextToken(next)));
            page.recommendations().forEach(r -> open.add(
                    new Recommendation(r.typeAsString(), r.resourceArn(), r.impactAsString(), r.description())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return open;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
