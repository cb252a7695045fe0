package io.sesfeedback.breaker;

import io.sesfeedback.support.FailedCall;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.ListTenantsResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.ReputationEntityType;
import software.amazon.awssdk.services.sesv2.model.SendingStatus;
import software.amazon.awssdk.services.sesv2.model.StatusRecord;

/**
 * The account's tenants through SES API v2: ListTenants page by page, then GetReputationEntity and
 * UpdateReputationEntityCustomerManagedStatus on the tenant's ARN, a tenant being a reputation
 * entity of type RESOURCE (https://docs.aws.amazon.com/ses/latest/dg/tenants.html).
 */
final class SesTenants implements TenantDirectory {

    /** 100 a page, as status asks; ListTenants documents neither its default nor its largest. */
    static final int PAGE_SIZE = 100;

    private final SesV2Client ses;

    SesTenants(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public void pages(Consumer<List<Tenant>> page) {
        String token = null;
        do {
            String next = token;
            // ses:ListTenants has no resource type (Service Authorization Reference, SES v2)
            ListTenantsResponse response =
                    FailedCall.call(
                            "ses:ListTenants",
                            "*",
                            () -> ses.listTenants(r -> r.pageSize(PAGE_SIZE).nextToken(next)));
            page.accept(
                    response.tenants().stream()
                            .map(
                                    t ->
                                            new Tenant(
                                                    t.tenantName(),
                                                    t.tenantId(),
                                                    t.tenantArn(),
                                                    t.createdTimestamp()))
                            .toList());
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
    }

    @Override
    public CustomerStatus customerStatus(Tenant tenant) {
        try {
            StatusRecord status =
                    FailedCall.call(
                            "ses:GetReputationEntity",
                            tenant.arn(),
                            () ->
                                    ses.getReputationEntity(
                                                    r ->
                                                            r.reputationEntityType(
                                                                            ReputationEntityType
                                                                                    .RESOURCE)
                                                                    .reputationEntityReference(
                                                                            tenant.arn()))
                                            .reputationEntity()
                                            .customerManagedStatus());
            // a tenant never paused or resumed by its customer may have no record: it sends
            return status == null
                    ? new CustomerStatus("ENABLED", null)
                    : new CustomerStatus(status.statusAsString(), status.lastUpdatedTimestamp());
        } catch (FailedCall failure) {
            if (failure.getCause() instanceof NotFoundException) {
                return null;
            }
            throw failure;
        }
    }

    @Override
    public void pause(Tenant tenant) {
        FailedCall.call(
                "ses:UpdateReputationEntityCustomerManagedStatus",
                tenant.arn(),
                () ->
                        ses.updateReputationEntityCustomerManagedStatus(
                                r ->
                                        r.reputationEntityType(ReputationEntityType.RESOURCE)
                                                .reputationEntityReference(tenant.arn())
                                                .sendingStatus(SendingStatus.DISABLED)));
    }
}
