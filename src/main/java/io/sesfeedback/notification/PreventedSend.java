package io.sesfeedback.notification;

import java.util.Set;

/**
 * A bounce or complaint that is not one: SES accepted the mail but never tried to deliver it,
 * because the address was on the account's or the tenant's suppression list. SES leaves such sends
 * out of its bounce rate, so the recorder counts them apart ({@code preventedSends}) and the
 * reports leave them out of their bounce and complaint figures. {@code Suppressed} (SES's global
 * list) is not one of them: SES counts it as a bounce.
 */
public final class PreventedSend {

    /** What the reports call them, beside the bounces. */
    public static final String LABEL = "prevented (on the suppression list)";

    // "OnAccountSuppressionList ... This does not count toward your bounce rate metric."
    // https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
    static final String ON_ACCOUNT_LIST = "OnAccountSuppressionList";

    // "did not send the message to this address because it is on the suppression list for your
    // tenant"; that it stays out of the rate like the account list's is our reading, not stated:
    // https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html
    static final String ON_TENANT_LIST = "OnTenantSuppressionList";

    // Suppressed stays a bounce: "SES counts the messages that you send to addresses on the global
    // suppression list toward the bounce rate for your account"
    // https://docs.aws.amazon.com/ses/latest/dg/sending-email-global-suppression-list.html
    private static final Set<String> BOUNCE_SUB_TYPES = Set.of(ON_ACCOUNT_LIST, ON_TENANT_LIST);

    // "If the value is OnAccountSuppressionList, Amazon SES accepted the message, but didn't
    // attempt to send it"; no recipient saw it, so no complaint counts (our reading), same page
    private static final Set<String> COMPLAINT_SUB_TYPES = Set.of(ON_ACCOUNT_LIST);

    private PreventedSend() {}

    /** Whether a bounce of this {@code bounceSubType} is a prevented send (null: no). */
    public static boolean isPrevented(String bounceSubType) {
        return bounceSubType != null && BOUNCE_SUB_TYPES.contains(bounceSubType);
    }

    /**
     * Whether a message of this type is a prevented send: a bounce by its {@code bounceSubType}, a
     * complaint by its {@code complaintSubType}.
     */
    public static boolean isPrevented(
            MessageType type, String bounceSubType, String complaintSubType) {
        return switch (type) {
            case BOUNCE -> isPrevented(bounceSubType);
            case COMPLAINT ->
                    complaintSubType != null && COMPLAINT_SUB_TYPES.contains(complaintSubType);
            default -> false;
        };
    }
}
