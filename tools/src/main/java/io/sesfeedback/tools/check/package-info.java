/**
 * {@code check}: after a deploy, proves the stack on the account, one ✓ or ✗ line each: what it
 * reads of the stack ({@code StackReadChecks}) and the mailbox-simulator mail it sends through each
 * wiring ({@code SimulatorSends}); on a hub or a member stack, its bus policy, rules and forwarding
 * ({@code HubChecks}).
 */
package io.sesfeedback.tools.check;
