package io.sesfeedback.tools.targets;

/**
 * One environment of samconfig.toml as {@code --all} reads it: its stack, and the profile and
 * region it is read with (null: the command's --profile or --region, else the AWS defaults).
 */
public record Environment(String name, String stack, String profile, String region) {}
