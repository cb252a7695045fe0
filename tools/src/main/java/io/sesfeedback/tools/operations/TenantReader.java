package io.sesfeedback.tools.operations;

import io.sesfeedback.tools.ErrorReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsResponse;
import software.amazon.awssdk.services.sesv2.model.ReputationEntity;
import software.amazon.awssdk.services.sesv2.model.StatusRecord;
import software.amazon.awssdk.services.sesv2.model.TenantInfo;

/**
 * The account's SES tenants for {@code status}: ListTenants, each tenant's reputation entity from
 * ListReputationEntities (one paged list, not a GetReputationEntity per tenant), its open findings
 * from the account's ListRecommendations (a finding's ResourceArn is the tenant's ARN), and its
 * last 24 hours from CloudWatch for the tenants printed only (GetMetricData is priced per metric).
 * ListTenants' error goes on; the others are named in the status.
 */
final class TenantReader {

    /** The largest page ListTenants, ListReputationEntities and ListRecommendations allow. */
    private static final int PAGE_SIZE = 100;

    /**
     * ListRecommendations: "You can execute this operation no more than once per second."
     * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_ListRecommendations.html
     */
    private static final Duration LIST_RECOMMENDATIONS_SPACING = Duration.ofSeconds(1);

    /**
     * GetMetricData: at most 500 MetricDataQuery structures per request.
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
     */
    private static final int QUERIES_PER_CALL = 500;

    /**
     * SES publishes Sends, Bounces and Complaints per tenant in AWS/SES "By TenantId and
     * TenantName"; the metric names Send, Bounce and Complaint are assumed to be AWS/SES's usual
     * ones: https://docs.aws.amazon.com/ses/latest/dg/tenants.html
     */
    private static final List<String> METRICS = List.of("Send", "Bounce", "Complaint");

    private TenantReader() {}

    /** Every tenant with its entity and findings, the worst first, no traffic read yet. */
    static TenantStatus read(SesV2Client ses) {
        List<TenantInfo> infos = new ArrayList<>();
        ses.listTenantsPaginator(r -> r.pageSize(PAGE_SIZE))
                .forEach(p -> infos.addAll(p.tenants()));
        if (infos.isEmpty()) {
            return new TenantStatus(List.of(), null, null);
        }
        Map<String, TenantStatus.Entity> entities = new HashMap<>();
        ses.listReputationEntitiesPaginator(r -> r.pageSize(PAGE_SIZE))
                .forEach(
                        page ->
                                page.reputationEntities()
                                        .forEach(
                                                e ->
                                                        entities.put(
                                                                e.reputationEntityReference(),
                                                                entity(e))));
        Map<String, Integer> findings = new HashMap<>();
        Map<String, String> impacts = new HashMap<>();
        String findingsProblem = null;
        try {
            openFindings(ses, findings, impacts);
        } catch (SdkException e) {
            findingsProblem = ErrorReport.describe(e);
        }
        boolean findingsRead = findingsProblem == null;
        List<TenantStatus.Tenant> tenants =
                infos.stream()
                        .map(
                                info -> {
                                    TenantStatus.Entity entity = entities.get(info.tenantArn());
                                    String impact = impacts.get(info.tenantArn());
                                    if (impact == null && entity != null) {
                                        // the entity's ReputationImpact: "the highest impact
                                        // reputation finding currently active"
                                        impact = entity.impact();
                                    }
                                    return new TenantStatus.Tenant(
                                            info.tenantName(),
                                            info.tenantId(),
                                            info.tenantArn(),
                                            entity,
                                            findingsRead
                                                    ? findings.getOrDefault(info.tenantArn(), 0)
                                                    : null,
                                            impact,
                                            null);
                                })
                        .toList();
        return new TenantStatus(tenants, findingsProblem, null);
    }

