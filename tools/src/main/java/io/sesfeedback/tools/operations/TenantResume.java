package io.sesfeedback.tools.operations;

import io.sesfeedback.tools.UserError;
import java.io.PrintWriter;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.ReputationEntity;
import software.amazon.awssdk.services.sesv2.model.ReputationEntityType;
import software.amazon.awssdk.services.sesv2.model.SendingStatus;

/**
 * {@code resume --tenant}: the tenant's customer-managed status back to ENABLED, its statuses
 * printed before and after. ENABLED, not REINSTATED: REINSTATED lets the tenant send even while SES
 * has active reputation findings about it
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_ReputationEntity.html), which would
 * switch off SES's own protection as well as the breaker's pause.
 */
final class TenantResume {

    private final SesV2Client ses;
    private final String stack;
    private final String region;

    TenantResume(SesV2Client ses, String stack, String region) {
        this.ses = ses;
        this.stack = stack;
        this.region = region;
    }

    void resume(String name, boolean dryRun, PrintWriter out) {
        String arn;
        try {
            arn = ses.getTenant(r -> r.tenantName(name)).tenant().tenantArn();
        } catch (NotFoundException e) {
            throw new UserError(
                    "No SES tenant " + name + " in " + region + " (" + stack + "): check --tenant");
        }
        ReputationEntity before = entity(arn);
        String what = "SES tenant " + name + " (" + stack + ")";
        if (before.customerManagedStatus() == null
                || before.customerManagedStatus().status() != SendingStatus.DISABLED) {
            out.println(
                    what + " is not paused by its customer: nothing to resume. " + state(before));
            awsManaged(before, out);
            return;
        }
        if (dryRun) {
            out.println("Would resume " + what + "; nothing changed. " + state(before));
            return;
        }
        ses.updateReputationEntityCustomerManagedStatus(
                r ->
                        r.reputationEntityType(ReputationEntityType.RESOURCE)
                                .reputationEntityReference(arn)
                                .sendingStatus(SendingStatus.ENABLED));
        ReputationEntity after = entity(arn);
        out.println("Resumed " + what + ".");
        out.println("  before: " + state(before));
        out.println("  after:  " + state(after));
        awsManaged(after, out);
    }

    private ReputationEntity entity(String arn) {
        return ses.getReputationEntity(
                        r ->
                                r.reputationEntityType(ReputationEntityType.RESOURCE)
                                        .reputationEntityReference(arn))
                .reputationEntity();
    }

    private static String state(ReputationEntity entity) {
        return "customer-managed "
                + (entity.customerManagedStatus() == null
                        ? "ENABLED"
                        : entity.customerManagedStatus().statusAsString())
                + ", SES-managed "
                + (entity.awsSesManagedStatus() == null
                        ? "ENABLED"
                        : entity.awsSesManagedStatus().statusAsString())
                + ", sending "
                + entity.sendingStatusAggregateAsString();
    }

    /** SES's own pause is not the customer's to lift: say so rather than leave it unexplained. */
    private static void awsManaged(ReputationEntity entity, PrintWriter out) {
        if (entity.awsSesManagedStatus() != null
                && entity.awsSesManagedStatus().status() == SendingStatus.DISABLED) {
            out.println(
                    "  SES itself pauses the tenant (SES-managed DISABLED"
                            + (entity.awsSesManagedStatus().cause() == null
                                    ? ""
                                    : ": " + entity.awsSesManagedStatus().cause())
                            + "): this resume does not lift it.");
        }
    }
}
