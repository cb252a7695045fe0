package io.sesfeedback.tools.items;

import static io.sesfeedback.store.FeedbackTable.ADDRESS;
import static io.sesfeedback.store.FeedbackTable.FORMAT;
import static io.sesfeedback.store.FeedbackTable.MESSAGE_TYPE;
import static io.sesfeedback.store.FeedbackTable.SES_MESSAGE_ID;
import static io.sesfeedback.store.FeedbackTable.SUPPRESSED_BY;
import static io.sesfeedback.store.FeedbackTable.TENANT;

import io.sesfeedback.notification.FeedbackMessage;
import io.sesfeedback.notification.MessageType;
import io.sesfeedback.store.FeedbackQueries;
import io.sesfeedback.tools.targets.Target;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SES tenant of recorded feedback: the {@code tenant} an item holds (from {@code
 * mail.tags["ses:tenant-name"]}), else the one another copy of the same mail names. SES documents
 * the tag on bounces and complaints published through a configuration set
 * (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html); an
 * identity notification has no tags, so when it arrived first the items it wrote name no tenant.
 * Only a bounce or complaint without one is looked up (one Query of MailMessages and the copies it
 * finds per mail, once per mail), which bounds the cost by the feedback that can carry a tenant.
 */
public final class Tenants {

    private static final Set<String> TAGGED =
            Set.of(MessageType.BOUNCE.label(), MessageType.COMPLAINT.label());

    private final Target target;
    private final Map<String, String> byMail = new HashMap<>();

    public Tenants(Target target) {
        this.target = target;
    }

    /** The tenant of an event or message item; empty when neither it nor a copy names one. */
    public String of(Map<String, AttributeValue> item) {
        String named = Items.text(item, TENANT);
        if (!named.isEmpty() || !TAGGED.contains(Items.text(item, MESSAGE_TYPE))) {
            return named;
        }
        String mail = Items.text(item, SES_MESSAGE_ID);
        return mail.isEmpty() ? "" : byMail.computeIfAbsent(mail, this::namedByCopies);
    }

    /** Every tenant the items name, in order. */
    public Set<String> named(Collection<Map<String, AttributeValue>> items) {
        Set<String> tenants = new LinkedHashSet<>();
        items.stream().map(this::of).filter(tenant -> !tenant.isEmpty()).forEach(tenants::add);
        return tenants;
    }

    /**
     * Address to the tenant whose feedback suppressed it first (the status items' {@code
     * suppressedBy} messages, read 100 to a BatchGetItem); an address a person suppressed, or whose
     * message is gone, is absent.
     */
    public Map<String, String> suppressing(List<Map<String, AttributeValue>> statuses) {
        Map<String, Map<String, AttributeValue>> messages =
                new MessageAccounts(target.dynamo(), target.table())
                        .attributes(
                                statuses.stream()
                                        .map(status -> Items.text(status, SUPPRESSED_BY))
                                        .filter(id -> !id.isEmpty())
                                        .toList(),
                                List.of(TENANT, MESSAGE_TYPE, SES_MESSAGE_ID, FORMAT));
        Map<String, String> tenants = new HashMap<>();
        for (Map<String, AttributeValue> status : statuses) {
            Optional.ofNullable(messages.get(Items.text(status, SUPPRESSED_BY)))
                    .map(this::ofSuppressing)
                    .filter(tenant -> !tenant.isEmpty())
                    .ifPresent(tenant -> tenants.put(Items.text(status, ADDRESS), tenant));
        }
        return tenants;
    }

    /** Only an identity notification's copy can name a tenant the message item does not. */
    private String ofSuppressing(Map<String, AttributeValue> message) {
        return FeedbackMessage.Format.SES_NOTIFICATION.label().equals(Items.text(message, FORMAT))
                ? of(message)
                : Items.text(message, TENANT);
    }

    private String namedByCopies(String mail) {
        FeedbackQueries queries = target.queries();
        return queries.messagesForMail(mail).stream()
                .map(copy -> Items.text(copy, TENANT))
                .filter(tenant -> !tenant.isEmpty())
                .findFirst()
                .orElse("");
    }
}
