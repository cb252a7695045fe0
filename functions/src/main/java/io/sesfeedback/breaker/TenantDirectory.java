package io.sesfeedback.breaker;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The account's tenants and their customer-managed sending status (SES API v2). Failures are {@link
 * io.sesfeedback.support.FailedCall}s.
 */
interface TenantDirectory {

    /** The customer-managed status: ENABLED, REINSTATED or DISABLED, and when it last changed. */
    record CustomerStatus(String status, Instant lastUpdated) {}

    /** Hands each page of the account's tenants to {@code page}, one page in memory at a time. */
    void pages(Consumer<List<Tenant>> page);

    /** The tenant's customer-managed status; null when the tenant no longer exists. */
    CustomerStatus customerStatus(Tenant tenant);

    /** Sets the customer-managed status to DISABLED: SES refuses the tenant's sends. */
    void pause(Tenant tenant);
}
