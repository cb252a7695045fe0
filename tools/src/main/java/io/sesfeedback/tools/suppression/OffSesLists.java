package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.items.Tenants;
import io.sesfeedback.tools.targets.Target;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Takes one address off SES's suppression lists, as unsuppress and forget --ses do: the list that
 * applies to one tenant's mail ({@code --tenant}, read before anything changes, so that an unknown
 * tenant stops the command first), or the account's list and the tenants' lists the address's
 * feedback leads to. DeleteSuppressedDestination answers NotFoundException for an address a list
 * does not hold
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_DeleteSuppressedDestination.html).
 */
final class OffSesLists {

    private final Target target;
    private final SesV2Client ses;
    private final TenantList chosen;

    /** {@code tenant}: only the list that applies to its mail; null for every list. */
    OffSesLists(Target target, String tenant) {
        this.target = target;
        this.ses = target.client(SesV2Client.builder(), "sesv2");
        this.chosen = tenant == null ? null : TenantList.of(target, ses, tenant);
    }

    /**
     * With a tenant, its list; else the account's list, then the own list of each tenant whose
     * feedback {@code items} (the address's events and messages) name, where that list applies to
     * the tenant's mail: with scope TENANT, SES checks only the tenant's list
     * (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html).
     */
    void takeOff(String key, Collection<Map<String, AttributeValue>> items, PrintWriter out) {
        if (chosen != null) {
            out.println(chosen.why());
            offList(key, chosen.tenant(), out);
            return;
        }
        offList(key, null, out);
        for (String tenant : new Tenants(target).named(items)) {
            Optional<TenantList> list = TenantList.find(target, ses, tenant);
            if (list.isEmpty()) {
                // SES deletes a tenant's list with the tenant (same page, "Deleting a tenant")
                out.println("Tenant " + tenant + " is gone from SES, and its list with it.");
            } else if (list.get().own()) {
                out.println(list.get().why());
                offList(key, tenant, out);
            }
        }
    }

    private void offList(String key, String tenant, PrintWriter out) {
        SesSuppressionList list = new SesSuppressionList(ses, Duration.ZERO, tenant);
        out.println(
                list.delete(key)
                        ? "Took " + key + " off " + list.name() + "."
                        : key + " was not on " + list.name() + ".");
    }
}
