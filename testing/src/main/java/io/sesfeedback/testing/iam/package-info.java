/**
 * Least privilege shown from recorded calls: every call an SDK client makes as IAM authorises it,
 * and a role of a template evaluated against them (each call allowed, each grant used).
 */
package io.sesfeedback.testing.iam;
