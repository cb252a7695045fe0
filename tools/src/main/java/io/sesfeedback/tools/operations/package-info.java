/**
 * Running a deployed stack: {@code status} (SES's standing and the headroom to its thresholds; with
 * --all one {@code EnvironmentRow} per environment, printed by {@code EnvironmentTable}), {@code
 * resume} (after the circuit breaker paused sending), {@code redrive} (records what the two redrive
 * queues hold) and {@code backfill} (a one-off after upgrading a stack recorded by an earlier
 * version). On a hub, {@code status} is one {@code MemberStatus} per member account, printed by
 * {@code MemberTable}.
 */
package io.sesfeedback.tools.operations;
