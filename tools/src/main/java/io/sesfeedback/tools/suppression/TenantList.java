package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.operations.ResumeCommand;
import io.sesfeedback.tools.targets.Target;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SuppressionListScope;
import software.amazon.awssdk.services.sesv2.model.SuppressionOptions;
import software.amazon.awssdk.services.sesv2.model.Tenant;
import software.amazon.awssdk.services.sesv2.model.TenantSuppressionAttributes;

/**
 * Which of SES's suppression lists applies to one tenant's mail: the configuration set's scope if
 * it sets one, else the tenant's (absent is ACCOUNT), else the account's; with scope TENANT SES
 * checks only the tenant's list
 * (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html).
 *
 * @param tenant the tenant whose own list applies; null when the account's list does
 * @param why one line: which list, and whose scope chose it
 */
record TenantList(String tenant, String why) {

    /** The tenant's own list. */
    boolean own() {
        return tenant != null;
    }

    /**
     * The list that applies to {@code tenant}'s mail sent with the stack's configuration set
     * (ConfigurationSetName; none on the local store or when empty).
     */
    static TenantList of(Target target, SesV2Client ses, String tenant) {
        String set = target.parameter(ResumeCommand.CONFIGURATION_SET_NAME);
        return of(ses, tenant, set == null || set.isBlank() ? null : set);
    }

    static TenantList of(SesV2Client ses, String name, String configurationSet) {
        return find(ses, name, configurationSet)
                .orElseThrow(
                        () ->
                                new UserError(
                                        "SES has no tenant "
                                                + name
                                                + " in this account and region: check the tenant's name"));
    }

    /** The same; empty when SES has no such tenant (deleted since, say). */
    static Optional<TenantList> find(Target target, SesV2Client ses, String tenant) {
        String set = target.parameter(ResumeCommand.CONFIGURATION_SET_NAME);
        return find(ses, tenant, set == null || set.isBlank() ? null : set);
    }

    private static Optional<TenantList> find(
            SesV2Client ses, String name, String configurationSet) {
        Tenant tenant;
        try {
            // GetTenant: SuppressionAttributes holds the tenant's scope
            // (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetTenant.html)
            tenant = ses.getTenant(r -> r.tenantName(name)).tenant();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        SuppressionListScope tenantScope =
                Optional.ofNullable(tenant.suppressionAttributes())
                        .map(TenantSuppressionAttributes::suppressionScope)
                        .orElse(SuppressionListScope.ACCOUNT);
        SuppressionListScope setScope =
                configurationSet == null
                        ? null
                        : Optional.ofNullable(
                                        ses.getConfigurationSet(
                                                        r ->
                                                                r.configurationSetName(
                                                                        configurationSet))
                                                .suppressionOptions())
                                .map(SuppressionOptions::suppressionScope)
                                .orElse(null);
        String tenantSays = "tenant " + name + "'s SuppressionScope is " + tenantScope;
        String why =
                setScope == null
                        ? tenantSays
                        : "configuration set "
                                + configurationSet
                                + "'s SuppressionScope "
                                + setScope
                                + " overrides: "
                                + tenantSays;
        SuppressionListScope scope = setScope != null ? setScope : tenantScope;
        return Optional.of(
                scope == SuppressionListScope.TENANT
                        ? new TenantList(
                                name, "Suppression list: tenant " + name + "'s own (" + why + ").")
                        : new TenantList(null, "Suppression list: the account's (" + why + ")."));
    }
}
