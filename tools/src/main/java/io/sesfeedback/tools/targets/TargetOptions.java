package io.sesfeedback.tools.targets;

import io.sesfeedback.tools.localstore.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command reads and writes: the local store (default), or a deployed stack and its outputs.
 */
public final class TargetOptions {

    @Option(
            names = "--env",
            paramLabel = "dev|stg|prod|hub",
            description =
                    "A deployed environment: its stack name comes from samconfig.toml. On a hub (the stack's"
                            + " StackMode output), figures are broken down by member account.")
    String env;

    @Option(names = "--stack", paramLabel = "NAME", description = "A deployed stack, by name.")
    String stack;

    @Option(names = "--region", description = "AWS region (default: the AWS CLI's configuration).")
    String region;

    @Option(
            names = "--profile",
            description = "AWS profile (default: the AWS default credential chain).")
    String profile;

    @Option(names = "--table", description = "The feedback table, instead of the stack's output.")
    String table;

    @Option(
            names = "--queue-url",
            description = "The failed-feedback queue, instead of the stack's output.")
    String queueUrl;

    @Option(names = "--endpoint-url", description = "Send every AWS call here (an emulator).")
    URI endpointUrl;

    @Option(
            names = "--local-store",
            paramLabel = "DIR",
            description =
                    "The local store's folder (default: "
                            + LocalStore.DEFAULT_FOLDER
                            + " in the project, filled by bin/replay).")
    Path localStore;

    @Option(names = "--debug", description = "Show the stack trace of an error.")
    boolean debug;

    /** A deployed environment or stack, or a table given alone: not the local store. */
    public boolean deployed() {
        return env != null || stack != null || table != null;
    }

    /** A stack named by --env or --stack. */
    public boolean namesStack() {
        return env != null || stack != null;
    }

    /** --env; null without it. */
    public String env() {
        return env;
    }

    /** --profile; null without it (the AWS default credential chain). */
    public String profile() {
        return profile;
    }

    /** --debug: a stack trace with each error. */
    public boolean debug() {
        return debug;
    }

    /**
     * These options for one environment of {@code --all}: its stack, profile and region, and this
     * command's endpoint.
     */
    TargetOptions forEnvironment(Environment environment) {
        TargetOptions options = new TargetOptions();
        options.env = environment.name();
        options.stack = environment.stack();
        options.profile = environment.profile();
        options.region = environment.region();
        options.endpointUrl = endpointUrl;
        options.debug = debug;
        return options;
    }

    /** --region; null without it (the AWS configuration's). */
    public String region() {
        return region;
    }

    /**
     * Where the target is, for messages: {@code " in region R"} or {@code " in the configured
     * region"}.
     */
    public String inRegion() {
        return region != null ? " in region " + region : " in the configured region";
    }
}
