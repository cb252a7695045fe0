/**
 * Who must not be mailed: {@code suppressed} (the list), {@code forget} (everything about one
 * address, and with --ses from SES's list) and {@code ses-suppression} (SES's account-level
 * suppression list kept in step with the table, its calls paced by {@code SesSuppressionList}).
 */
package io.sesfeedback.tools.suppression;
