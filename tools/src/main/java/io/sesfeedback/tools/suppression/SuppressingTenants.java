package io.sesfeedback.tools.suppression;

import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.RECIPIENT_PREFIX;

import io.sesfeedback.store.FeedbackTable;
import io.sesfeedback.tools.items.Items;
import io.sesfeedback.tools.items.MessageAccounts;
import io.sesfeedback.tools.items.Tenants;
import io.sesfeedback.tools.targets.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Address to the SES tenant a suppression is for: the tenant of the message that suppressed it
 * ({@link Tenants#suppressing}), else the one an operator named (suppress or import with {@code
 * --tenant}), read from the status items SuppressedShards does not project it from, 100 to a
 * BatchGetItem, only for the addresses no message names a tenant for.
 */
final class SuppressingTenants {

    private SuppressingTenants() {}

    static Map<String, String> of(Target target, List<Map<String, AttributeValue>> statuses) {
        Map<String, String> tenants = new HashMap<>(new Tenants(target).suppressing(statuses));
        List<Map<String, AttributeValue>> keys =
                statuses.stream()
                        .map(status -> Items.text(status, ADDRESS))
                        .filter(address -> !tenants.containsKey(address))
                        .map(FeedbackTable::statusKey)
                        .toList();
        new MessageAccounts(target.dynamo(), target.table())
                .items(keys, List.of(SuppressionChanges.SUPPRESSION_TENANT))
                .forEach(
                        (pk, status) -> {
                            String tenant =
                                    Items.text(status, SuppressionChanges.SUPPRESSION_TENANT);
                            if (!tenant.isEmpty()) {
                                tenants.put(pk.substring(RECIPIENT_PREFIX.length()), tenant);
                            }
                        });
        return tenants;
    }
}
