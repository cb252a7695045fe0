package io.sesfeedback.breaker;

/**
 * An SES tenant as ListTenants names it: its name, its id and its ARN
 * (arn:PARTITION:ses:REGION:ACCOUNT:tenant/NAME/ID), used verbatim as the reputation entity's
 * reference (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TenantInfo.html).
 */
record Tenant(String name, String id, String arn) {}
