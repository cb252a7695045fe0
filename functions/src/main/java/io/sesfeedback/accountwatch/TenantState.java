package io.sesfeedback.accountwatch;

import java.util.Comparator;
import java.util.Objects;

/**
 * What SES says about one tenant, as far as a change of it is news: its aggregate sending status
 * (ENABLED, REINSTATED, DISABLED), the customer-managed and SES-managed statuses beside their
 * causes, its reputation policy (none, standard, strict) and its open findings (their number and
 * the highest impact, LOW or HIGH, null for none). Causes are shown, not compared: SES rewording
 * one is not a change. Texts are cut like a recommendation's, so that an item and a message stay
 * within their limits.
 */
public record TenantState(
        String name,
        String arn,
        String sendingStatus,
        String customerStatus,
        String customerCause,
        String sesStatus,
        String sesCause,
        String policy,
        int openFindings,
        String highestImpact) {

    /** StatusRecord.Cause: 1 to 512 characters (SES API v2 reference, StatusRecord). */
    static final int CAUSE_LENGTH = 512;

    /** The worst first: DISABLED, then the highest impact, then the most findings, then name. */
    static final Comparator<TenantState> WORST_FIRST =
            Comparator.comparingInt((TenantState t) -> statusRank(t.sendingStatus))
                    .thenComparingInt(t -> impactRank(t.highestImpact))
                    .thenComparing(TenantState::openFindings, Comparator.reverseOrder())
                    .thenComparing(TenantState::name);

    public TenantState {
        name = Recommendation.cut(name, Recommendation.NAME_LENGTH * 2);
        arn = Recommendation.cut(arn, Recommendation.TEXT_LENGTH);
        sendingStatus = Recommendation.cut(sendingStatus, Recommendation.NAME_LENGTH);
        customerStatus = Recommendation.cut(customerStatus, Recommendation.NAME_LENGTH);
        customerCause =
                customerCause == null ? null : Recommendation.cut(customerCause, CAUSE_LENGTH);
        sesStatus = Recommendation.cut(sesStatus, Recommendation.NAME_LENGTH);
        sesCause = sesCause == null ? null : Recommendation.cut(sesCause, CAUSE_LENGTH);
        policy = Recommendation.cut(policy, Recommendation.NAME_LENGTH);
    }

    /**
     * The tenant's name from its ARN, arn:aws:ses:REGION:ACCOUNT:tenant/NAME/ID (the tenant
     * resource type, Service Authorization Reference, SES v2); null for another resource.
     */
    static String nameOf(String arn) {
        int at = arn == null ? -1 : arn.indexOf(":tenant/");
        if (at < 0) {
            return null;
        }
        String path = arn.substring(at + ":tenant/".length());
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** arn:aws:ses:REGION:aws:reputation-policy/standard is standard. */
    static String policyOf(String arn) {
        return arn == null || arn.isEmpty() ? "unknown" : arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The same status, policy and findings; causes aside. */
    boolean sameAs(TenantState other) {
        return other != null
                && Objects.equals(sendingStatus, other.sendingStatus)
                && Objects.equals(customerStatus, other.customerStatus)
                && Objects.equals(sesStatus, other.sesStatus)
                && Objects.equals(policy, other.policy)
                && openFindings == other.openFindings
                && Objects.equals(highestImpact, other.highestImpact);
    }

    /** This tenant with the findings of {@code other}: for a check that could not list them all. */
    TenantState withFindingsOf(TenantState other) {
        return new TenantState(
                name,
                arn,
                sendingStatus,
                customerStatus,
                customerCause,
                sesStatus,
                sesCause,
                policy,
                other.openFindings,
                other.highestImpact);
    }

    /**
     * {@code DISABLED by SES-managed (High bounce rate), policy strict, 2 open findings (highest
     * HIGH)}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(sendingStatus);
        boolean byCustomer = "DISABLED".equals(customerStatus);
        boolean bySes = "DISABLED".equals(sesStatus);
        if (byCustomer || bySes) {
            text.append(" by ");
            if (byCustomer) {
                text.append("customer-managed").append(cause(customerCause));
            }
            if (bySes) {
                text.append(byCustomer ? " and " : "")
                        .append("SES-managed")
                        .append(cause(sesCause));
            }
        }
        text.append(", policy ").append(policy).append(", ").append(openFindings);
        text.append(openFindings == 1 ? " open finding" : " open findings");
        if (highestImpact != null) {
            text.append(" (highest ").append(highestImpact).append(")");
        }
        return text.toString();
    }

    private static String cause(String cause) {
        return cause == null || cause.isBlank() ? "" : " (" + cause + ")";
    }

    private static int statusRank(String status) {
        return switch (status) {
            case "DISABLED" -> 0;
            case "REINSTATED" -> 1;
            case "ENABLED" -> 2;
            default -> 1;
        };
    }

    private static int impactRank(String impact) {
        return impact == null ? 2 : impact.equals("HIGH") ? 0 : 1;
    }
}
