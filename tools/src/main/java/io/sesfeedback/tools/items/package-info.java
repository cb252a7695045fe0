/**
 * The feedback table's items as the commands read, print and delete them: text and CSV cells
 * ({@code Items}), one JSON line per item ({@code ItemJson}), an address as the recorder keys it
 * ({@code Addresses}), everything stored about one address ({@code AddressItems}) and deleting it
 * in batches ({@code BatchDelete}); the member account an item on a hub came from ({@code
 * MemberAccount}, {@code MessageAccounts} for a batch of message ids) and whether a message id is
 * SNS's or EventBridge's ({@code MessageIds}).
 */
package io.sesfeedback.tools.items;
