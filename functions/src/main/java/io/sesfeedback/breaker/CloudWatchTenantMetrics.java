package io.sesfeedback.breaker;

import io.sesfeedback.support.FailedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Per-tenant Send, Bounce and Complaint sums from CloudWatch: SES publishes them to AWS/SES with
 * the dimensions TenantName and TenantId (https://docs.aws.amazon.com/ses/latest/dg/tenants.html,
 * "Setting up CloudWatch metrics"; that page says "Sends, Bounces, Complaints": the metric names
 * are assumed to be AWS/SES's own Send, Bounce and Complaint). Three queries per tenant, at most
 * 500 queries per GetMetricData call
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html), so one
 * call per 166 tenants, one per ListTenants page of up to 100 in practice; one period spans the
 * whole window.
 */
final class CloudWatchTenantMetrics implements TenantMetrics {

    static final String NAMESPACE = "AWS/SES";
    static final List<String> METRICS = List.of("Send", "Bounce", "Complaint");

    /** GetMetricData's limit on MetricDataQueries per call. */
    static final int MAX_QUERIES = 500;

    static final int TENANTS_PER_CALL = MAX_QUERIES / METRICS.size();

    private final CloudWatchClient cloudWatch;

    CloudWatchTenantMetrics(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public List<TenantCounts> counts(List<Tenant> tenants, Instant start, Instant end) {
        List<TenantCounts> counts = new ArrayList<>(tenants.size());
        for (int from = 0; from < tenants.size(); from += TENANTS_PER_CALL) {
            List<Tenant> batch =
                    tenants.subList(from, Math.min(from + TENANTS_PER_CALL, tenants.size()));
            Map<String, Double> sums = sums(batch, start, end);
            for (int i = 0; i < batch.size(); i++) {
                counts.add(
                        new TenantCounts(
                                batch.get(i),
                                sums.getOrDefault(id(0, i), 0.0),
                                sums.getOrDefault(id(1, i), 0.0),
                                sums.getOrDefault(id(2, i), 0.0)));
            }
        }
        return counts;
    }

    /** Each query's values summed, across the periods and pages CloudWatch answers. */
    private Map<String, Double> sums(List<Tenant> batch, Instant start, Instant end) {
        int period = (int) Duration.between(start, end).toSeconds();
        List<MetricDataQuery> queries = new ArrayList<>(batch.size() * METRICS.size());
        for (int i = 0; i < batch.size(); i++) {
            Tenant tenant = batch.get(i);
            for (int m = 0; m < METRICS.size(); m++) {
                String metric = METRICS.get(m);
                queries.add(
                        MetricDataQuery.builder()
                                .id(id(m, i))
                                .returnData(true)
                                .metricStat(
                                        s ->
                                                s.stat("Sum")
                                                        .period(period)
                                                        .metric(
                                                                mt ->
                                                                        mt.namespace(NAMESPACE)
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
        Map<String, Double> sums = new HashMap<>();
        String token = null;
        do {
            String next = token;
            // cloudwatch:GetMetricData has no resource type (Service Authorization Reference)
            GetMetricDataResponse response =
                    FailedCall.call(
                            "cloudwatch:GetMetricData",
                            "*",
                            () ->
                                    cloudWatch.getMetricData(
                                            r ->
                                                    r.startTime(start)
                                                            .endTime(end)
                                                            .metricDataQueries(queries)
                                                            .nextToken(next)));
            for (MetricDataResult result : response.metricDataResults()) {
                double sum = result.values().stream().mapToDouble(Double::doubleValue).sum();
                sums.merge(result.id(), sum, Double::sum);
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return sums;
    }

    /**
     * Query ids start with a lower-case letter: s, b or c, then the tenant's place in the batch.
     */
    private static String id(int metric, int tenant) {
        return "sbc".charAt(metric) + Integer.toString(tenant);
    }
}
