package io.sesfeedback.tools.suppression;

import io.sesfeedback.tools.targets.Target;
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
 * One of SES's suppression lists (SES API v2): the account-level list, or a tenant's (the same
 * calls with TenantName,
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_PutSuppressedDestination.html), paced:
 * one call per {@code spacing}, so that a long list stays within SES's per-account request rate;
 * the SDK's retries take care of an occasional throttle.
 */
public final class SesSuppressionList {

    /** One entry of the list: an address, BOUNCE or COMPLAINT, and when SES last changed it. */
    record Entry(String address, SuppressionListReason reason, Instant lastUpdated) {}

    private static final int PAGE_SIZE = 1000;

    /**
     * Time as the pacing reads and spends it: the JVM's, or a test's, so that a busy machine cannot
     * blur the spacing.
     */
    interface Ticker {
        long nanoTime();

        void sleep(long nanos) throws InterruptedException;

        Ticker SYSTEM =
                new Ticker() {
                    @Override
                    public long nanoTime() {
                        return System.nanoTime();
                    }

                    @Override
                    public void sleep(long nanos) throws InterruptedException {
                        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    }
                };
    }

    private final SesV2Client ses;
    private final Duration spacing;
    private final Ticker ticker;
    private final String tenant;
    private long lastCall = Long.MIN_VALUE;

    /** The list on the target's SES account, its calls spaced by {@code spacing}. */
    static SesSuppressionList of(Target target, Duration spacing) {
        return new SesSuppressionList(target.client(SesV2Client.builder(), "sesv2"), spacing);
    }

    SesSuppressionList(SesV2Client ses, Duration spacing) {
        this(ses, spacing, Ticker.SYSTEM);
    }

    SesSuppressionList(SesV2Client ses, Duration spacing, Ticker ticker) {
        this(ses, spacing, ticker, null);
    }

    /** {@code tenant}'s list; the account's when null. */
    SesSuppressionList(SesV2Client ses, Duration spacing, String tenant) {
        this(ses, spacing, Ticker.SYSTEM, tenant);
    }

    /** {@code tenant}: the tenant whose list this is; null for the account's. */
    SesSuppressionList(SesV2Client ses, Duration spacing, Ticker ticker, String tenant) {
        this.ses = ses;
        this.spacing = spacing;
        this.ticker = ticker;
        this.tenant = tenant;
    }

    /** "SES's account-level suppression list", or the tenant's. */
    String name() {
        return tenant == null
                ? "SES's account-level suppression list"
                : "tenant " + tenant + "'s suppression list on SES";
    }

    /** The tenant whose list this is; null for the account's. */
    String tenant() {
        return tenant;
    }

    /** Every entry, page by page. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        String next = null;
        do {
            pace();
            String token = next;
            ListSuppressedDestinationsResponse page =
                    ses.listSuppressedDestinations(
                            r -> r.pageSize(PAGE_SIZE).nextToken(token).tenantName(tenant));
            page.suppressedDestinationSummaries()
                    .forEach(
                            summary ->
                                    entries.add(
                                            new Entry(
                                                    summary.emailAddress().toLowerCase(Locale.ROOT),
                                                    summary.reason(),
                                                    summary.lastUpdateTime())));
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return entries;
    }

    void put(String address, SuppressionListReason reason) {
        pace();
        ses.putSuppressedDestination(
                r -> r.emailAddress(address).reason(reason).tenantName(tenant));
    }

    /** False when SES did not list the address. */
    boolean delete(String address) {
        pace();
        try {
            ses.deleteSuppressedDestination(r -> r.emailAddress(address).tenantName(tenant));
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    private void pace() {
        if (lastCall != Long.MIN_VALUE) {
            long wait = lastCall + spacing.toNanos() - ticker.nanoTime();
            if (wait > 0) {
                try {
                    ticker.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while pacing SES calls", e);
                }
            }
        }
        lastCall = ticker.nanoTime();
    }
}
