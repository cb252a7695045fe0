/**
 * Reading what the recorder stored: {@code report} (a window by type and domain), {@code export}
 * (one row per recipient), {@code history} (one address) and {@code message} (one SES or SNS
 * message id). On a hub, {@code MemberTallies} is report's count per member account.
 */
package io.sesfeedback.tools.reports;
