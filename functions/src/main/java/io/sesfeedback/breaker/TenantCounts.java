package io.sesfeedback.breaker;

/** A tenant's sends, bounces and complaints over the breaker's window (0 where none). */
record TenantCounts(Tenant tenant, double sends, double bounces, double complaints) {

    double bounceRate() {
        return sends == 0 ? 0 : bounces / sends;
    }

    double complaintRate() {
        return sends == 0 ? 0 : complaints / sends;
    }
}
