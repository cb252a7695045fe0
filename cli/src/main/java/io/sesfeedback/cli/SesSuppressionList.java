package io.sesfeedback.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * SES's account-level suppression list (SES API v2), paced: one call per {@code spacing}, so that a long list stays
 * within SES's per-account request rate; the SDK's retries take care of an occasional throttle.
 */
final class SesSuppressionList {

    /** One entry of the list: an address, BOUNCE or COMPLAINT, and when SES last changed it. */
    record Entry(String address, SuppressionListReason reason, Instant lastUpdated) {
    }

    private static final int PAGE_SIZE = 1000;

    private final SesV2Client ses;
    private final Duration spacing;
    private long lastCall = Long.MIN_VALUE;

    SesSuppressionList(SesV2Client ses, Duration spacing) {
        this.ses = ses;
        this.spacing = spacing;
    }

    /** Every entry, page by page. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        String next = null;
        do {
            pace();
            String token = next;
            ListSuppressedDestinationsResponse page = ses.listSuppressedDestinations(r -> r.pageSize(PAGE_SIZE).nextToken(token));
            page.suppressedDestinationSummaries().forEach(summary -> entries.add(new Entry(
                    summary.emailAddress().toLowerCase(Locale.ROOT), summary.reason(), summary.lastUpdateTime())));
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return entries;
    }

    void put(String address, SuppressionListReason reason) {
        pace();
        ses.putSuppressedDestination(r -> r.emailAddress(address).reason(reason));
    }

    /** False when SES did not list the address. */
    boolean delete(String address) {
        pace();
        try {
            ses.deleteSuppressedDestination(r -> r.emailAddress(address));
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    private void pace() {
        if (lastCall != Long.MIN_VALUE) {
            long wait = lastCall + spacing.toNanos() - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while pacing SES calls", e);
                }
            }
        }
        lastCall = System.nanoTime();
    }
}
