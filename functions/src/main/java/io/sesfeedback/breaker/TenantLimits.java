package io.sesfeedback.breaker;

import java.time.Duration;

/**
 * When a tenant is paused (template.yaml: AutoPauseBounceRate, AutoPauseComplaintRate,
 * AutoPauseTenantMinimumSends): a rate at or above its threshold, over at least {@code
 * minimumSends} sends in the last {@code window}. The window is also how long a tenant whose
 * customer-managed status changed (an operator's resume) is left alone.
 */
record TenantLimits(double bounceRate, double complaintRate, long minimumSends, Duration window) {

    /**
     * The window: an hour, or the time between two checks when longer, so that every send is read
     * by some check.
     */
    static Duration window(long checkMinutes) {
        return Duration.ofMinutes(Math.max(60, checkMinutes));
    }
}
