package io.sesfeedback.testing.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.ReputationEntityType;
import software.amazon.awssdk.services.sesv2.model.SendingStatus;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;
import software.amazon.awssdk.services.sesv2.model.SuppressionListScope;

/** The stand-in's tenant calls, through the SDK's own client, as the code under test makes them. */
class SesV2StandInTenantsTest {

    private final SesV2StandIn ses = start();
    private final SesV2Client client = ses.client();

    @AfterEach
    void stop() {
        client.close();
        ses.close();
    }

    @Test
    void givenThreeTenants_whenListedPageByPage_thenEveryTenantComesOnce() {
        ses.tenant("acme");
        ses.tenant("globex");
        ses.tenant("initech");

        List<String> names =
                client.listTenantsPaginator(r -> r.pageSize(100)).tenants().stream()
                        .map(t -> t.tenantName())
                        .toList();

        assertThat(names).containsExactly("acme", "globex", "initech");
    }

    @Test
    void givenAPausedTenant_whenItsEntityIsRead_thenTheAggregateIsDisabledAndThePolicyAnArn() {
        ses.sesStatus("acme", "DISABLED", "High bounce rate");
        ses.policy("acme", "strict");
        String arn = ses.tenant("acme").arn();

        var entity =
                client.getReputationEntity(
                                r ->
                                        r.reputationEntityType(ReputationEntityType.RESOURCE)
                                                .reputationEntityReference(arn))
                        .reputationEntity();

        assertThat(entity.sendingStatusAggregate()).isEqualTo(SendingStatus.DISABLED);
        assertThat(entity.awsSesManagedStatus().cause()).isEqualTo("High bounce rate");
        assertThat(entity.reputationManagementPolicy())
                .isEqualTo("arn:aws:ses:eu-west-1:aws:reputation-policy/strict");
    }

    @Test
    void givenATenant_whenTheCustomerDisablesIt_thenTheStatusReadsBackDisabled() {
        String arn = ses.tenant("acme").arn();

        client.updateReputationEntityCustomerManagedStatus(
                r ->
                        r.reputationEntityType(ReputationEntityType.RESOURCE)
                                .reputationEntityReference(arn)
                                .sendingStatus(SendingStatus.DISABLED));

        assertThat(ses.tenant("acme").customerStatus()).isEqualTo("DISABLED");
        assertThat(
                        client.listReputationEntities(
                                        r ->
                                                r.filterWithStrings(
                                                        java.util.Map.of(
                                                                "SENDING_STATUS", "DISABLED")))
                                .reputationEntities())
                .singleElement()
                .satisfies(e -> assertThat(e.reputationEntityReference()).isEqualTo(arn));
    }

    @Test
    void givenATenantList_whenAnAddressIsPutReadAndDeleted_thenTheAccountListIsUntouched() {
        ses.tenant("acme");
        client.putTenantSuppressionAttributes(
                r ->
                        r.tenantName("acme")
                                .suppressionScope(SuppressionListScope.TENANT)
                                .suppressedReasonsWithStrings("BOUNCE", "COMPLAINT"));

        client.putSuppressedDestination(
                r ->
                        r.tenantName("acme")
                                .emailAddress("a@example.com")
                                .reason(SuppressionListReason.BOUNCE));

        assertThat(ses.listed("acme")).containsEntry("a@example.com", "BOUNCE");
        assertThat(ses.listed()).isEmpty();
        assertThat(
                        client.getSuppressedDestination(
                                        r -> r.tenantName("acme").emailAddress("a@example.com"))
                                .suppressedDestination()
                                .tenantName())
                .isEqualTo("acme");
        assertThat(
                        client.getTenant(r -> r.tenantName("acme"))
                                .tenant()
                                .suppressionAttributes()
                                .suppressionScope())
                .isEqualTo(SuppressionListScope.TENANT);

        client.deleteSuppressedDestination(r -> r.tenantName("acme").emailAddress("a@example.com"));

        assertThat(ses.listed("acme")).isEmpty();
        assertThatThrownBy(
                        () ->
                                client.deleteSuppressedDestination(
                                        r -> r.tenantName("nobody").emailAddress("a@example.com")))
                .isInstanceOf(NotFoundException.class);
    }

    private static SesV2StandIn start() {
        try {
            return SesV2StandIn.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
