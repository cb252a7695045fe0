package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.UserError;
import io.sesfeedback.tools.targets.Target;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Where suppression changes are published: the target account's default event bus (source {@value
 * SuppressionChange#EVENT_SOURCE}), or nowhere for the local store, which has no bus.
 */
interface SuppressionEvents {

    /** True when changes wait for their publication (a pending marker on the status item). */
    boolean publishes();

    /** Publishes one change; throws when the bus did not take it. */
    void publish(SuppressionChange change);

    SuppressionEvents NONE =
            new SuppressionEvents() {
                @Override
                public boolean publishes() {
                    return false;
                }

                @Override
                public void publish(SuppressionChange change) {}
            };

    static SuppressionEvents of(Target target) {
        return target.localStore()
                ? NONE
                : new DefaultBus(target.client(EventBridgeClient.builder(), "events"));
    }

    /** The account's default bus, where an application's rule matches the detail-types. */
    final class DefaultBus implements SuppressionEvents {

        private final EventBridgeClient events;

        DefaultBus(EventBridgeClient events) {
            this.events = events;
        }

        @Override
        public boolean publishes() {
            return true;
        }

        @Override
        public void publish(SuppressionChange change) {
            // PutEvents answers 200 with FailedEntryCount for entries it refused
            // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html)
            PutEventsResponse response =
                    events.putEvents(
                            r ->
                                    r.entries(
                                            entry ->
                                                    entry.source(SuppressionChange.EVENT_SOURCE)
                                                            .detailType(change.kind().detailType())
                                                            .detail(change.detail())));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                PutEventsResultEntry failed = response.entries().get(0);
                throw new UserError(
                        "the bus refused the entry: "
                                + failed.errorCode()
                                + ": "
                                + failed.errorMessage());
            }
        }
    }
}
