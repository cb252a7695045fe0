/**
 * The feedback table's items as the commands read, print and delete them: text and CSV cells
 * ({@code Items}), one JSON line per item ({@code ItemJson}), an address as the recorder keys it
 * ({@code Addresses}), everything stored about one address ({@code AddressItems}) and deleting it
 * in batches ({@code BatchDelete}).
 */
package io.sesfeedback.tools.items;