    /**
     * The status with the last 24 hours of its first {@code limit} tenants (the worst), or
     * CloudWatch's error named.
     */
    static TenantStatus withTraffic(TenantStatus status, CloudWatchClient cloudWatch, int limit) {
        List<TenantStatus.Tenant> tenants = new ArrayList<>(status.tenants());
        int read = Math.min(limit, tenants.size());
        try {
            int perCall = QUERIES_PER_CALL / METRICS.size();
            for (int from = 0; from < read; from += perCall) {
                List<TenantStatus.Tenant> chunk =
                        tenants.subList(from, Math.min(read, from + perCall));
                Map<String, Double> sums = sums(cloudWatch, chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    chunk.set(
                            i,
                            chunk.get(i)
                                    .withTraffic(
                                            new TenantStatus.Traffic(
                                                    sums.get(id(i, 0)),
                                                    sums.get(id(i, 1)),
                                                    sums.get(id(i, 2)))));
                }
            }
            return new TenantStatus(tenants, status.findingsProblem(), null);
        } catch (SdkException e) {
            return new TenantStatus(
                    status.tenants(), status.findingsProblem(), ErrorReport.describe(e));
        }
    }

    private static String id(int tenant, int metric) {
        return "t" + tenant + "m" + metric;
    }

    /** Each query's values summed; absent without a datapoint. */
    private static Map<String, Double> sums(
            CloudWatchClient cloudWatch, List<TenantStatus.Tenant> tenants) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < tenants.size(); i++) {
            TenantStatus.Tenant tenant = tenants.get(i);
            for (int m = 0; m < METRICS.size(); m++) {
                String metric = METRICS.get(m);
                queries.add(
                        MetricDataQuery.builder()
                                .id(id(i, m))
                                .metricStat(
                                        s ->
                                                s.stat("Sum")
                                                        .period(3600)
                                                        .metric(
                                                                mm ->
                                                                        mm.namespace("AWS/SES")
                                                                                .metricName(metric)
                                                                                .dimensions(
                                                                                        d ->
                                                                                                d.name(
                                                                                                                "TenantName")
                                                                                                        .value(
                                                                                                                tenant
                                                                                                                        .name()),
                                                                                        d ->
                                                                                                d.name(
                                                                                                                "TenantId")
                                                                                                        .value(
                                                                                                                tenant
                                                                                                                        .id()))))
                                .build());
            }
        }
        Instant now = Instant.now();
        Map<String, Double> sums = new HashMap<>();
        String token = null;
        do {
            String next = token;
            GetMetricDataResponse page =
                    cloudWatch.getMetricData(
                            r ->
                                    r.startTime(now.minus(Duration.ofHours(24)))
                                            .endTime(now)
                                            .metricDataQueries(queries)
                                            .nextToken(next));
            for (MetricDataResult result : page.metricDataResults()) {
                if (!result.values().isEmpty()) {
                    sums.merge(
                            result.id(),
                            result.values().stream().mapToDouble(Double::doubleValue).sum(),
                            Double::sum);
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return sums;
    }

    /** Open findings counted by tenant ARN, and the highest impact of each. */
    private static void openFindings(
            SesV2Client ses, Map<String, Integer> findings, Map<String, String> impacts) {
        String token = null;
        boolean first = true;
        do {
            if (!first) {
                pause();
            }
            first = false;
            String next = token;
            ListRecommendationsResponse page =
                    ses.listRecommendations(
                            r ->
                                    r.filterWithStrings(Map.of("STATUS", "OPEN"))
                                            .pageSize(PAGE_SIZE)
                                            .nextToken(next));
            page.recommendations().stream()
                    .filter(r -> r.resourceArn() != null && r.resourceArn().contains(":tenant/"))
                    .forEach(
                            r -> {
                                findings.merge(r.resourceArn(), 1, Integer::sum);
                                impacts.merge(
                                        r.resourceArn(),
                                        r.impactAsString(),
                                        (a, b) ->
                                                "HIGH".equals(a) || "HIGH".equals(b) ? "HIGH" : a);
                            });
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private static void pause() {
        try {
            Thread.sleep(LIST_RECOMMENDATIONS_SPACING.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing ListRecommendations", e);
        }
    }

    private static TenantStatus.Entity entity(ReputationEntity e) {
        StatusRecord customer = e.customerManagedStatus();
        StatusRecord ses = e.awsSesManagedStatus();
        return new TenantStatus.Entity(
                e.sendingStatusAggregateAsString(),
                customer == null ? null : customer.statusAsString(),
                customer == null ? null : customer.cause(),
                ses == null ? null : ses.statusAsString(),
                ses == null ? null : ses.cause(),
                TenantStatus.Entity.policyOf(e.reputationManagementPolicy()),
                e.reputationImpactAsString());
    }
}
