package io.sesfeedback.accountwatch;

import io.sesfeedback.support.FailedCall;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * A member's event bus (template.yaml: {@code default}, whose forwarding rule takes the change to
 * the hub's bus): one PutEvents per change, source {@value #SOURCE}, detail type {@value
 * #DETAIL_TYPE}, the message's body with the member's environment as the detail.
 *
 * <p>The body is at most {@link AccountStatusMessage#BODY_BYTES} (64 KiB), so the entry (source,
 * detail type and detail, in UTF-8 bytes) stays far within PutEvents' 256 KB a request
 * ("Calculating PutEvents event entry size",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).
 */
final class EventBridgeBus implements AccountWatch.Bus {

    /** A customer's source, which must not begin with "aws." (eb-events.html). */
    static final String SOURCE = "ses-feedback";

    static final String DETAIL_TYPE = "Account Status Changed";

    /** PutEvents' limit for a request's entries (see the class comment). */
    static final int ENTRY_BYTES = 256 * 1024;

    private final EventBridgeClient events;
    private final String busName;
    private final String environment;

    EventBridgeBus(EventBridgeClient events, String busName, String environment) {
        this.events = events;
        this.busName = busName;
        this.environment = environment;
    }

    /**
     * A refused entry is a failed call as a refused request is: PutEvents answers HTTP 200 with
     * {@code FailedEntryCount} and the entry's {@code ErrorCode} and {@code ErrorMessage} (Amazon
     * EventBridge API Reference, PutEvents,
     * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
     */
    @Override
    public String put(AccountStatusMessage message) {
        PutEventsResponse response =
                FailedCall.call(
                        "events:PutEvents",
                        busName,
                        () ->
                                events.putEvents(
                                        request ->
                                                request.entries(
                                                        entry ->
                                                                entry.eventBusName(busName)
                                                                        .source(SOURCE)
                                                                        .detailType(DETAIL_TYPE)
                                                                        .detail(
                                                                                message.detailIn(
                                                                                        environment)))));
        PutEventsResultEntry entry =
                response.entries().isEmpty() ? null : response.entries().get(0);
        if (entry == null || entry.eventId() == null || response.failedEntryCount() > 0) {
            String code = entry == null ? null : entry.errorCode();
            throw FailedCall.of(
                    EventBridgeException.builder()
                            .message("PutEvents refused the entry")
                            .statusCode(200)
                            .awsErrorDetails(
                                    AwsErrorDetails.builder()
                                            .serviceName("EventBridge")
                                            .errorCode(code == null ? "FailedEntry" : code)
                                            .errorMessage(
                                                    entry == null
                                                            ? "no entry in the response"
                                                            : entry.errorMessage())
                                            .build())
                            .build(),
                    "events:PutEvents",
                    busName);
        }
        return entry.eventId();
    }
}
