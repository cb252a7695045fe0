package io.sesfeedback.breaker;

import java.time.Instant;
import java.util.List;

/**
 * The per-tenant sending counts SES publishes to CloudWatch. Failures are {@link
 * io.sesfeedback.support.FailedCall}s.
 */
interface TenantMetrics {

    /** Each tenant's sums from {@code start} to {@code end}, in the order given. */
    List<TenantCounts> counts(List<Tenant> tenants, Instant start, Instant end);
}
