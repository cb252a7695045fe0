package io.sesfeedback.suppressionevents;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of stream records: the recorder's suppressions among them put on the bus in order, at
 * most {@value #ENTRIES} a request, until the bus refuses one. What it answers names the first
 * record whose event the bus did not take: Lambda retries the batch from that record (partial batch
 * response), so nothing after it is lost, and the events after it that the bus did take are put
 * again, with the same changeId.
 */
public final class SuppressionPublishing {

    /** PutEvents takes at most 10 entries a request (API_PutEvents.html, Entries). */
    static final int ENTRIES = 10;

    /** The event bus. */
    public interface Bus {
        /**
         * Puts the events, at most {@value #ENTRIES}, in one request; answers the index of the
         * first entry the bus refused, or -1 when it took them all. A failed request throws.
         */
        Refusal put(List<SuppressionEvent> events);
    }

    /** The first entry the bus refused ({@code index}, -1 for none) and why. */
    public record Refusal(int index, String errorCode, String errorMessage) {
        public static final Refusal NONE = new Refusal(-1, null, null);

        boolean any() {
            return index >= 0;
        }
    }

    /**
     * What the batch did: the events published, and, when the bus refused one or failed, the
     * sequence number of the first record to retry from and why.
     */
    public record Outcome(
            List<SuppressionEvent> published,
            SuppressionEvent firstRefused,
            String refusal,
            RuntimeException failure) {

        /** The sequence number Lambda retries the batch from; null when all went through. */
        public String retryFrom() {
            return firstRefused == null ? null : firstRefused.sequenceNumber();
        }
    }

    private final Bus bus;

    public SuppressionPublishing(Bus bus) {
        this.bus = bus;
    }

    public Outcome publish(List<SuppressionEvent> events) {
        List<SuppressionEvent> published = new ArrayList<>();
        for (int from = 0; from < events.size(); from += ENTRIES) {
            List<SuppressionEvent> request =
                    events.subList(from, Math.min(events.size(), from + ENTRIES));
            Refusal refusal;
            try {
                refusal = bus.put(request);
            } catch (RuntimeException failed) {
                return new Outcome(published, request.get(0), failed.getMessage(), failed);
            }
            if (refusal.any()) {
                published.addAll(request.subList(0, refusal.index()));
                return new Outcome(
                        published,
                        request.get(refusal.index()),
                        refusal.errorCode() + ": " + refusal.errorMessage(),
                        null);
            }
            published.addAll(request);
        }
        return new Outcome(published, null, null, null);
    }
}
