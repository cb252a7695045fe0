package io.sesfeedback.tools.load;

import io.sesfeedback.tools.load.LoadGenerator.Kind;
import io.sesfeedback.tools.load.LoadGenerator.Notification;
import io.sesfeedback.tools.load.LoadGenerator.SesEvent;
import io.sesfeedback.tools.load.TableTally.Count;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the table should hold after a load run, worked out from the generator's model in plain Java,
 * without any of the recorder's code:
 *
 * <ul>
 *   <li>one message item per distinct SNS MessageId;
 *   <li>per distinct feedback about an address (lower-cased), one recipient event and one claim,
 *       whichever copy came first; a redelivery, the other format's copy or a second mention in one
 *       notification adds nothing;
 *   <li>a status item per address that bounced or complained, its counters counting distinct
 *       feedback, suppressed after a permanent bounce or a complaint.
 * </ul>
 */
final class ExpectedTally {

    private ExpectedTally() {}

    static TableTally of(List<Notification> stream) {
        TableTally tally = new TableTally();
        Map<String, Map<String, Kind>> feedbackByAddress = new HashMap<>();
        for (Notification notification : stream) {
            tally.message(notification.snsMessageId());
            SesEvent event = notification.event();
            for (String spelled : event.recipients()) {
                String address = spelled.toLowerCase(Locale.ROOT);
                feedbackByAddress
                        .computeIfAbsent(address, a -> new HashMap<>())
                        .put(identity(event, address), event.kind());
            }
        }
        feedbackByAddress.forEach(
                (address, feedback) -> {
                    tally.add(address, Count.EVENTS, feedback.size());
                    for (Kind kind : feedback.values()) {
                        Count counter = counter(kind);
                        if (counter != null) {
                            tally.add(address, counter, 1);
                        }
                    }
                    if (feedback.values().stream().anyMatch(kind -> counter(kind) != null)) {
                        tally.add(address, Count.STATUSES, 1);
                    }
                    if (feedback.containsValue(Kind.PERMANENT_BOUNCE)
                            || feedback.containsValue(Kind.COMPLAINT)) {
                        tally.add(address, Count.SUPPRESSED, 1);
                    }
                });
        return tally;
    }

    /**
     * Equal for two notifications that report the same feedback about one address: a bounce or
     * complaint by its feedbackId, any other event by its mail, kind and timestamp.
     */
    private static String identity(SesEvent event, String address) {
        return switch (event.kind()) {
            case PERMANENT_BOUNCE, TRANSIENT_BOUNCE, UNDETERMINED_BOUNCE ->
                    "bounce " + event.feedbackId() + " " + address;
            case COMPLAINT -> "complaint " + event.feedbackId() + " " + address;
            default ->
                    String.join(
                            " ",
                            event.mail().messageId(),
                            event.kind().name(),
                            address,
                            event.at().toString());
        };
    }

    /** The status counter a kind of feedback adds to, or null. */
    private static Count counter(Kind kind) {
        return switch (kind) {
            case PERMANENT_BOUNCE -> Count.PERMANENT_BOUNCES;
            case TRANSIENT_BOUNCE -> Count.TRANSIENT_BOUNCES;
            case UNDETERMINED_BOUNCE -> Count.UNDETERMINED_BOUNCES;
            case COMPLAINT -> Count.COMPLAINTS;
            default -> null;
        };
    }
}
