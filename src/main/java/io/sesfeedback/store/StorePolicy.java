package io.sesfeedback.store;

import io.sesfeedback.notification.MessageType;
import java.time.Duration;
import java.util.Set;

/**
 * How long the table keeps what, and which raw bodies: deliveries, sends, opens and clicks, the bulk of the
 * volume, for {@code deliveries}; everything else for {@code records} (status items have no TTL). Without
 * {@code deliveryBodies}, delivery, open and click message items keep their parsed fields but not the raw body.
 */
public record StorePolicy(Duration records, Duration deliveries, boolean deliveryBodies) {

    private static final Set<MessageType> DELIVERY_TYPES =
            Set.of(MessageType.DELIVERY, MessageType.SEND, MessageType.OPEN, MessageType.CLICK);
    private static final Set<MessageType> BODIES_DROPPED =
            Set.of(MessageType.DELIVERY, MessageType.OPEN, MessageType.CLICK);

    /** One retention for everything, every body kept. */
    public static StorePolicy keepingAll(Duration retention) {
        return new StorePolicy(retention, retention, true);
    }

    Duration retention(MessageType type) {
        return DELIVERY_TYPES.contains(type) ? deliveries : records;
    }

    boolean keepsBody(MessageType type) {
        return deliveryBodies || !BODIES_DROPPED.contains(type);
    }
}
