package io.sesfeedback.tools.cost;

/**
 * Public on-demand prices in US East (N. Virginia), in dollars, as AWS's pricing pages gave them in
 * {@value #AS_OF} (DynamoDB after its November 2024 on-demand cut). Free tiers are left out. Check
 * them before relying on a figure.
 */
final class Prices {

    static final String AS_OF = "January 2025";
    static final String REGION = "us-east-1";

    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
    static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
    static final double DYNAMODB_PER_GB_MONTH = 0.25;
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    static final double LOGS_PER_GB_INGESTED = 0.50;
    static final double LOGS_PER_GB_MONTH_STORED = 0.03;

    /**
     * A custom metric (each name and set of dimension values) for a month; EMF datapoints cost
     * nothing more.
     */
    static final double METRIC_PER_MONTH = 0.30;

    /** SES's publish to the topic (per 64 KB); the delivery to Lambda is free. */
    static final double SNS_PER_MILLION_PUBLISHES = 0.50;

    /** Each recipient of a mail is an email. */
    static final double SES_PER_THOUSAND_EMAILS = 0.10;

    static final double GB = 1024.0 * 1024 * 1024;
    static final double DAYS_PER_MONTH = 365.25 / 12;

    private Prices() {}
}
