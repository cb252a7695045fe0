/**
 * {@code bin/benchmark --cost} and {@code --key-heat}: a month of mail replayed through the
 * recorder on moto's DynamoDB, each call metered by DynamoDB's sizing rules: what it costs, and
 * where the write units land per partition-key value (the key-heat guard holds the table to it).
 */
package io.sesfeedback.tools.cost;
