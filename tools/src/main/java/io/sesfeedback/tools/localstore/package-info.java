/**
 * The local store (the feedback table on moto's DynamoDB, kept in a journal under
 * target/local-store) and {@code bin/replay}, which fills it by running event files through the
 * real handler; the operator command reads it.
 */
package io.sesfeedback.tools.localstore;
