package io.sesfeedback.notification;

/**
 * Where a message comes from: the AWS account and region it was published in, and the environment
 * that account is (dev, stg, prod...), once the recorder knows it. A hub records the messages of
 * every member account in one table, so each item says whose it is. Any part may be null: a topic
 * ARN that is not one, an event without an account, an account no environment is known for.
 */
public record Origin(String account, String region, String environment) {

    public static final Origin UNKNOWN = new Origin(null, null, null);

    public Origin {
        account = TextFields.capped(blankAsNull(account));
        region = TextFields.capped(blankAsNull(region));
        environment = TextFields.capped(blankAsNull(environment));
    }

    /**
     * The topic's account and region: {@code arn:aws:sns:<region>:<account>:<name>} (Amazon SNS
     * resource ARN format,
     * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html).
     */
    public static Origin ofTopic(String topicArn) {
        if (topicArn == null || !topicArn.startsWith("arn:")) {
            return UNKNOWN;
        }
        String[] parts = topicArn.split(":", 6);
        return parts.length < 6 ? UNKNOWN : new Origin(parts[4], parts[3], null);
    }

    /**
     * An EventBridge event's {@code account} and {@code region}: the account and Region the event
     * came from, which a rule forwarding it to another account's bus keeps (EventBridge User Guide,
     * "Amazon EventBridge events",
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events.html).
     */
    static Origin ofEvent(JsonObject event, Origin otherwise) {
        String account = scalarOrNull(event, "account");
        String region = scalarOrNull(event, "region");
        return account == null && region == null ? otherwise : new Origin(account, region, null);
    }

    /** The same account and region, known to be {@code environment}. */
    public Origin in(String environment) {
        return new Origin(account, region, environment);
    }

    private static String scalarOrNull(JsonObject event, String field) {
        try {
            return event.scalar(field).orElse(null);
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
