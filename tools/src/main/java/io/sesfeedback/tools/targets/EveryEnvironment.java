package io.sesfeedback.tools.targets;

import io.sesfeedback.tools.ErrorReport;
import io.sesfeedback.tools.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --all}: a command run on every environment of samconfig.toml ({@link Environments}), each
 * opened as its own {@link Target} with its own profile and region. An environment that cannot be
 * read (no stack, access denied, no credentials) is an outcome with its error, not the end of the
 * command.
 */
public final class EveryEnvironment {

    @Option(
            names = "--all",
            description =
                    "Every environment of samconfig.toml, one row each, each read with its own profile and region"
                            + " (samconfig.toml's profile and region, else SES_FEEDBACK_<ENV>_PROFILE and"
                            + " SES_FEEDBACK_<ENV>_REGION, else --profile and --region).")
    boolean all;

    @Option(
            names = "--config-file",
            paramLabel = "FILE",
            description = "With --all: the samconfig.toml to read (default: the project's).")
    Path configFile;

    /** What reading one environment gave: its value, or the one-line error it failed with. */
    public record Outcome<R>(Environment environment, R value, String error, Exception cause) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Whether the command was asked for every environment. */
    public boolean asked() {
        return all;
    }

    /**
     * --all reads samconfig.toml's environments: options that name one target do not go with it.
     */
    public void check(TargetOptions options) {
        if (configFile != null && !all) {
            throw new UserError("--config-file goes with --all");
        }
        if (all
                && (options.namesStack()
                        || options.table != null
                        || options.queueUrl != null
                        || options.localStore != null)) {
            throw new UserError(
                    "--all reads every environment of samconfig.toml: leave out --env, --stack,"
                            + " --table, --queue-url and --local-store");
        }
    }

    /** The environments, in samconfig.toml's order, with {@code variables} for the mapping. */
    public List<Environment> environments(TargetOptions options, UnaryOperator<String> variables) {
        return Environments.of(
                configFile != null ? configFile : Home.resolve("samconfig.toml"),
                variables,
                options.profile,
                options.region);
    }

    /**
     * {@code reading} on each environment's target, in order; whatever fails (opening the target or
     * reading it) is that environment's error.
     */
    public <R> List<Outcome<R>> read(
            AwsClients aws, TargetOptions options, Function<Target, R> reading) {
        List<Outcome<R>> outcomes = new ArrayList<>();
        for (Environment environment : environments(options, System::getenv)) {
            try (Target target = Target.open(aws, options.forEnvironment(environment))) {
                outcomes.add(new Outcome<>(environment, reading.apply(target), null, null));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome<>(environment, null, ErrorReport.describe(e), e));
            }
        }
        return outcomes;
    }
}
