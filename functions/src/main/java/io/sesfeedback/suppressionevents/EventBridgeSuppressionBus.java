package io.sesfeedback.suppressionevents;

import io.sesfeedback.support.FailedCall;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The account's default event bus (EVENT_BUS_NAME): one PutEvents for up to ten events, source
 * {@value SuppressionEvent#SOURCE}. PutEvents answers HTTP 200 with {@code FailedEntryCount} and,
 * for each refused entry, its {@code ErrorCode} at the entry's index
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
 */
final class EventBridgeSuppressionBus implements SuppressionPublishing.Bus {

    private final EventBridgeClient events;
    private final String busName;

    EventBridgeSuppressionBus(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public SuppressionPublishing.Refusal put(List<SuppressionEvent> batch) {
        List<PutEventsRequestEntry> entries =
                batch.stream()
                        .map(
                                event ->
                                        PutEventsRequestEntry.builder()
                                                .eventBusName(busName)
                                                .source(SuppressionEvent.SOURCE)
                                                .detailType(event.detailType())
                                                .detail(event.detail())
                                                .build())
                        .toList();
        PutEventsResponse response =
                FailedCall.call(
                        "events:PutEvents",
                        busName,
                        () -> events.putEvents(request -> request.entries(entries)));
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return SuppressionPublishing.Refusal.NONE;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int index = 0; index < batch.size(); index++) {
            PutEventsResultEntry result = index < results.size() ? results.get(index) : null;
            if (result == null || result.eventId() == null) {
                return new SuppressionPublishing.Refusal(
                        index,
                        result == null ? "FailedEntry" : result.errorCode(),
                        result == null ? "no entry in the response" : result.errorMessage());
            }
        }
        // FailedEntryCount > 0 with every entry given an id: trust the count, retry the first
        return new SuppressionPublishing.Refusal(
                0, "FailedEntry", response.failedEntryCount() + " entries failed");
    }
}
