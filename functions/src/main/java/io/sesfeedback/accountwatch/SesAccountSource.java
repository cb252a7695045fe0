package io.sesfeedback.accountwatch;

import io.sesfeedback.support.FailedCall;
import io.sesfeedback.support.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.FeatureStatus;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsResponse;
import software.amazon.awssdk.services.sesv2.model.ListReputationEntitiesResponse;
import software.amazon.awssdk.services.sesv2.model.ReputationEntity;
import software.amazon.awssdk.services.sesv2.model.SendQuota;
import software.amazon.awssdk.services.sesv2.model.StatusRecord;

/**
 * The account as SES API v2 reports it: GetAccount, ListReputationEntities (the tenants, {@value
 * #MAX_TENANT_PAGES} pages at most), and ListRecommendations (status OPEN) when Virtual
 * Deliverability Manager is on (GetAccount's SuppressionAttributes give the account-level
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

    /**
     * 10,000 tenants, SES's default quota (https://docs.aws.amazon.com/ses/latest/dg/tenants.html):
     * more make an incomplete reading, in which no tenant reads as deleted.
     */
    static final int MAX_TENANT_PAGES = 100;

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
        List<TenantState> tenants = new ArrayList<>();
        boolean allTenants = false;
        String tenantsProblem = null;
        try {
            allTenants = listTenants(tenants, open);
        } catch (FailedCall e) {
            // the account is watched all the same: the tenants read are compared, none deleted
            tenantsProblem =
                    e.action()
                            + " "
                            + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + (e.errorCode() == null ? "" : " (" + e.errorCode() + ")");
        }
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
                        // a tenant's findings are told in its own change, not the account's too
                        open.stream()
                                .filter(r -> TenantState.nameOf(r.resourceArn()) == null)
                                .toList());
        return new AccountWatch.Reading(
                state,
                orZero(quota.sentLast24Hours()),
                complete,
                tenants,
                allTenants,
                tenantsProblem);
    }

    /**
     * Adds every tenant to {@code tenants} from ListReputationEntities, one entity per tenant with
     * its statuses, policy and impact (not a GetTenant or GetReputationEntity per tenant); its open
     * findings are those of {@code open} whose ResourceArn is the tenant's. False when more pages
     * remain than a check reads.
     */
    private boolean listTenants(List<TenantState> tenants, List<Recommendation> open) {
        Map<String, Integer> findings = new HashMap<>();
        Map<String, String> impacts = new HashMap<>();
        for (Recommendation r : open) {
            findings.merge(r.resourceArn(), 1, Integer::sum);
            impacts.merge(r.resourceArn(), r.impact(), (a, b) -> "HIGH".equals(a) ? a : b);
        }
        String token = null;
        for (int pages = 0; pages < MAX_TENANT_PAGES; pages++) {
            String next = token;
            ListReputationEntitiesResponse page =
                    FailedCall.call(
                            "ses:ListReputationEntities",
                            "tenant/*",
                            () ->
                                    ses.listReputationEntities(
                                            request ->
                                                    request.pageSize(PAGE_SIZE).nextToken(next)));
            for (ReputationEntity entity : page.reputationEntities()) {
                String arn = entity.reputationEntityReference();
                // a reputation entity is a resource; today only tenants are (API_ReputationEntity)
                String name = TenantState.nameOf(arn);
                if (name != null) {
                    tenants.add(tenant(name, arn, entity, findings, impacts));
                }
            }
            token = page.nextToken();
            if (token == null || token.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static TenantState tenant(
            String name,
            String arn,
            ReputationEntity entity,
            Map<String, Integer> findings,
            Map<String, String> impacts) {
        StatusRecord customer = entity.customerManagedStatus();
        StatusRecord ses = entity.awsSesManagedStatus();
        String impact = impacts.get(arn);
        return new TenantState(
                name,
                arn,
                entity.sendingStatusAggregateAsString(),
                customer == null ? null : customer.statusAsString(),
                customer == null ? null : customer.cause(),
                ses == null ? null : ses.statusAsString(),
                ses == null ? null : ses.cause(),
                TenantState.policyOf(entity.reputationManagementPolicy()),
                findings.getOrDefault(arn, 0),
                // ReputationImpact: "the highest impact reputation finding currently active"
                impact != null ? impact : entity.reputationImpactAsString());
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
