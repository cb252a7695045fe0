package io.sesfeedback.tools.operations;

import io.sesfeedback.tools.items.Items;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status} says about the account's SES tenants, the worst first: DISABLED before
 * REINSTATED before ENABLED, then the impact of the worst open finding (HIGH, LOW, none), then the
 * number of open findings, then the name. Text lists {@value #TEXT_ROWS} and counts the rest; json
 * and csv list them all. {@code findingsProblem} and {@code ratesProblem} name what could not be
 * read.
 */
record TenantStatus(List<Tenant> tenants, String findingsProblem, String ratesProblem) {

    /** Tenants listed in text; with 10,000 tenants (SES's default quota) the rest are counted. */
    static final int TEXT_ROWS = 20;

    static final List<String> CSV_COLUMNS =
            List.of(
                    "tenant",
                    "tenantId",
                    "sendingStatus",
                    "disabledBy",
                    "customerManagedStatus",
                    "customerManagedCause",
                    "sesManagedStatus",
                    "sesManagedCause",
                    "policy",
                    "openFindings",
                    "highestImpact",
                    "sendsLast24Hours",
                    "bounceRate",
                    "complaintRate");

    /**
     * One tenant: its statuses from its reputation entity (null when SES listed none for it), its
     * open findings (null when they could not be read) and its last 24 hours from CloudWatch (null
     * where there are no datapoints).
     */
    record Tenant(
            String name,
            String id,
            String arn,
            Entity entity,
            Integer openFindings,
            String highestImpact,
            Traffic traffic) {

        /** The aggregate status, UNKNOWN without an entity. */
        String sendingStatus() {
            return entity == null ? "UNKNOWN" : entity.aggregate();
        }

        /** Who disabled it: customer-managed, SES-managed, both; empty when it may send. */
        List<String> disabledBy() {
            List<String> by = new ArrayList<>();
            if (entity != null && "DISABLED".equals(entity.customerStatus())) {
                by.add("customer-managed");
            }
            if (entity != null && "DISABLED".equals(entity.sesStatus())) {
                by.add("SES-managed");
            }
            return by;
        }

        Tenant withTraffic(Traffic traffic) {
            return new Tenant(name, id, arn, entity, openFindings, highestImpact, traffic);
        }
    }

    /**
     * A tenant's reputation entity: the aggregate, customer-managed and SES-managed statuses, their
     * causes (null when SES gives none) and the reputation policy's last ARN segment.
     */
    // https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_ReputationEntity.html
    record Entity(
            String aggregate,
            String customerStatus,
            String customerCause,
            String sesStatus,
            String sesCause,
            String policy,
            String impact) {

        /** arn:aws:ses:REGION:aws:reputation-policy/standard is standard. */
        static String policyOf(String arn) {
            return arn == null || arn.isEmpty()
                    ? "unknown"
                    : arn.substring(arn.lastIndexOf('/') + 1);
        }
    }

    /** Sends, bounces and complaints summed over the last 24 hours; null: no datapoint. */
    record Traffic(Double sends, Double bounces, Double complaints) {

        Optional<Double> bounceRate() {
            return rate(bounces);
        }

        Optional<Double> complaintRate() {
            return rate(complaints);
        }

        private Optional<Double> rate(Double count) {
            return sends == null || sends == 0 || count == null
                    ? Optional.empty()
                    : Optional.of(count / sends);
        }
    }

    static final Comparator<Tenant> WORST_FIRST =
            Comparator.comparingInt((Tenant t) -> statusRank(t.sendingStatus()))
                    .thenComparingInt(t -> impactRank(t.highestImpact()))
                    .thenComparing(
                            (Tenant t) -> t.openFindings() == null ? 0 : t.openFindings(),
                            Comparator.reverseOrder())
                    .thenComparing(Tenant::name);

    TenantStatus {
        tenants = tenants.stream().sorted(WORST_FIRST).toList();
    }

    private static int statusRank(String status) {
        return switch (status) {
            case "DISABLED" -> 0;
            case "UNKNOWN" -> 1;
            case "REINSTATED" -> 2;
            default -> 3;
        };
    }

    private static int impactRank(String impact) {
        if (impact == null) {
            return 2;
        }
        return switch (impact) {
            case "HIGH" -> 0;
            case "LOW" -> 1;
            default -> 2;
        };
    }

    /** The text section: nothing without tenants. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (tenants.isEmpty()) {
            return lines;
        }
        long disabled = tenants.stream().filter(t -> t.sendingStatus().equals("DISABLED")).count();
        lines.add(
                "SES tenants: "
                        + tenants.size()
                        + (disabled == 0 ? "" : " (" + disabled + " DISABLED)")
                        + ", the worst first (sending status, open findings, last 24 hours in CloudWatch):");
        tenants.stream().limit(TEXT_ROWS).forEach(t -> lines.add("  " + line(t)));
        if (tenants.size() > TEXT_ROWS) {
            lines.add(
                    "  and "
                            + (tenants.size() - TEXT_ROWS)
                            + " more (--format json or csv for all)");
        }
        if (findingsProblem != null) {
            lines.add("  Open findings: not available (" + findingsProblem + ")");
        }
        if (ratesProblem != null) {
            lines.add("  Rates: not available from CloudWatch (" + ratesProblem + ")");
        }
        return lines;
    }

    private String line(Tenant t) {
        StringBuilder line = new StringBuilder(t.name()).append(": ").append(t.sendingStatus());
        Entity e = t.entity();
        if (e != null) {
            if (!t.disabledBy().isEmpty()) {
                List<String> by = new ArrayList<>();
                if ("DISABLED".equals(e.customerStatus())) {
                    by.add("customer-managed" + cause(e.customerCause()));
                }
                if ("DISABLED".equals(e.sesStatus())) {
                    by.add("SES-managed" + cause(e.sesCause()));
                }
                line.append(" by ").append(String.join(" and ", by));
            } else if ("REINSTATED".equals(e.customerStatus())) {
                line.append(" (customer-managed REINSTATED: findings ignored for now)");
            }
            line.append(", policy ").append(e.policy());
        }
        line.append(", ").append(findings(t));
        line.append(", bounce rate ")
                .append(rate(t.traffic() == null ? Optional.empty() : t.traffic().bounceRate()));
        line.append(", complaint rate ")
                .append(rate(t.traffic() == null ? Optional.empty() : t.traffic().complaintRate()));
        return line.toString();
    }

    private static String cause(String cause) {
        return cause == null || cause.isBlank() ? "" : " (" + cause + ")";
    }

    private static String findings(Tenant t) {
        if (t.openFindings() == null) {
            return "open findings not available";
        }
        return t.openFindings()
                + " open finding"
                + (t.openFindings() == 1 ? "" : "s")
                + (t.highestImpact() == null ? "" : " (highest " + t.highestImpact() + ")");
    }

    private static String rate(Optional<Double> rate) {
        return rate.map(r -> String.format(Locale.ROOT, "%.4f", r)).orElse("not available");
    }

    /** Every tenant as one JSON value each. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "tenants",
                tenants.stream()
                        .map(
                                t -> {
                                    Map<String, Object> row = new LinkedHashMap<>();
                                    row.put("tenant", t.name());
                                    row.put("tenantId", t.id());
                                    row.put("tenantArn", t.arn());
                                    row.put("sendingStatus", t.sendingStatus());
                                    row.put("disabledBy", t.disabledBy());
                                    Entity e = t.entity();
                                    row.put(
                                            "customerManaged",
                                            e == null
                                                    ? null
                                                    : record(
                                                            e.customerStatus(), e.customerCause()));
                                    row.put(
                                            "sesManaged",
                                            e == null ? null : record(e.sesStatus(), e.sesCause()));
                                    row.put("policy", e == null ? null : e.policy());
                                    row.put("openFindings", t.openFindings());
                                    row.put("highestImpact", t.highestImpact());
                                    Traffic traffic = t.traffic();
                                    row.put(
                                            "sendsLast24Hours",
                                            traffic == null ? null : traffic.sends());
                                    row.put(
                                            "bounceRate",
                                            traffic == null
                                                    ? null
                                                    : traffic.bounceRate().orElse(null));
                                    row.put(
                                            "complaintRate",
                                            traffic == null
                                                    ? null
                                                    : traffic.complaintRate().orElse(null));
                                    return row;
                                })
                        .toList());
        json.put("findingsProblem", findingsProblem);
        json.put("ratesProblem", ratesProblem);
        return json;
    }

    private static Map<String, Object> record(String status, String cause) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("status", status);
        record.put("cause", cause);
        return record;
    }

    /** The header and one CSV record per tenant, each cell made inert by {@link Items#csv}. */
    List<String> csv() {
        List<String> lines = new ArrayList<>();
        lines.add(Items.csv(CSV_COLUMNS));
        for (Tenant t : tenants) {
            Entity e = t.entity();
            Traffic traffic = t.traffic();
            lines.add(
                    Items.csv(
                            List.of(
                                    t.name(),
                                    t.id(),
                                    t.sendingStatus(),
                                    String.join(" ", t.disabledBy()),
                                    e == null ? "" : e.customerStatus(),
                                    e == null || e.customerCause() == null ? "" : e.customerCause(),
                                    e == null ? "" : e.sesStatus(),
                                    e == null || e.sesCause() == null ? "" : e.sesCause(),
                                    e == null ? "" : e.policy(),
                                    t.openFindings() == null ? "" : t.openFindings().toString(),
                                    t.highestImpact() == null ? "" : t.highestImpact(),
                                    traffic == null || traffic.sends() == null
                                            ? ""
                                            : Long.toString(traffic.sends().longValue()),
                                    traffic == null
                                            ? ""
                                            : traffic.bounceRate().map(String::valueOf).orElse(""),
                                    traffic == null
                                            ? ""
                                            : traffic.complaintRate()
                                                    .map(String::valueOf)
                                                    .orElse(""))));
        }
        return lines;
    }
}
