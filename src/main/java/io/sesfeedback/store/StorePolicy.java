package io.sesfeedback.store;

import io.sesfeedback.notification.MessageType;
import java.time.Duration;
import java.util.Set;

/**
 * How long the table keeps what, which raw bodies, and when transient bounces suppress: deliveries,
 * sends, opens and clicks, the bulk of the volume, for {@code deliveries}; everything else for
 * {@code records} (status items have no TTL). Without {@code deliveryBodies}, delivery, open and
 * click message items keep their parsed fields but not the raw body. {@code softBounceLimit}
 * transient bounces in a row with no delivery between suppress an address (0: never).
 */
public record StorePolicy(
        Duration records, Duration deliveries, boolean deliveryBodies, int softBounceLimit) {

    private static final Set<MessageType> DELIVERY_TYPES =
            Set.of(MessageType.DELIVERY, MessageType.SEND, MessageType.OPEN, MessageType.CLICK);
    private static final Set<MessageType> BODIES_DROPPED =
            Set.of(MessageType.DELIVERY, MessageType.OPEN, MessageType.CLICK);

    /**
     * One retention for everything, every body kept, and the soft-bounce rule at {@code
     * softBounceLimit}.
     */
    public static StorePolicy keepingAll(Duration retention, int softBounceLimit) {
        return new StorePolicy(retention, retention, true, softBounceLimit);
    }

    Duration retention(MessageType type) {
        return DELIVERY_TYPES.contains(type) ? deliveries : records;
    }

    boolean keepsBody(MessageType type) {
        return deliveryBodies || !BODIES_DROPPED.contains(type);
    }
}
