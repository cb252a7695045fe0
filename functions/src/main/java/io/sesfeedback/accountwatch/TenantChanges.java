package io.sesfeedback.accountwatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the tenants read now differ from those stored: the changes to publish (one per tenant, the
 * worst first, deleted tenants last), the states to store and the tenants to forget. A tenant not
 * stored is new (every tenant, on the first check that reads tenants); one stored but not read is
 * deleted, only when SES listed every tenant.
 */
public record TenantChanges(
        List<Change> changes, List<TenantState> toStore, List<String> deletedArns) {

    /** The field of a tenant's change: {@code tenant acme}. */
    static final String FIELD_PREFIX = "tenant ";

    static final TenantChanges NONE = new TenantChanges(List.of(), List.of(), List.of());

    /**
     * @param stored the states stored, by ARN
     * @param read the tenants SES listed
     * @param allListed whether SES listed every tenant (else none reads as deleted)
     * @param allFindings whether every open finding was listed (else each tenant keeps the findings
     *     stored: a partial list would read as closed findings)
     */
    static TenantChanges between(
            Map<String, TenantState> stored,
            Collection<TenantState> read,
            boolean allListed,
            boolean allFindings) {
        List<TenantState> changed = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (TenantState now : read) {
            TenantState before = stored.get(now.arn());
            TenantState state = allFindings || before == null ? now : now.withFindingsOf(before);
            seen.add(state.arn());
            if (!state.sameAs(before)) {
                changed.add(state);
            }
        }
        changed.sort(TenantState.WORST_FIRST);
        List<Change> changes = new ArrayList<>();
        for (TenantState state : changed) {
            TenantState before = stored.get(state.arn());
            changes.add(
                    new Change(
                            FIELD_PREFIX + state.name(),
                            before == null ? null : before.describe(),
                            state.describe()));
        }
        List<String> deleted = new ArrayList<>();
        if (allListed) {
            stored.values().stream()
                    .filter(s -> !seen.contains(s.arn()))
                    .sorted(TenantState.WORST_FIRST)
                    .forEach(
                            s -> {
                                deleted.add(s.arn());
                                changes.add(
                                        new Change(
                                                FIELD_PREFIX + s.name(), s.describe(), "deleted"));
                            });
        }
        return new TenantChanges(List.copyOf(changes), List.copyOf(changed), List.copyOf(deleted));
    }

    static boolean isTenant(Change change) {
        return change.field().startsWith(FIELD_PREFIX);
    }
}
