package io.sesfeedback.tools.items;

import io.sesfeedback.store.FeedbackTable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The member account an item on a hub's table came from: the {@code account} and {@code region} of
 * the event's envelope (or of the SNS topic's ARN), and the {@code environment} the hub's
 * MemberEnvironments names it by (docs/data-model.md). An item recorded without them (before the
 * hub version) reads as {@value #NOT_GIVEN}.
 */
public record MemberAccount(String account, String region, String environment)
        implements Comparable<MemberAccount> {

    // The recorder's attribute names on message and recipient event items
    public static final String ACCOUNT = FeedbackTable.ACCOUNT;
    public static final String REGION = FeedbackTable.REGION;
    public static final String ENVIRONMENT = FeedbackTable.ENVIRONMENT;

    /** The three attributes, in the order the commands print them. */
    public static final List<String> ATTRIBUTES = List.of(ACCOUNT, REGION, ENVIRONMENT);

    public static final String NOT_GIVEN = "(not given)";

    private static final Comparator<MemberAccount> ORDER =
            Comparator.comparing(MemberAccount::account)
                    .thenComparing(MemberAccount::region)
                    .thenComparing(MemberAccount::environment);

    /** The item's account, region and environment, each {@value #NOT_GIVEN} when absent. */
    public static MemberAccount of(Map<String, AttributeValue> item) {
        return new MemberAccount(
                given(item, ACCOUNT), given(item, REGION), given(item, ENVIRONMENT));
    }

    /** {@code 111111111111 eu-west-1 prod}, for a text column. */
    public String label() {
        return account + " " + region + " " + environment;
    }

    /** The three as cells: empty where not given, so that a spreadsheet sorts them first. */
    public List<String> cells() {
        return List.of(account, region, environment).stream()
                .map(value -> NOT_GIVEN.equals(value) ? "" : value)
                .toList();
    }

    @Override
    public int compareTo(MemberAccount other) {
        return ORDER.compare(this, other);
    }

    private static String given(Map<String, AttributeValue> item, String name) {
        String value = Items.text(item, name);
        return value.isEmpty() ? NOT_GIVEN : value;
    }
}
