package io.sesfeedback.tools.cost;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.tools.LocalTool;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * bin/benchmark --cost and --key-heat's command line: the month's options ({@link CostOptions}),
 * then the replay.
 */
@Command(
        name = "cost",
        hidden = true,
        description = "bin/benchmark --cost|--key-heat: what recording a month of mail costs.")
public final class CostCommand extends LocalTool {

    private long mails = 1_000_000;
    private int sample = 10_000;
    private int recipients = 1;
    private int addresses = CostOptions.FRESH_ADDRESSES;
    private double bounces = 0.02;
    private double complaints = 0.0005;
    private double deliveries = 1;
    private double sends = 0;
    private double opens = 0;
    private double clicks = 0;
    private double bothFormats = 0;
    private final Map<String, String> variables = new LinkedHashMap<>();

    @Option(
            names = "--key-heat",
            description = "Where the write units land, instead of what they cost.")
    boolean keyHeat;

    @Option(names = "--mails", paramLabel = "N")
    void mails(String value) {
        mails = checked(() -> CostOptions.whole("--mails", value));
    }

    @Option(names = "--sample", paramLabel = "N")
    void sample(String value) {
        sample = (int) (long) checked(() -> CostOptions.whole("--sample", value));
    }

    @Option(names = "--recipients", paramLabel = "N")
    void recipients(String value) {
        recipients = (int) (long) checked(() -> CostOptions.whole("--recipients", value));
    }

    @Option(names = "--addresses", paramLabel = "N")
    void addresses(String value) {
        addresses = (int) (long) checked(() -> CostOptions.whole("--addresses", value));
    }

    @Option(names = "--bounces", paramLabel = "SHARE")
    void bounces(String value) {
        bounces = checked(() -> CostOptions.share("--bounces", value));
    }

    @Option(names = "--complaints", paramLabel = "SHARE")
    void complaints(String value) {
        complaints = checked(() -> CostOptions.share("--complaints", value));
    }

    @Option(names = "--deliveries", paramLabel = "SHARE")
    void deliveries(String value) {
        deliveries = checked(() -> CostOptions.share("--deliveries", value));
    }

    @Option(names = "--sends", paramLabel = "SHARE")
    void sends(String value) {
        sends = checked(() -> CostOptions.share("--sends", value));
    }

    @Option(names = "--opens", paramLabel = "SHARE")
    void opens(String value) {
        opens = checked(() -> CostOptions.share("--opens", value));
    }

    @Option(names = "--clicks", paramLabel = "SHARE")
    void clicks(String value) {
        clicks = checked(() -> CostOptions.share("--clicks", value));
    }

    @Option(names = "--both-formats", paramLabel = "SHARE")
    void bothFormats(String value) {
        bothFormats = checked(() -> CostOptions.share("--both-formats", value));
    }

    @Option(names = "--RECORD_RETENTION_DAYS", paramLabel = "N")
    void recordRetentionDays(String value) {
        variables.put("RECORD_RETENTION_DAYS", value);
    }

    @Option(names = "--DELIVERY_RETENTION_DAYS", paramLabel = "N")
    void deliveryRetentionDays(String value) {
        variables.put("DELIVERY_RETENTION_DAYS", value);
    }

    @Option(names = "--STORE_DELIVERY_BODIES", paramLabel = "Enabled|Disabled")
    void storeDeliveryBodies(String value) {
        variables.put("STORE_DELIVERY_BODIES", value);
    }

    /** The options given, checked against each other. */
    CostOptions options() {
        if (bounces + complaints > 1) {
            throw new IllegalArgumentException("--bounces and --complaints add up to more than 1");
        }
        if (addresses != CostOptions.FRESH_ADDRESSES && addresses < recipients) {
            throw new IllegalArgumentException(
                    "--addresses must be at least --recipients, so that a mail names each address once");
        }
        return new CostOptions(
                mails,
                sample,
                recipients,
                addresses,
                bounces,
                complaints,
                deliveries,
                sends,
                opens,
                clicks,
                bothFormats,
                new LinkedHashMap<>(variables));
    }

    /**
     * The options in {@code args}, as a test gives them; a wrong one is an IllegalArgumentException
     * saying what is wrong.
     */
    static CostOptions parse(String... args) {
        CostCommand command = new CostCommand();
        try {
            new CommandLine(command).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(command.problem(e), e);
        }
        return command.options();
    }

    @Override
    protected String usage() {
        return CostOptions.USAGE;
    }

    @Override
    public Integer call() throws Exception {
        CostOptions options = checked(this::options);
        CostBenchmark benchmark =
                new CostBenchmark(
                        options,
                        CloudFormationTemplate.load(Path.of("template.yaml")),
                        keyHeat ? new KeyHeat() : null);
        benchmark.run(System.out);
        return 0;
    }
}
