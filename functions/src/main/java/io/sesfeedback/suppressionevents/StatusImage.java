package io.sesfeedback.suppressionevents;

/**
 * What one image of a recipient's status item says about its suppression: the recorder's attributes
 * ({@code suppressed}, {@code suppressionReason}, {@code suppressedBy}, {@code updatedAt}) and the
 * operator commands' ({@code suppressionSource}, {@code unsuppressedAt}). A string the item lacks
 * is null.
 */
public record StatusImage(
        String address,
        boolean suppressed,
        String suppressionReason,
        String suppressedBy,
        String suppressedAt,
        String updatedAt,
        String suppressionSource,
        String unsuppressedAt) {

    /** An operator suppressed it (bin/ses-feedback suppress or import), not the recorder. */
    boolean suppressedByOperator() {
        return suppressionSource != null;
    }
}
