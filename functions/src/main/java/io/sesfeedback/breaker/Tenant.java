package io.sesfeedback.breaker;

import java.time.Instant;

/**
 * An SES tenant as ListTenants names it: its name, its id, its ARN
 * (arn:PARTITION:ses:REGION:ACCOUNT:tenant/NAME/ID), used verbatim as the reputation entity's
 * reference, and when it was made, null when not said
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TenantInfo.html).
 */
record Tenant(String name, String id, String arn, Instant created) {

    Tenant(String name, String id, String arn) {
        this(name, id, arn, null);
    }
}
