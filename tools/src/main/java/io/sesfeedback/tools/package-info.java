/**
 * The tools, under one picocli root command ({@link io.sesfeedback.tools.SesFeedback}): the
 * operator command {@code bin/ses-feedback} with its subcommands, and, hidden from its help, the
 * local tools {@code bin/replay}, {@code bin/load} and {@code bin/benchmark}. Here: the root, the
 * one-line error contract ({@code ErrorReport}, {@code UserError}) and the time option every report
 * takes ({@code Since}). Each subpackage serves one kind of work.
 */
package io.sesfeedback.tools;
